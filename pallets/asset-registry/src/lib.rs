//! # Asset registry pallet
//!
//! Every computing resource a HyperMesh node offers (CPU, GPU, memory, storage, network,
//! containers) is an on-chain asset. Providers register what their hardware has;
//! consumers allocate shares of it for a number of blocks and pay for the time they use.
//!
//! ## Four proofs
//!
//! Every asset operation stands on four proofs: where, who, what and when.
//!
//! - **Provider operations** (register, heartbeat) carry a [`ProofBundle`] with the four
//!   proofs (space, stake, work, time), checked by the runtime's [`ProofVerifier`].
//! - **Consumer operations** (allocate, release) carry none: any standard client signs
//!   them with the call's arguments alone, and the runtime establishes the four proofs
//!   from the signed extrinsic. *Who*: the signer, and for allocate the payment it holds
//!   for the whole duration ([`HoldReason::AllocationPayment`]). *When*: the block that
//!   includes the call, which starts or ends the allocation. *Where*: the asset is live,
//!   its last passed proof at most [`Config::LivenessWindow`] blocks old. *What*: the call
//!   itself, paid for by its fee. The allocation record and its event keep them: the
//!   consumer, the price held, the start and expiry blocks.
//!
//! ## Terms
//!
//! - **Asset**: an [`AssetRecord`] under an [`AssetId`] derived from the provider, the
//!   class and the provider's registration nonce ([`ProviderNonce`]).
//! - **Global address**: the asset's IPv6 unique-local address, built from the chain's
//!   [`MeshNetworkId`] (from the genesis hash), the class and the id; indexed in
//!   [`AddressIndex`] while the asset is not retired.
//! - **Allocation**: a consumer's share of an asset from a start block to an expiry
//!   block. Its price is held from the consumer ([`HoldReason::AllocationPayment`]) when
//!   it is made; when it is released or expires, the part for the blocks the asset served
//!   goes to the owner and the rest back to the consumer. Blocks in which the asset was
//!   Failed, or its last passed proof older than [`Config::LivenessWindow`], are not
//!   served: the consumer pays nothing for them ([`AssetRecord::unserved_blocks`]). The registry mints nothing: an owner earns only what
//!   consumers pay, so allocating its own asset (at any price) earns it nothing.
//! - **Transfer**: two steps. The owner offers an asset to an account
//!   ([`TransferOffers`]); the asset changes hands only when that account accepts, and
//!   not while the asset has active allocations or open challenges.
//! - **Failed**: an asset that lost a challenge. It takes no allocations and heartbeats
//!   cannot clear it; it returns to service only by answering a challenge correctly.
//! - **Policy**: the asset's [`PrivacyPolicy`] kept by the [`AccessPolicy`] collaborator:
//!   who may allocate, the largest total share, concurrency, duration bounds, price and
//!   the proof profile.
//!
//! ## Calls
//!
//! - [`register`](Pallet::register), [`update_spec`](Pallet::update_spec),
//!   [`set_maintenance`](Pallet::set_maintenance),
//!   [`offer_transfer`](Pallet::offer_transfer),
//!   [`cancel_transfer`](Pallet::cancel_transfer), [`retire`](Pallet::retire),
//!   [`heartbeat`](Pallet::heartbeat), [`set_in_use`](Pallet::set_in_use): the owner's
//!   side of an asset's life.
//! - [`accept_transfer`](Pallet::accept_transfer): the receiver's side of a transfer.
//! - [`allocate`](Pallet::allocate), [`release`](Pallet::release): the consumer's side.
//!
//! Allocations that reach their expiry block are settled in `on_initialize`.
//!
//! [`ProofBundle`]: hypermesh_primitives::ProofBundle
//! [`ProofVerifier`]: hypermesh_primitives::traits::ProofVerifier
//! [`AccessPolicy`]: hypermesh_primitives::traits::AccessPolicy
//! [`AssetRecord`]: hypermesh_primitives::AssetRecord
//! [`AssetRecord::unserved_blocks`]: hypermesh_primitives::AssetRecord::unserved_blocks
//! [`AssetId`]: hypermesh_primitives::AssetId
//! [`MeshNetworkId`]: hypermesh_primitives::MeshNetworkId
//! [`PrivacyPolicy`]: hypermesh_primitives::PrivacyPolicy

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod functions;
mod impl_asset_inspect;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Inspect, Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use hypermesh_primitives::{
		traits::{AccessPolicy, ChallengeInspect, ProofVerifier},
		AllocationId, AssetClass, AssetId, AssetState, CapacitySpec, GlobalAddress, ProfileKind,
	};
	use sp_core::H256;
	use sp_runtime::{traits::StaticLookup, Percent};

	/// The current storage version: 1 counts the blocks an asset did not serve.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	/// The asset registry pallet.
	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the asset registry.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency allocations are paid in; payments are held while they run.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, of which this pallet's [`HoldReason`] is one.
		type RuntimeHoldReason: From<HoldReason>;

		/// Verifies the four proofs that register and heartbeat carry.
		type Proofs: ProofVerifier<Self::AccountId, BalanceOf<Self>, BlockNumberFor<Self>>;

		/// Privacy policies: who may allocate an asset, and on what terms.
		type Access: AccessPolicy<Self::AccountId, BalanceOf<Self>, BlockNumberFor<Self>>;

		/// Open challenges: an asset under challenge cannot change hands.
		type Challenges: ChallengeInspect;

		/// Weights of this pallet's calls and hook.
		type WeightInfo: WeightInfo;

		/// The most assets one account may own at once (retired assets do not count).
		#[pallet::constant]
		type MaxAssetsPerOwner: Get<u32>;

		/// The most allocations one asset may have active at once.
		#[pallet::constant]
		type MaxAllocationsPerAsset: Get<u32>;

		/// The most allocations that may expire in one block.
		#[pallet::constant]
		type MaxExpiriesPerBlock: Get<u32>;

		/// An asset may be allocated while its last passed proof (its registration, a
		/// heartbeat, or the answer that brought it back from Failed) is at most this
		/// many blocks old.
		#[pallet::constant]
		type LivenessWindow: Get<BlockNumberFor<Self>>;

		/// The deposit an asset's owner holds while the asset is registered, released
		/// when it is retired: the price of the storage the asset takes. A change of it
		/// needs a migration that adjusts the holds.
		#[pallet::constant]
		type AssetDeposit: Get<BalanceOf<Self>>;

		/// Prepares providers, plots, proofs and access for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<
			Self::AccountId,
			BalanceOf<Self>,
			BlockNumberFor<Self>,
		>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The price of an active allocation, held from its consumer until it is settled.
		#[codec(index = 0)]
		AllocationPayment,
		/// An asset's deposit, held from its owner while the asset is registered.
		#[codec(index = 1)]
		AssetDeposit,
	}

	/// The registered assets; retiring one removes it.
	#[pallet::storage]
	pub type Assets<T: Config> = StorageMap<_, Blake2_128Concat, AssetId, AssetRecordOf<T>>;

	/// The asset at each global address, for assets that are not retired.
	#[pallet::storage]
	pub type AddressIndex<T: Config> = StorageMap<_, Blake2_128Concat, GlobalAddress, AssetId>;

	/// The assets each account owns, retired ones excluded.
	#[pallet::storage]
	pub type OwnerAssets<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<AssetId, T::MaxAssetsPerOwner>,
		ValueQuery,
	>;

	/// The number of assets each account has registered: the nonce the next asset id is
	/// derived from.
	#[pallet::storage]
	pub type ProviderNonce<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u64, ValueQuery>;

	/// Pending transfers: the account each asset has been offered to by its owner.
	#[pallet::storage]
	pub type TransferOffers<T: Config> = StorageMap<_, Blake2_128Concat, AssetId, T::AccountId>;

	/// The id the next allocation gets.
	#[pallet::storage]
	pub type NextAllocationId<T: Config> = StorageValue<_, AllocationId, ValueQuery>;

	/// The active allocations. Settled allocations are removed; their events remain.
	#[pallet::storage]
	pub type Allocations<T: Config> = StorageMap<_, Twox64Concat, AllocationId, AllocationOf<T>>;

	/// The active allocations of each asset.
	#[pallet::storage]
	pub type AssetAllocations<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		AssetId,
		BoundedVec<AllocationId, T::MaxAllocationsPerAsset>,
		ValueQuery,
	>;

	/// The allocations that expire at each block, settled by `on_initialize` of that block.
	#[pallet::storage]
	pub type Expiries<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<AllocationId, T::MaxExpiriesPerBlock>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An asset was registered.
		AssetRegistered {
			/// The new asset.
			asset: AssetId,
			/// Its owner, the provider who registered it.
			owner: T::AccountId,
			/// Its class.
			class: AssetClass,
			/// Its global address.
			address: GlobalAddress,
		},
		/// An asset's capacity spec was changed.
		SpecUpdated {
			/// The asset.
			asset: AssetId,
		},
		/// An asset was taken out of or put back into service.
		MaintenanceSet {
			/// The asset.
			asset: AssetId,
			/// Whether it is now in maintenance.
			enabled: bool,
		},
		/// An asset's owner offered it to another account.
		TransferOffered {
			/// The asset.
			asset: AssetId,
			/// The owner.
			from: T::AccountId,
			/// The account that may accept it.
			to: T::AccountId,
		},
		/// A pending transfer offer was withdrawn or declined.
		TransferCancelled {
			/// The asset.
			asset: AssetId,
		},
		/// An asset changed hands: its offer was accepted.
		OwnershipTransferred {
			/// The asset.
			asset: AssetId,
			/// The previous owner.
			from: T::AccountId,
			/// The new owner.
			to: T::AccountId,
		},
		/// An asset was retired for good; its address is free.
		AssetRetired {
			/// The asset.
			asset: AssetId,
		},
		/// A share of an asset was allocated to a consumer.
		Allocated {
			/// The new allocation.
			allocation: AllocationId,
			/// The asset.
			asset: AssetId,
			/// The consumer.
			consumer: T::AccountId,
			/// The share of the asset's capacity.
			share: Percent,
			/// The block at which the allocation expires by itself.
			expires_at: BlockNumberFor<T>,
			/// The price held from the consumer for the whole duration.
			price: BalanceOf<T>,
		},
		/// An allocation was released before its expiry and settled.
		Released {
			/// The allocation.
			allocation: AllocationId,
			/// What the consumer paid the owner for the blocks used.
			paid: BalanceOf<T>,
			/// What was returned to the consumer.
			refunded: BalanceOf<T>,
			/// Blocks in which the asset did not serve (Failed, or past its liveness
			/// window), refunded to the consumer.
			unserved: BlockNumberFor<T>,
		},
		/// An allocation reached its expiry block and was settled.
		Expired {
			/// The allocation.
			allocation: AllocationId,
			/// What the consumer paid the owner.
			paid: BalanceOf<T>,
			/// What was returned to the consumer.
			refunded: BalanceOf<T>,
			/// Blocks in which the asset did not serve (Failed, or past its liveness
			/// window), refunded to the consumer.
			unserved: BlockNumberFor<T>,
		},
		/// An asset's provider proved it alive.
		HeartbeatRecorded {
			/// The asset.
			asset: AssetId,
		},
		/// An asset's provider reported whether its allocations are in use.
		UsageReported {
			/// The asset.
			asset: AssetId,
			/// Whether it is in use.
			in_use: bool,
		},
		/// An asset lost a challenge and was marked Failed.
		AssetFailed {
			/// The asset.
			asset: AssetId,
		},
		/// An asset answered an audit or a challenge correctly: it is live again from
		/// this block, and in service if it was Unproven or Failed.
		AssetProven {
			/// The asset.
			asset: AssetId,
			/// Its state now.
			state: AssetState,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The capacity spec does not describe real hardware (a zero quantity, fewer
		/// threads than cores, or a bad GPU model name).
		InvalidSpec,
		/// Another asset already has this global address.
		AddressTaken,
		/// The account owns as many assets as it may.
		TooManyAssets,
		/// No asset has this id.
		UnknownAsset,
		/// Only the asset's owner may do this.
		NotAssetOwner,
		/// The new spec is of another class than the asset.
		ClassMismatch,
		/// The asset has active allocations.
		AssetBusy,
		/// The asset's state does not allow this (it is retired, failed, or not allocated).
		InvalidState,
		/// The account already owns the asset.
		AlreadyOwner,
		/// The asset does not accept allocations (maintenance, failed or retired).
		NotAvailable,
		/// The share allocated must be more than zero.
		ZeroShare,
		/// The duration is zero or outside the policy's minimum and maximum.
		DurationOutOfRange,
		/// The share would take the allocated total above the policy's maximum share.
		CapacityExceeded,
		/// The asset has as many active allocations as its policy or the chain allows.
		TooManyAllocations,
		/// The price is above the limit the consumer set.
		PriceLimitExceeded,
		/// As many allocations expire at that block as the chain allows; choose another
		/// duration.
		ExpiryQueueFull,
		/// The consumer cannot pay the price (or it cannot be held).
		InsufficientBalance,
		/// No active allocation has this id.
		UnknownAllocation,
		/// Only the allocation's consumer or the asset's owner may do this.
		NotAParty,
		/// The asset has no active allocations.
		NotAllocated,
		/// The asset's last passed proof is older than the liveness window; it takes no
		/// allocations until its provider proves it again.
		AssetNotLive,
		/// The asset has open challenges; it cannot change hands until they close.
		AssetChallenged,
		/// The asset has not been offered to the signer.
		NoTransferOffer,
		/// The asset was proven less than half a liveness window ago; its next audit
		/// (a heartbeat or a spec change) is due later.
		AuditTooSoon,
		/// The new spec is the asset's spec already.
		SpecUnchanged,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Settles every allocation that expires at block `n`.
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			Self::expire_allocations(n)
		}

		fn integrity_test() {
			assert!(T::MaxAssetsPerOwner::get() > 0, "MaxAssetsPerOwner must be positive");
			assert!(
				T::MaxAllocationsPerAsset::get() > 0,
				"MaxAllocationsPerAsset must be positive"
			);
			assert!(T::MaxExpiriesPerBlock::get() > 0, "MaxExpiriesPerBlock must be positive");
			assert!(
				!sp_runtime::traits::Zero::is_zero(&T::LivenessWindow::get()),
				"LivenessWindow must be positive"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a computing asset.
		///
		/// - `origin`: signed by the provider, who becomes the owner.
		/// - `spec`: what the asset offers; its class is the asset's class.
		/// - `profile`: the requirement profile its proofs are held to.
		/// - `commitment`, `plot_sectors`: the Merkle root over the provider's plot for this
		///   asset and its number of labels (a power of two): the space commitment.
		/// - `bundle`: the proofs for the registration.
		///
		/// The id is derived from the provider, the class and the provider's nonce; the
		/// asset starts Unproven with the default (Private) policy, and the registration
		/// opens an audit of its plot: the asset enters service (Available) when the
		/// audit is answered correctly. The owner holds [`Config::AssetDeposit`] until
		/// the asset is retired.
		/// Emits `AssetRegistered`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register())]
		pub fn register(
			origin: OriginFor<T>,
			spec: CapacitySpec,
			profile: ProfileKind,
			commitment: H256,
			plot_sectors: u32,
			bundle: ProofBundleOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register(who, spec, profile, commitment, plot_sectors, bundle)
		}

		/// Changes what an asset offers, keeping its class. A new capacity is a new
		/// claim: the call carries proofs for it (the work for the new capacity), and
		/// the asset is Unproven until the audit it opens is answered.
		///
		/// - `origin`: signed by the owner.
		/// - `asset`: the asset, which must have no active allocations or open
		///   challenges, not be in maintenance, and have passed its last proof at least
		///   half a liveness window ago (`AuditTooSoon`).
		/// - `spec`: the new spec, of the asset's class, and not the current one.
		/// - `bundle`: the proofs for the new spec.
		///
		/// Emits `SpecUpdated`, and the four-proof pallet's `Challenged`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_spec())]
		pub fn update_spec(
			origin: OriginFor<T>,
			asset: AssetId,
			spec: CapacitySpec,
			bundle: ProofBundleOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_spec(who, asset, spec, bundle)
		}

		/// Takes an asset out of service, or puts it back.
		///
		/// - `origin`: signed by the owner.
		/// - `asset`: the asset; not retired or failed.
		/// - `enabled`: `true` for maintenance (no new allocations; active ones run on),
		///   `false` to return it to Available or Allocated.
		///
		/// Emits `MaintenanceSet`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_maintenance())]
		pub fn set_maintenance(
			origin: OriginFor<T>,
			asset: AssetId,
			enabled: bool,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_maintenance(who, asset, enabled)
		}

		/// Offers an asset to another account, which becomes its owner when it accepts
		/// ([`accept_transfer`](Pallet::accept_transfer)). A new offer replaces an
		/// earlier one; nothing changes hands until it is accepted.
		///
		/// - `origin`: signed by the owner.
		/// - `asset`: the asset; not retired.
		/// - `new_owner`: the account that may accept it.
		///
		/// Emits `TransferOffered`. Weighed, until benchmarked on its own, as a whole
		/// transfer (`transfer_ownership`), which does more.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::transfer_ownership())]
		pub fn offer_transfer(
			origin: OriginFor<T>,
			asset: AssetId,
			new_owner: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let new_owner = T::Lookup::lookup(new_owner)?;
			Self::do_offer_transfer(who, asset, new_owner)
		}

		/// Retires an asset for good: its record, address, policy and any pending
		/// transfer offer are removed, and its deposit released.
		///
		/// - `origin`: signed by the owner.
		/// - `asset`: the asset, which must have no active allocations or open
		///   challenges.
		///
		/// Emits `AssetRetired`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::retire())]
		pub fn retire(origin: OriginFor<T>, asset: AssetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_retire(who, asset)
		}

		/// Allocates a share of an asset for a number of blocks.
		///
		/// - `origin`: signed by the consumer, who must pass the asset's access check.
		/// - `asset`: the asset; Available, Allocated or InUse.
		/// - `share`: the share of its capacity, above zero; the allocated total may not
		///   exceed the policy's maximum share.
		/// - `duration`: blocks until the allocation expires, within the policy's bounds.
		/// - `price_limit`: the most the consumer will pay. The price is `share` of the
		///   policy's price per block times `duration`, rounded up; it is held from the
		///   consumer until the allocation is settled.
		///
		/// The asset must be live (a passed proof within [`Config::LivenessWindow`]
		/// blocks). No proof bundle: the runtime establishes the four proofs from this
		/// call (see the crate docs). Emits `Allocated`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::allocate())]
		pub fn allocate(
			origin: OriginFor<T>,
			asset: AssetId,
			share: Percent,
			duration: BlockNumberFor<T>,
			price_limit: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_allocate(who, asset, share, duration, price_limit)
		}

		/// Ends an allocation before its expiry and settles it: the owner is paid for the
		/// blocks used and the consumer gets the rest back.
		///
		/// - `origin`: signed by the allocation's consumer or the asset's owner.
		/// - `allocation`: the allocation.
		///
		/// No proof bundle: the runtime establishes the four proofs from this call.
		/// Emits `Released`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::release())]
		pub fn release(origin: OriginFor<T>, allocation: AllocationId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_release(who, allocation)
		}

		/// Asks the chain to audit an asset: the bundle's proofs are checked and an
		/// audit of the plot is opened, seeded in the next block; its correct answer
		/// keeps the asset live (or brings a Failed one back into service).
		///
		/// - `origin`: signed by the owner.
		/// - `asset`: the asset; not retired, and without an audit open. An asset in
		///   service may send one when its last passed proof is at least half the
		///   liveness window old (`AuditTooSoon` before).
		/// - `bundle`: the proofs for the heartbeat.
		///
		/// Emits `HeartbeatRecorded`, and the four-proof pallet's `Challenged`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::heartbeat())]
		pub fn heartbeat(
			origin: OriginFor<T>,
			asset: AssetId,
			bundle: ProofBundleOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_heartbeat(who, asset, bundle)
		}

		/// Reports whether an allocated asset is in use.
		///
		/// - `origin`: signed by the owner.
		/// - `asset`: the asset; Available, Allocated or InUse.
		/// - `in_use`: `true` (needs active allocations) sets InUse; `false` sets Allocated,
		///   or Available when nothing is allocated.
		///
		/// Emits `UsageReported`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::set_in_use())]
		pub fn set_in_use(origin: OriginFor<T>, asset: AssetId, in_use: bool) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_in_use(who, asset, in_use)
		}

		/// Accepts an asset offered to the signer: it becomes the asset's owner. The
		/// asset's plot depends on the asset alone, so the new owner proves it with the
		/// same plot and its own bond: the asset becomes Unproven, the old owner's bond
		/// is freed from it, and the new owner's next heartbeat commits its bond and
		/// opens the audit that brings the asset back into service.
		///
		/// - `origin`: signed by the account the asset was offered to, who must have room
		///   for another asset.
		/// - `asset`: the asset; not retired, with no active allocations and no open
		///   challenges.
		///
		/// Emits `OwnershipTransferred`. Weighed as a whole transfer
		/// (`transfer_ownership`) plus reading the offer and the challenges.
		#[pallet::call_index(9)]
		#[pallet::weight(
			T::WeightInfo::transfer_ownership().saturating_add(T::DbWeight::get().reads(2))
		)]
		pub fn accept_transfer(origin: OriginFor<T>, asset: AssetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept_transfer(who, asset)
		}

		/// Withdraws (the owner) or declines (the receiver) a pending transfer offer.
		///
		/// - `origin`: signed by the asset's owner or the account it was offered to.
		/// - `asset`: the asset with the offer.
		///
		/// Emits `TransferCancelled`. Weighed as a whole transfer
		/// (`transfer_ownership`), which does more.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::transfer_ownership())]
		pub fn cancel_transfer(origin: OriginFor<T>, asset: AssetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_transfer(who, asset)
		}
	}
}
