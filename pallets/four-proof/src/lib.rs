//! # Four-proof pallet
//!
//! Verifies the four proofs (space, stake, work, time) that every HyperMesh
//! asset operation carries, holds provider bonds, runs challenges against
//! providers with slashing and bans, and pays providers for allocated time.
//!
//! ## Terms
//!
//! - **Bundle**: a [`ProofBundle`] with one proof of each kind. The asset
//!   registry hands it, with a [`ProofContext`], to [`ProofVerifier::verify`].
//! - **Profile**: a [`RequirementProfile`] (testing, default or production)
//!   naming the bond, clock offset, plot size, samples and work difficulty an
//!   asset's proofs are held to; see [`Pallet::requirement_profile`].
//! - **Bond**: funds a provider holds under [`HoldReason::ProviderBond`].
//! - **Challenge**: anyone with a bond may make an asset's provider prove its plot
//!   again, holding a [`Config::ChallengeDeposit`] under
//!   [`HoldReason::ChallengeDeposit`] until the challenge ends.
//!
//! ## Verification
//!
//! [`ProofVerifier::verify`] checks, in this order, and fails with the error of
//! the first check that fails; it writes nothing unless every check passes, and
//! then records the bundle's nonce in [`ProofNonces`]:
//!
//! 1. a banned signer may not do provider operations ([`Error::ProviderBanned`]);
//! 2. **time**: the anchor block is in the past, at most [`Config::AnchorWindow`]
//!    blocks old and its hash matches; the timestamp is within the profile's
//!    offset of the chain's clock; the nonce exceeds the signer's last one (so a
//!    replayed bundle is refused);
//! 3. **stake**: providers own the asset and hold at least the profile's bond,
//!    declaring exactly what they hold; consumers allocating commit at least the
//!    payment and can afford it; releasing is for the asset's owner or the
//!    allocation's consumer, with a zero stake;
//! 4. **space**: providers give their plot's commitment and the sectors the anchor
//!    hash samples, with Merkle paths; consumers give the asset's commitment, and
//!    allocation needs a heartbeat within [`Config::LivenessWindow`] blocks;
//! 5. **work**: a nonce meeting the difficulty of a challenge bound to the anchor,
//!    the asset, the operation and the signer; providers' difficulty grows with
//!    the declared capacity, consumers' is the profile's call difficulty.
//!
//! The arithmetic is that of [`hypermesh_primitives::proof`]; providers use
//! [`hypermesh_primitives::prover`] to answer.
//!
//! ## Challenges
//!
//! [`Pallet::challenge`] opens a challenge on an asset. Its seed is the parent
//! block's hash, and its deadline is [`Config::ResponseWindow`] blocks later;
//! the owner answers with [`Pallet::answer_challenge`] in any block up to and
//! including the deadline. A challenge still open when the block after its
//! deadline starts is closed as missed by `on_initialize`.
//!
//! - **Correct answer**: the challenge closes, and the challenger's deposit is
//!   paid to the provider as compensation for a challenge that found nothing.
//! - **Wrong answer or missed deadline**: the provider loses the challenge and
//!   is slashed (below).
//!
//! ## Slashing
//!
//! When a provider loses a challenge:
//!
//! - `slashed = SlashFraction × bond`, rounded down, where `bond` is the
//!   provider's balance held under [`HoldReason::ProviderBond`] at that moment;
//! - `to_challenger = ChallengerShare × slashed`, rounded down, moves from the
//!   provider's bond to the challenger's free balance;
//! - `burned = slashed − to_challenger` is burned from the bond (total issuance
//!   falls by it; there is no treasury);
//! - the challenger's deposit is released back to it in full;
//! - [`Failures`] of the provider grows by one; when it reaches
//!   [`Config::MaxFailures`] the provider is [`Banned`] ([`Event::ProviderBanned`]);
//! - the registry is asked to mark the asset Failed
//!   ([`AssetInspect::mark_failed`]). If the asset no longer exists this step is
//!   skipped. A refusal for an asset that exists is not silently ignored: it is
//!   reported by [`Event::AssetNotMarkedFailed`], and the slash still stands
//!   (a lost challenge is never undone because the registry refused);
//! - the challenge is removed from [`Challenges`], [`AssetChallenges`],
//!   [`Deadlines`] and [`ChallengeProvider`], and [`OpenAgainst`] of the provider
//!   falls by one.
//!
//! Events: [`Event::ChallengeFailed`], [`Event::Slashed`] with the exact amounts,
//! then [`Event::ProviderBanned`] if the provider was banned.
//!
//! ## Rewards
//!
//! [`ProviderRewards::reward`] mints
//! `level.reward_multiplier() × (share × (RewardPerBlock × blocks))` (each
//! product rounded down) to the provider: nothing at Private, 25 % at
//! PrivateNetwork, 50 % at P2P, 75 % at PublicNetwork, all at FullPublic.
//!
//! ## Calls
//!
//! - [`Pallet::bond`], [`Pallet::unbond`]: hold and release a provider bond.
//! - [`Pallet::challenge`]: challenge an asset's provider.
//! - [`Pallet::answer_challenge`]: the provider's answer.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod functions;
mod impl_proof_verifier;
mod impl_provider;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
pub use types::BenchmarkHelper;
pub use types::{BalanceOf, ChallengeOf, FailureReason, ProofBundleOf};
pub use weights::WeightInfo;

