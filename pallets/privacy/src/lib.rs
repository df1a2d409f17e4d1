//! # Privacy pallet
//!
//! Decides who may allocate an asset. Every asset has a [`PrivacyPolicy`]: a privacy
//! level plus limits on shares, concurrency, duration, price and the proof profile.
//! An asset has the default policy (private) until its owner sets one, without
//! anything stored ([`Pallet::policy_of`]). The asset registry asks this pallet, on
//! every allocation, whether the
//! consumer may use the asset ([`AccessPolicy::ensure_access`]); a refusal is an error
//! of this pallet naming the reason.
//!
//! ## Terms
//!
//! - **Privacy network**: a group of accounts, created and managed by its owner. Network
//!   ids are handed out in order and never reused.
//! - **Trusted networks**: the networks an account trusts; members of them may use that
//!   account's assets at the `PrivateNetwork` and `P2P` levels.
//! - **Allowed accounts**: accounts an owner allows directly; they may use its assets at
//!   the `P2P` level.
//! - **Levels**: `Private` (the owner only), `PrivateNetwork` (members of a trusted
//!   network), `P2P` (allowed accounts and members of a trusted network),
//!   `PublicNetwork` (members of any network), `FullPublic` (anyone). The owner of an
//!   asset always has access.
//!
//! ## Calls
//!
//! - [`create_network`](Pallet::create_network), [`remove_network`](Pallet::remove_network):
//!   open and close a network.
//! - [`add_member`](Pallet::add_member), [`remove_member`](Pallet::remove_member): manage
//!   a network's members (network owner only).
//! - [`trust_network`](Pallet::trust_network), [`untrust_network`](Pallet::untrust_network):
//!   choose which networks' members may use the caller's assets.
//! - [`allow_account`](Pallet::allow_account), [`disallow_account`](Pallet::disallow_account):
//!   allow single accounts to use the caller's assets at the `P2P` level.
//! - [`set_policy`](Pallet::set_policy): change the policy of an asset the caller owns.
//!
//! ## Deposits
//!
//! Every record a call creates holds [`Config::RecordDeposit`] from the account that
//! made it, under [`HoldReason::RecordDeposit`], and gives it back when the record is
//! removed: a network (from its owner), a member (from the network's owner, who adds
//! it), a trusted network in an account's list (from that account), an allowed
//! account (from the owner allowing it). Policies are the registry's: an asset's
//! deposit covers its policy. So filling storage costs deposits that are locked as
//! long as the records stay, not a fee.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod functions;
mod impl_access_policy;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::fungible};
	use frame_system::pallet_prelude::*;
	use hypermesh_primitives::{traits::AssetInspect, AssetId, PrivacyNetworkId};
	use sp_runtime::traits::StaticLookup;

	/// The current storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	/// The privacy pallet.
	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the privacy pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency policy prices are expressed in, and record deposits held in.
		type Currency: fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// The asset registry: tells who owns an asset.
		type Assets: AssetInspect<Self::AccountId, BlockNumberFor<Self>>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// The deposit each network, member, trusted network and allowed account holds
		/// from the account that created it while it is stored.
		#[pallet::constant]
		type RecordDeposit: Get<BalanceOf<Self>>;

		/// The most members one network may have.
		#[pallet::constant]
		type MaxMembers: Get<u32>;

		/// The most networks one account may own.
		#[pallet::constant]
		type MaxNetworksPerOwner: Get<u32>;

		/// The most networks one account may trust.
		#[pallet::constant]
		type MaxTrustedNetworks: Get<u32>;

		/// The most accounts one owner may allow directly.
		#[pallet::constant]
		type MaxAllowedAccounts: Get<u32>;

		/// The highest `max_concurrent` a policy may set; also the default.
		#[pallet::constant]
		type MaxConcurrentAllocations: Get<u32>;

		/// The highest `max_duration` a policy may set, in blocks; also the default.
		#[pallet::constant]
		type MaxDuration: Get<BlockNumberFor<Self>>;

		/// Creates assets for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a record a call created (see the crate docs).
		#[codec(index = 0)]
		RecordDeposit,
	}

	/// The id the next network created will get.
	#[pallet::storage]
	pub type NextNetworkId<T: Config> = StorageValue<_, PrivacyNetworkId, ValueQuery>;

	/// The networks that exist: their owner and member count.
	#[pallet::storage]
	pub type Networks<T: Config> =
		StorageMap<_, Blake2_128Concat, PrivacyNetworkId, NetworkInfo<T::AccountId>>;

	/// Membership: an entry `(network, account)` means the account is a member.
	#[pallet::storage]
	pub type Members<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, PrivacyNetworkId, Blake2_128Concat, T::AccountId, ()>;

	/// How many networks each account is a member of (absent means none).
	#[pallet::storage]
	pub type MembershipCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// How many networks each account owns (absent means none).
	#[pallet::storage]
	pub type NetworksOwned<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The networks each account trusts, in the order it trusted them.
	#[pallet::storage]
	pub type TrustedNetworks<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<PrivacyNetworkId, T::MaxTrustedNetworks>,
		ValueQuery,
	>;

	/// Accounts allowed directly: an entry `(owner, account)` lets the account use the
	/// owner's `P2P` assets.
	#[pallet::storage]
	pub type AllowedAccounts<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Blake2_128Concat, T::AccountId, ()>;

	/// How many accounts each owner allows directly (absent means none).
	#[pallet::storage]
	pub type AllowedCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The policy each asset's owner set; an asset without one has the default
	/// ([`Pallet::policy_of`]).
	#[pallet::storage]
	pub type Policies<T: Config> = StorageMap<_, Blake2_128Concat, AssetId, PolicyOf<T>>;

	/// Events of the privacy pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A network was created.
		NetworkCreated {
			/// The new network's id.
			network: PrivacyNetworkId,
			/// Its owner.
			owner: T::AccountId,
		},
		/// An account joined a network.
		MemberAdded {
			/// The network.
			network: PrivacyNetworkId,
			/// The new member.
			member: T::AccountId,
		},
		/// An account left a network.
		MemberRemoved {
			/// The network.
			network: PrivacyNetworkId,
			/// The former member.
			member: T::AccountId,
		},
		/// A network was removed.
		NetworkRemoved {
			/// The removed network's id.
			network: PrivacyNetworkId,
		},
		/// An account began trusting a network.
		NetworkTrusted {
			/// The trusting account.
			owner: T::AccountId,
			/// The network it trusts.
			network: PrivacyNetworkId,
		},
		/// An account stopped trusting a network.
		NetworkUntrusted {
			/// The account.
			owner: T::AccountId,
			/// The network it no longer trusts.
			network: PrivacyNetworkId,
		},
		/// An owner allowed an account directly.
		AccountAllowed {
			/// The owner.
			owner: T::AccountId,
			/// The account allowed.
			account: T::AccountId,
		},
		/// An owner withdrew an account's direct allowance.
		AccountDisallowed {
			/// The owner.
			owner: T::AccountId,
			/// The account no longer allowed.
			account: T::AccountId,
		},
		/// An asset's policy changed.
		PolicySet {
			/// The asset.
			asset: AssetId,
			/// Its new policy.
			policy: PolicyOf<T>,
		},
	}

	/// Errors of the privacy pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The caller already owns as many networks as allowed.
		TooManyNetworks,
		/// No network has this id.
		UnknownNetwork,
		/// Only the network's owner may do this.
		NotNetworkOwner,
		/// The account is already a member of the network.
		AlreadyMember,
		/// The network has as many members as allowed.
		TooManyMembers,
		/// The account is not a member of the network.
		NotMember,
		/// The network still has members; remove them first.
		NetworkNotEmpty,
		/// The caller already trusts this network.
		AlreadyTrusted,
		/// The caller already trusts as many networks as allowed.
		TooManyTrustedNetworks,
		/// The caller does not trust this network.
		NotTrusted,
		/// The caller already allows this account.
		AlreadyAllowed,
		/// The caller already allows as many accounts as allowed.
		TooManyAllowedAccounts,
		/// The caller does not allow this account.
		NotAllowed,
		/// No asset has this id.
		UnknownAsset,
		/// Only the asset's owner may do this.
		NotAssetOwner,
		/// `max_concurrent` must be at least 1 and at most `MaxConcurrentAllocations`.
		InvalidConcurrency,
		/// Durations must satisfy 1 <= `min_duration` <= `max_duration` <= `MaxDuration`.
		InvalidDuration,
		/// A policy may not hold the asset's proofs to a weaker profile than the
		/// one it was registered under (Testing < Default < Production).
		ProfileBelowRegistration,
		/// The asset is private: only its owner may use it.
		OwnerOnly,
		/// The consumer is not a member of any network the owner trusts.
		NotInTrustedNetwork,
		/// The consumer is neither allowed by the owner nor a member of a network the
		/// owner trusts.
		NotAllowedPeer,
		/// The consumer is not a member of any network.
		NotNetworkMember,
		/// The account cannot afford the record's deposit.
		InsufficientBalance,
		/// The asset has active allocations, made under its current profile: the
		/// profile may not be lowered until they end.
		ProfileLockedByAllocations,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxMembers::get() >= 1, "MaxMembers must be at least 1");
			assert!(T::MaxNetworksPerOwner::get() >= 1, "MaxNetworksPerOwner must be at least 1");
			assert!(T::MaxTrustedNetworks::get() >= 1, "MaxTrustedNetworks must be at least 1");
			assert!(T::MaxAllowedAccounts::get() >= 1, "MaxAllowedAccounts must be at least 1");
			assert!(
				T::MaxConcurrentAllocations::get() >= 1,
				"MaxConcurrentAllocations must be at least 1"
			);
			assert!(
				T::MaxDuration::get() >= sp_runtime::traits::One::one(),
				"MaxDuration must be at least 1"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Creates a network owned by the caller, with no members.
		///
		/// - `origin`: signed; becomes the owner.
		///
		/// Emits `NetworkCreated`. Fails with `TooManyNetworks` when the caller already
		/// owns `MaxNetworksPerOwner` networks.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_network())]
		pub fn create_network(origin: OriginFor<T>) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_create_network(&owner).map(|_| ())
		}

		/// Adds an account to a network.
		///
		/// - `origin`: signed by the network's owner.
		/// - `network`: the network.
		/// - `who`: the account to add.
		///
		/// Emits `MemberAdded`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::add_member())]
		pub fn add_member(
			origin: OriginFor<T>,
			network: PrivacyNetworkId,
			who: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let who = T::Lookup::lookup(who)?;
			Self::do_add_member(&owner, network, &who)
		}

		/// Removes an account from a network.
		///
		/// - `origin`: signed by the network's owner.
		/// - `network`: the network.
		/// - `who`: the member to remove.
		///
		/// Emits `MemberRemoved`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::remove_member())]
		pub fn remove_member(
			origin: OriginFor<T>,
			network: PrivacyNetworkId,
			who: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let who = T::Lookup::lookup(who)?;
			Self::do_remove_member(&owner, network, &who)
		}

		/// Removes a network that has no members. Accounts that trusted it keep its id in
		/// their list until they untrust it; it grants nothing any more.
		///
		/// - `origin`: signed by the network's owner.
		/// - `network`: the network.
		///
		/// Emits `NetworkRemoved`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::remove_network())]
		pub fn remove_network(origin: OriginFor<T>, network: PrivacyNetworkId) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_remove_network(&owner, network)
		}

		/// Trusts a network: its members may use the caller's assets whose level is
		/// `PrivateNetwork` or `P2P`.
		///
		/// - `origin`: signed; any account.
		/// - `network`: an existing network.
		///
		/// Emits `NetworkTrusted`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::trust_network())]
		pub fn trust_network(origin: OriginFor<T>, network: PrivacyNetworkId) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_trust_network(&owner, network)
		}

		/// Stops trusting a network (which may have been removed meanwhile).
		///
		/// - `origin`: signed; an account that trusts `network`.
		/// - `network`: the network.
		///
		/// Emits `NetworkUntrusted`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::untrust_network())]
		pub fn untrust_network(origin: OriginFor<T>, network: PrivacyNetworkId) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_untrust_network(&owner, network)
		}

		/// Allows an account directly: it may use the caller's assets whose level is `P2P`.
		///
		/// - `origin`: signed; any account.
		/// - `who`: the account to allow.
		///
		/// Emits `AccountAllowed`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::allow_account())]
		pub fn allow_account(origin: OriginFor<T>, who: AccountIdLookupOf<T>) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let who = T::Lookup::lookup(who)?;
			Self::do_allow_account(&owner, &who)
		}

		/// Withdraws an account's direct allowance.
		///
		/// - `origin`: signed; an account that allows `who`.
		/// - `who`: the account.
		///
		/// Emits `AccountDisallowed`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::disallow_account())]
		pub fn disallow_account(origin: OriginFor<T>, who: AccountIdLookupOf<T>) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let who = T::Lookup::lookup(who)?;
			Self::do_disallow_account(&owner, &who)
		}

		/// Replaces the policy of an asset. Allocations already made keep their terms.
		///
		/// - `origin`: signed by the asset's owner.
		/// - `asset`: the asset; until its owner sets a policy it has the default one
		///   (private).
		/// - `policy`: the new policy: `max_concurrent` in 1..=`MaxConcurrentAllocations`,
		///   1 <= `min_duration` <= `max_duration` <= `MaxDuration`; its profile at
		///   least the one the asset was registered under, and not below the current
		///   one while the asset has active allocations.
		///
		/// Emits `PolicySet`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::set_policy())]
		pub fn set_policy(
			origin: OriginFor<T>,
			asset: AssetId,
			policy: PolicyOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_policy(&who, asset, policy)
		}
	}
}