#[cfg(doc)]
use hypermesh_primitives::{
	traits::{AssetInspect, ProofContext, ProofVerifier, ProviderRewards},
	ProofBundle, RequirementProfile,
};

#[frame_support::pallet]
pub mod pallet {
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			UnixTime,
		},
	};
	use frame_system::pallet_prelude::*;
	use hypermesh_primitives::{
		proof::SpaceAnswers,
		traits::{AccessPolicy, AssetInspect},
		AssetId, ChallengeId, RequirementProfile, WorkProof,
	};
	use sp_runtime::Perbill;

	use crate::{
		types::{BalanceOf, ChallengeOf, FailureReason},
		WeightInfo,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// What the runtime chooses for the four-proof pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The native currency: provider bonds and challenge deposits are held in it,
		/// slashes burn it and rewards mint it.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// The chain's clock, checked against a bundle's timestamp.
		type Time: UnixTime;

		/// The asset registry: asset records, and marking an asset Failed.
		type Assets: AssetInspect<Self::AccountId, BlockNumberFor<Self>>;

		/// Privacy policies: the requirement profile a challenged asset is held to.
		type Policies: AccessPolicy<Self::AccountId, BalanceOf<Self>, BlockNumberFor<Self>>;

		/// Weights of this pallet's calls, hook and verification.
		type WeightInfo: WeightInfo;

		/// The requirements of the testing profile.
		#[pallet::constant]
		type TestingProfile: Get<RequirementProfile<BalanceOf<Self>>>;

		/// The requirements of the default profile.
		#[pallet::constant]
		type DefaultProfile: Get<RequirementProfile<BalanceOf<Self>>>;

		/// The requirements of the production profile.
		#[pallet::constant]
		type ProductionProfile: Get<RequirementProfile<BalanceOf<Self>>>;

		/// How many blocks old a bundle's anchor block may be. Keep it below the
		/// system's `BlockHashCount`, or old anchors' hashes are unknown.
		#[pallet::constant]
		type AnchorWindow: Get<BlockNumberFor<Self>>;

		/// Allocation needs the asset's last heartbeat to be at most this many blocks
		/// old.
		#[pallet::constant]
		type LivenessWindow: Get<BlockNumberFor<Self>>;

		/// The deposit a challenger holds while its challenge is open.
		#[pallet::constant]
		type ChallengeDeposit: Get<BalanceOf<Self>>;

		/// Blocks a provider has to answer a challenge: answers are accepted up to
		/// and including the block `issued_at + ResponseWindow`.
		#[pallet::constant]
		type ResponseWindow: Get<BlockNumberFor<Self>>;

		/// The fraction of the provider's held bond slashed on a lost challenge.
		#[pallet::constant]
		type SlashFraction: Get<Perbill>;

		/// The fraction of a slash paid to the challenger; the rest is burned.
		#[pallet::constant]
		type ChallengerShare: Get<Perbill>;

		/// Lost challenges after which a provider is banned.
		#[pallet::constant]
		type MaxFailures: Get<u32>;

		/// Most challenges open at once against one asset.
		#[pallet::constant]
		type MaxOpenChallenges: Get<u32>;

		/// Most challenges whose deadline falls in one block (all challenges made in
		/// one block share a deadline).
		#[pallet::constant]
		type MaxDeadlinesPerBlock: Get<u32>;

		/// The reward for one block of a 100 % share of an asset at FullPublic.
		#[pallet::constant]
		type RewardPerBlock: Get<BalanceOf<Self>>;

		/// Creates assets for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::types::BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A provider's bond: the stake behind its assets, slashable.
		#[codec(index = 0)]
		ProviderBond,
		/// A challenger's deposit, held while its challenge is open.
		#[codec(index = 1)]
		ChallengeDeposit,
	}

	/// The last proof nonce accepted from each account; a bundle needs a larger one.
	#[pallet::storage]
	pub type ProofNonces<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u64, ValueQuery>;

	/// The id the next challenge gets.
	#[pallet::storage]
	pub type NextChallengeId<T: Config> = StorageValue<_, ChallengeId, ValueQuery>;

	/// Open challenges by id. A challenge is removed when it closes.
	#[pallet::storage]
	pub type Challenges<T: Config> = StorageMap<_, Twox64Concat, ChallengeId, ChallengeOf<T>>;

	/// The provider each open challenge is against: the asset's owner when it was
	/// challenged.
	#[pallet::storage]
	pub type ChallengeProvider<T: Config> = StorageMap<_, Twox64Concat, ChallengeId, T::AccountId>;

	/// The open challenges of each asset.
	#[pallet::storage]
	pub type AssetChallenges<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		AssetId,
		BoundedVec<ChallengeId, T::MaxOpenChallenges>,
		ValueQuery,
	>;

	/// Open challenges by the block at whose start they are closed as missed
	/// (the block after their deadline).
	#[pallet::storage]
	pub type Deadlines<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<ChallengeId, T::MaxDeadlinesPerBlock>,
		ValueQuery,
	>;

	/// Number of open challenges against each provider; its bond cannot be
	/// unbonded while this is not zero.
	#[pallet::storage]
	pub type OpenAgainst<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Challenges each provider has lost.
	#[pallet::storage]
	pub type Failures<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Providers banned after [`Config::MaxFailures`] lost challenges: they may
	/// no longer register assets or send heartbeats.
	#[pallet::storage]
	pub type Banned<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, ()>;

	/// What the four-proof pallet reports.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A provider bond grew.
		Bonded {
			/// The provider.
			who: T::AccountId,
			/// The amount added to the bond.
			amount: BalanceOf<T>,
		},
		/// A provider bond shrank.
		Unbonded {
			/// The provider.
			who: T::AccountId,
			/// The amount released.
			amount: BalanceOf<T>,
		},
		/// An asset was challenged.
		Challenged {
			/// The challenge's id.
			challenge: ChallengeId,
			/// The asset challenged.
			asset: AssetId,
			/// Who challenged it.
			challenger: T::AccountId,
			/// The last block in which the provider may answer.
			deadline: BlockNumberFor<T>,
		},
		/// A challenge was answered correctly; the challenger's deposit went to the
		/// provider.
		ChallengeAnswered {
			/// The challenge's id.
			challenge: ChallengeId,
		},
		/// The provider lost a challenge.
		ChallengeFailed {
			/// The challenge's id.
			challenge: ChallengeId,
			/// A wrong answer or a missed deadline.
			reason: FailureReason,
		},
		/// A provider's bond was slashed for a lost challenge.
		Slashed {
			/// The provider slashed.
			provider: T::AccountId,
			/// The challenger paid.
			challenger: T::AccountId,
			/// The amount taken from the bond: `to_challenger + burned`.
			slashed: BalanceOf<T>,
			/// The part paid to the challenger's free balance.
			to_challenger: BalanceOf<T>,
			/// The part burned.
			burned: BalanceOf<T>,
		},
		/// A provider reached the most lost challenges allowed and is banned.
		ProviderBanned {
			/// The provider.
			provider: T::AccountId,
		},
		/// The asset registry refused to mark an asset Failed after its provider lost
		/// a challenge; the slash stands.
		AssetNotMarkedFailed {
			/// The asset.
			asset: AssetId,
			/// The registry's error.
			error: DispatchError,
		},
		/// A provider was rewarded for allocated time.
		Rewarded {
			/// The provider.
			provider: T::AccountId,
			/// The amount minted to it.
			amount: BalanceOf<T>,
		},
	}

	/// Why a call or a proof was refused.
	#[pallet::error]
	pub enum Error<T> {
		/// The signer is banned from provider operations.
		ProviderBanned,
		/// Time proof: the anchor block is the current block or later.
		AnchorInFuture,
		/// Time proof: the anchor block is older than the anchor window.
		AnchorTooOld,
		/// Time proof: the anchor hash is not the hash of the anchor block.
		AnchorMismatch,
		/// Time proof: the timestamp is ahead of the chain's clock by more than the
		/// profile allows.
		TimestampInFuture,
		/// Time proof: the timestamp is behind the chain's clock by more than the
		/// profile allows.
		TimestampTooOld,
		/// Time proof: the nonce is not greater than the signer's last one (a replay).
		NonceNotIncreasing,
		/// The signer does not own the asset.
		NotAssetOwner,
		/// Stake proof: the provider's bond is below the profile's.
		BondTooLow,
		/// Stake proof: the declared stake differs from what the rules require (the
		/// held bond for providers, zero for release).
		StakeMismatch,
		/// Stake proof: the declared stake is less than the allocation's payment.
		PaymentNotCovered,
		/// The account cannot afford the amount.
		InsufficientBalance,
		/// The signer is neither the asset's owner nor the allocation's consumer.
		NotAParty,
		/// Space proof: the wrong kind of proof for the operation (a plot for
		/// provider operations, liveness for consumer ones).
		WrongSpaceProof,
		/// Space proof: the commitment or plot size is not the asset's.
		CommitmentMismatch,
		/// Space proof: the plot has fewer sectors than the profile requires.
		PlotTooSmall,
		/// Space proof: the number of sampled sectors is not the profile's.
		WrongSampleCount,
		/// Space proof: an answered sector is not the one sampled.
		WrongSector,
		/// Space proof: a sector's value is not what the plot seed gives.
		WrongSectorValue,
		/// Space proof: a Merkle path does not lead to the commitment.
		BadMerklePath,
		/// Space proof: the asset's last heartbeat is older than the liveness window.
		AssetNotLive,
		/// Work proof: the nonce does not meet the difficulty.
		InsufficientWork,
		/// The amount is zero.
		ZeroAmount,
		/// The amount exceeds the bond held.
		NotEnoughBonded,
		/// The bond is locked while challenges against the provider are open.
		BondLocked,
		/// Only accounts holding a provider bond may challenge.
		NotBonded,
		/// No such asset.
		UnknownAsset,
		/// The asset is retired.
		AssetRetired,
		/// A provider cannot challenge its own asset.
		OwnChallenge,
		/// The asset has the most open challenges allowed.
		TooManyOpenChallenges,
		/// The block's deadline queue is full; challenge in a later block.
		DeadlineQueueFull,
		/// No open challenge with this id.
		UnknownChallenge,
		/// The challenge's deadline has passed.
		ChallengeExpired,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Closes as missed the challenges whose deadline was the previous block.
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			let count = Self::do_close_missed(n);
			T::WeightInfo::on_initialize_deadlines(count)
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Adds `amount` to the signer's provider bond, held from its free balance.
		///
		/// Origin: signed (the provider). Emits [`Event::Bonded`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::bond())]
		pub fn bond(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond(&who, amount)
		}

		/// Releases `amount` of the signer's provider bond to its free balance; not
		/// while challenges against it are open.
		///
		/// Origin: signed (the provider). Emits [`Event::Unbonded`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::unbond())]
		pub fn unbond(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unbond(&who, amount)
		}

		/// Challenges the provider of `asset` to prove its plot again. The signer must
		/// hold a provider bond, and holds [`Config::ChallengeDeposit`] until the
		/// challenge ends. The sectors to answer are sampled by the parent block's
		/// hash; the answer is due within [`Config::ResponseWindow`] blocks.
		///
		/// Origin: signed (the challenger). Emits [`Event::Challenged`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::challenge())]
		pub fn challenge(origin: OriginFor<T>, asset: AssetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_challenge(&who, &asset).map(|_| ())
		}

		/// The provider's answer to challenge `challenge`: the sampled sectors of its
		/// plot with their Merkle paths (`answers`), and `work` for the challenge's
		/// seed at the asset's provider difficulty.
		///
		/// A correct answer closes the challenge and pays the challenger's deposit to
		/// the provider ([`Event::ChallengeAnswered`]). A wrong answer does not fail
		/// the call: the provider loses the challenge and is slashed
		/// ([`Event::ChallengeFailed`], [`Event::Slashed`]).
		///
		/// Origin: signed (the asset's owner).
		#[pallet::call_index(3)]
		#[pallet::weight(
			T::WeightInfo::answer_challenge().max(T::WeightInfo::answer_challenge_wrong())
		)]
		pub fn answer_challenge(
			origin: OriginFor<T>,
			challenge: ChallengeId,
			answers: SpaceAnswers,
			work: WorkProof,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let correct = Self::do_answer_challenge(&who, challenge, &answers, work)?;
			let weight = if correct {
				T::WeightInfo::answer_challenge()
			} else {
				T::WeightInfo::answer_challenge_wrong()
			};
			Ok(Some(weight).into())
		}
	}
}
