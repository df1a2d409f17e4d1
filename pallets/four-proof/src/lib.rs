//! # Four-proof pallet
//!
//! Verifies the four proofs (space, stake, work, time) that every HyperMesh
//! asset operation carries, holds provider bonds, and runs challenges against
//! providers with slashing and bans.
//!
//! ## Terms
//!
//! - **Bundle**: a [`ProofBundle`] with one proof of each kind. The asset
//!   registry hands it, with a [`ProofContext`], to [`ProofVerifier::verify`].
//! - **Profile**: a [`RequirementProfile`] (testing, default or production)
//!   naming the bond, clock offset, plot size, samples and work difficulty an
//!   asset's proofs are held to. Profiles are chain parameters ([`Profiles`]),
//!   set at genesis and changed only by [`Config::GovernanceOrigin`]
//!   ([`Pallet::set_profile`]); so is the weakest profile the chain accepts
//!   ([`MinimumProfile`], [`Pallet::set_minimum_profile`]). A call naming a
//!   weaker profile is refused ([`Error::ProfileBelowMinimum`]), and challenges
//!   are answered at least at the minimum.
//! - **Bond**: funds a provider holds under [`HoldReason::ProviderBond`]. Its
//!   *stake* ([`Pallet::bonded`]) is the bond less what it has unbonded
//!   ([`Unbonding`]); proofs and allocations count the stake, slashes take from
//!   the whole hold.
//! - **Asset bond**: what an asset needs behind it, its declared capacity units
//!   times its profile's unit bond for its class
//!   ([`RequirementProfile::asset_bond`]). Each proof of an asset commits its
//!   owner's bond to it ([`AssetBonds`]); the owner's stake must cover what is
//!   committed to all its assets ([`Committed`]), so one bond cannot back many
//!   assets, and it cannot be unbonded while committed
//!   ([`Error::BondCommitted`]). A slash for an asset takes a fraction of that
//!   asset's bond.
//! - **Challenge**: anyone with a bond may make an asset's provider prove its plot
//!   again, holding a [`Config::ChallengeDeposit`] under
//!   [`HoldReason::ChallengeDeposit`] until the challenge ends.
//! - **Audit**: what every register, heartbeat and spec change opens on its own
//!   asset ([`Audits`]): the asset proves its plot as for a challenge, but there is
//!   no challenger, no deposit and no id; one per asset at a time. Its answer is the
//!   operation's space proof.
//!
//! ## Verification
//!
//! Provider operations (register, heartbeat) carry a bundle; a challenge answer
//! carries the sampled labels and the work (see Challenges).
//! [`ProofVerifier::verify`] checks, in this order, and fails with the error of
//! the first check that fails; it writes nothing unless every check passes, and
//! then opens the asset's audit, records the bundle's nonce in [`ProofNonces`] and
//! commits the asset's bond ([`AssetBonds`]).
//! (Consumers' allocate and release carry no bundle: the asset registry
//! establishes their proofs from the signed call.)
//!
//! 1. a banned signer may not prove anything ([`Error::ProviderBanned`]);
//!    the profile is one the chain defines ([`Error::UnknownProfile`]) and not
//!    below [`MinimumProfile`] ([`Error::ProfileBelowMinimum`]);
//! 2. **time**: the anchor block is in the past, at most [`Config::AnchorWindow`]
//!    blocks old and its hash matches; the timestamp is within the profile's
//!    offset of the chain's clock; the nonce is the signer's last one plus one
//!    (so a replayed bundle is refused, and no nonce a signer sends can use up
//!    the ones after it);
//! 3. **stake**: the signer owns the asset, declares exactly its stake, and that
//!    stake covers the asset's bond at the profile's unit bonds together with the
//!    bonds committed to its other assets;
//! 4. **space**: the plot's commitment is the asset's (the one registered), its
//!    size a power of two and at least the profile's; the asset has no audit open
//!    ([`Error::AuditOpen`]). The samples come with the audit's answer;
//! 5. **work**: a nonce meeting the difficulty of a challenge bound to the anchor,
//!    the asset, the operation and the signer; the difficulty grows with the
//!    declared capacity.
//!
//! The arithmetic is that of [`hypermesh_primitives::proof`] and
//! [`hypermesh_primitives::space`]; providers use [`hypermesh_primitives::prover`]
//! to answer.
//!
//! ## Challenges
//!
//! [`Pallet::challenge`] opens a challenge on someone else's asset; register,
//! heartbeat and spec changes open audits. At the start of block `n + 1`,
//! `on_initialize` draws one seed for everything opened in block `n` from
//! [`Config::Randomness`] ([`BlockSeeds`]): randomness that did not exist when the
//! plot was committed or the challenge sent, and that neither the provider nor the
//! challenger chooses. Each challenge's seed mixes in its id, each audit's its
//! asset, so no two sample alike. The deadline is [`Config::ResponseWindow`] blocks
//! after the seed; the owner answers with [`Pallet::answer_challenge`] or
//! [`Pallet::answer_audit`] in any block up to and including the deadline. A drawn
//! seed is forgotten in the block after that deadline.
//!
//! - **A missed challenge** is closed by `on_initialize` at the start of the block
//!   after its deadline (the chain queues at most [`Config::MaxDeadlinesPerBlock`]
//!   per block, each backed by a deposit).
//! - **A missed audit** is not queued: it costs the hook nothing, so a block can
//!   open as many audits as its weight allows. It stays open, blocking the asset's
//!   next heartbeat, retirement and transfer, until anyone closes it with
//!   [`Pallet::close_expired_audit`], which slashes as a missed challenge does. The
//!   owner must close it to prove the asset again; a consumer may close it so that
//!   the asset stops being paid at once. Until then the asset is paid only within
//!   its liveness window (its last passed proof), as any asset is.
//! - **A stale seed** (randomness the source reports as known before the block)
//!   cancels what it would seed, without slash ([`Event::SeedStale`]): challenges at
//!   their deadline, audits when closed. Stale seeds are kept for good.
//!
//! - **Correct answer**: the challenge or audit closes; a challenger's deposit is
//!   paid to the provider as compensation for a challenge that found nothing. If
//!   the provider is not banned, has no missed audit of the asset open, has its
//!   bond committed to the asset and its stake covers all it has committed, the
//!   asset is proven ([`AssetInspect::mark_proven`]): its liveness starts again,
//!   and an Unproven or Failed asset enters service. A correct answer is the only
//!   way into service (an Unproven asset can only be audited) and the only way
//!   back from Failed.
//! - **Wrong answer or missed deadline**: the provider loses the challenge and
//!   is slashed (below).
//!
//! ## Slashing
//!
//! When a provider loses a challenge:
//!
//! - `slashed = SlashFraction × asset bond`, rounded down, where the asset bond is
//!   the one committed to the challenged asset ([`AssetBonds`]; for an asset that
//!   has none, its bond under the challenge's profile), and never more than the
//!   provider holds under [`HoldReason::ProviderBond`];
//! - `to_challenger = ChallengerShare × slashed`, rounded down, moves from the
//!   provider's bond to the challenger's free balance (nothing for an audit);
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
//! - a ban is lifted only by [`Config::GovernanceOrigin`] ([`Pallet::unban`]),
//!   which also clears the provider's count of lost challenges;
//! - a challenge is removed from [`Challenges`], [`AssetChallenges`] and
//!   [`Deadlines`], and [`OpenAgainst`] of the provider falls by one; an audit is
//!   removed from [`Audits`].
//!
//! Events: [`Event::ChallengeFailed`] or [`Event::AuditFailed`], [`Event::Slashed`]
//! with the exact amounts, then [`Event::ProviderBanned`] if the provider was
//! banned.
//!
//! ## Rewards
//!
//! This pallet mints nothing. Providers are paid by their consumers (the asset
//! registry settles allocations); a protocol reward, when there is one, will
//! come from a bounded source per period, never from allocations.
//!
//! ## Calls
//!
//! - [`Pallet::bond`], [`Pallet::unbond`], [`Pallet::withdraw_unbonded`]: hold a
//!   provider bond, unbond what no asset needs (held and slashable for
//!   [`Config::UnbondingDelay`] blocks more), and take unbonded funds back.
//! - [`Pallet::challenge`]: challenge an asset's provider.
//! - [`Pallet::answer_challenge`], [`Pallet::answer_audit`]: the provider's answers.
//! - [`Pallet::close_expired_audit`]: close a missed audit (anyone).
//! - [`Pallet::set_profile`], [`Pallet::set_minimum_profile`], [`Pallet::unban`]:
//!   governance.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod functions;
mod impl_proof_verifier;
mod impl_provider;
pub mod migrations;
#[cfg(test)]
mod mock;
mod randomness;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

pub use randomness::ParentBlockHash;
#[cfg(feature = "runtime-benchmarks")]
pub use types::BenchmarkHelper;
pub use types::{BalanceOf, ChallengeOf, FailureReason, ProofBundleOf};
pub use weights::WeightInfo;

#[cfg(doc)]
use hypermesh_primitives::{
	traits::{AssetInspect, ProofContext, ProofVerifier},
	ProofBundle, RequirementProfile,
};

#[frame_support::pallet]
pub mod pallet {
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			Randomness, UnixTime,
		},
	};
	use frame_system::pallet_prelude::*;
	use hypermesh_primitives::{
		space::SpaceAnswers,
		traits::{AccessPolicy, AssetInspect},
		AssetId, ChallengeId, ProfileKind, RequirementProfile, WorkProof,
	};
	use sp_runtime::Perbill;

	use crate::{
		types::{AuditOf, BalanceOf, BlockSeed, ChallengeOf, FailureReason},
		WeightInfo,
	};

	/// The in-code storage version: 1 keeps the requirement profiles in storage, 2
	/// seeds challenges in the block after they are made, 3 prices bonds per asset
	/// (unit bonds by class in the profiles, bonds committed per asset), 4 keeps
	/// audits apart from challenges and draws one seed per block.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(4);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// What the runtime chooses for the four-proof pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The native currency: provider bonds and challenge deposits are held in it,
		/// and slashes burn it.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// The chain's clock, checked against a bundle's timestamp.
		type Time: UnixTime;

		/// Where the seeds of challenges and audits come from. Drawn at the start of
		/// every block for those opened in the block before, it must not be known
		/// before that block: the block number it returns is at least the previous
		/// block's. Wire the strongest source the chain has (a VRF output such as
		/// BABE's per-block randomness; the parent block's hash without one). A
		/// source known earlier (randomness from an epoch ago) cancels every
		/// challenge and audit and leaves a stale mark in [`BlockSeeds`] for each
		/// block: it is a misconfiguration, not a mode.
		type Randomness: Randomness<Self::Hash, BlockNumberFor<Self>>;

		/// The asset registry: asset records, and marking an asset Failed.
		type Assets: AssetInspect<Self::AccountId, BlockNumberFor<Self>>;

		/// Privacy policies: the requirement profile a challenged asset is held to.
		type Policies: AccessPolicy<Self::AccountId, BalanceOf<Self>, BlockNumberFor<Self>>;

		/// Weights of this pallet's calls, hook and verification.
		type WeightInfo: WeightInfo;

		/// Who may change the requirement profiles, the minimum profile, and lift
		/// bans (the chain's governance; Root until governance lands).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// How many blocks old a bundle's anchor block may be. Keep it below the
		/// system's `BlockHashCount`, or old anchors' hashes are unknown.
		#[pallet::constant]
		type AnchorWindow: Get<BlockNumberFor<Self>>;

		/// The deposit a challenger holds while its challenge is open.
		#[pallet::constant]
		type ChallengeDeposit: Get<BalanceOf<Self>>;

		/// Blocks a provider has to answer a challenge or audit once its seed is
		/// drawn: answers are accepted up to and including the block
		/// `issued_at + 1 + ResponseWindow`. Never lower it without a migration: drawn
		/// seeds are forgotten by this window, and those of what is still open would
		/// be forgotten too early.
		#[pallet::constant]
		type ResponseWindow: Get<BlockNumberFor<Self>>;

		/// Blocks an unbonded amount stays held, and slashable, before it can be
		/// withdrawn. Longer than any challenge's window and its closing block, so a
		/// provider cannot unbond ahead of a challenge it sees coming.
		#[pallet::constant]
		type UnbondingDelay: Get<BlockNumberFor<Self>>;

		/// The fraction of the provider's held bond slashed on a lost challenge.
		#[pallet::constant]
		type SlashFraction: Get<Perbill>;

		/// The fraction of a slash paid to the challenger; the rest is burned.
		#[pallet::constant]
		type ChallengerShare: Get<Perbill>;

		/// The fraction of a challenger's deposit burned when the provider answers
		/// correctly (the rest goes to the provider): what a challenge that finds
		/// nothing costs, so crowding challenge slots or the deadline queue with one's
		/// own challenges is not free.
		#[pallet::constant]
		type UnfoundedChallengeBurn: Get<Perbill>;

		/// Lost challenges after which a provider is banned.
		#[pallet::constant]
		type MaxFailures: Get<u32>;

		/// Most challenges open at once against one asset.
		#[pallet::constant]
		type MaxOpenChallenges: Get<u32>;

		/// Most challenges made in one block: they share a deadline, and the block
		/// after it closes those still open. (Audits are not queued: an audit that
		/// is not answered in time is closed by [`Pallet::close_expired_audit`].)
		#[pallet::constant]
		type MaxDeadlinesPerBlock: Get<u32>;

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

	/// What each requirement profile asks for; set at genesis and by governance.
	#[pallet::storage]
	pub type Profiles<T: Config> =
		StorageMap<_, Twox64Concat, ProfileKind, RequirementProfile<BalanceOf<T>>>;

	/// The strictest profile, used as the minimum when genesis sets none.
	#[pallet::type_value]
	pub fn StrictestProfile() -> ProfileKind {
		ProfileKind::Production
	}

	/// The weakest profile the chain accepts; set at genesis and by governance.
	#[pallet::storage]
	pub type MinimumProfile<T: Config> = StorageValue<_, ProfileKind, ValueQuery, StrictestProfile>;

	/// The last proof nonce accepted from each account; a bundle needs the next one.
	#[pallet::storage]
	pub type ProofNonces<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u64, ValueQuery>;

	/// The id the next challenge gets.
	#[pallet::storage]
	pub type NextChallengeId<T: Config> = StorageValue<_, ChallengeId, ValueQuery>;

	/// Open challenges by id. A challenge is removed when it closes.
	#[pallet::storage]
	pub type Challenges<T: Config> = StorageMap<_, Twox64Concat, ChallengeId, ChallengeOf<T>>;

	/// The open challenges of each asset (its audit is in [`Audits`]).
	#[pallet::storage]
	pub type AssetChallenges<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		AssetId,
		BoundedVec<ChallengeId, T::MaxOpenChallenges>,
		ValueQuery,
	>;

	/// The open audit of each asset, until it is answered or closed.
	#[pallet::storage]
	pub type Audits<T: Config> = StorageMap<_, Blake2_128Concat, AssetId, AuditOf<T>>;

	/// The randomness drawn at the start of each block for the challenges and audits
	/// opened in the block before, by that block's number. A drawn seed is kept
	/// until the deadline of what it seeds has passed; a stale one for good.
	#[pallet::storage]
	pub type BlockSeeds<T: Config> = StorageMap<_, Twox64Concat, BlockNumberFor<T>, BlockSeed>;

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

	/// Bond each provider has unbonded: still held and slashable (it no longer
	/// counts as stake), withdrawable from the block given.
	#[pallet::storage]
	pub type Unbonding<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, (BalanceOf<T>, BlockNumberFor<T>)>;

	/// The bond the last proof of each asset committed: by whom, and how much (the
	/// asset's bond for its class and capacity under its profile then).
	#[pallet::storage]
	pub type AssetBonds<T: Config> =
		StorageMap<_, Blake2_128Concat, AssetId, (T::AccountId, BalanceOf<T>)>;

	/// What each provider has committed to its assets, the sum of its
	/// [`AssetBonds`]: its stake must cover it.
	#[pallet::storage]
	pub type Committed<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BalanceOf<T>, ValueQuery>;

	/// Number of open challenges against each provider (audits not counted: they
	/// hold no deposit, and the bond they slash is committed); its bond cannot be
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

	/// The chain's requirement profiles at genesis.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// What each profile asks for. Profiles left out are undefined, and calls
		/// naming them are refused.
		pub profiles: Vec<(ProfileKind, RequirementProfile<BalanceOf<T>>)>,
		/// The weakest profile accepted; the strictest when not given. It must be one
		/// of `profiles` (unless there are none).
		pub minimum_profile: Option<ProfileKind>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (kind, profile) in &self.profiles {
				assert!(
					Pallet::<T>::profile_is_sound(profile),
					"genesis profile {kind:?} is unsound"
				);
				Profiles::<T>::insert(kind, profile);
			}
			if let Some(minimum) = self.minimum_profile {
				MinimumProfile::<T>::put(minimum);
			}
			assert!(
				self.profiles.is_empty() || Profiles::<T>::contains_key(MinimumProfile::<T>::get()),
				"the minimum profile is undefined"
			);
		}
	}

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
		/// Part of a provider bond was unbonded: it stays held and slashable until
		/// `withdrawable_at`.
		Unbonded {
			/// The provider.
			who: T::AccountId,
			/// The amount unbonded (all of the provider's unbonding, this included).
			amount: BalanceOf<T>,
			/// The first block in which it can be withdrawn.
			withdrawable_at: BlockNumberFor<T>,
		},
		/// Unbonded funds went back to the provider's free balance.
		Withdrawn {
			/// The provider.
			who: T::AccountId,
			/// The amount released (less than unbonded if a slash took part of it).
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
		/// A challenge was answered correctly: the challenger's deposit went to the
		/// provider, but for the part burned ([`Config::UnfoundedChallengeBurn`]).
		ChallengeAnswered {
			/// The challenge's id.
			challenge: ChallengeId,
			/// The part of the deposit paid to the provider.
			paid: BalanceOf<T>,
			/// The part of the deposit burned.
			burned: BalanceOf<T>,
		},
		/// The provider lost a challenge.
		ChallengeFailed {
			/// The challenge's id.
			challenge: ChallengeId,
			/// A wrong answer or a missed deadline.
			reason: FailureReason,
		},
		/// A provider's bond was slashed for a lost challenge or audit.
		Slashed {
			/// The provider slashed.
			provider: T::AccountId,
			/// The challenger paid; none for an audit.
			challenger: Option<T::AccountId>,
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
		/// Governance set what a requirement profile asks for.
		ProfileSet {
			/// The profile.
			kind: ProfileKind,
			/// What it now asks for.
			profile: RequirementProfile<BalanceOf<T>>,
		},
		/// Governance set the weakest profile the chain accepts.
		MinimumProfileSet {
			/// The profile.
			kind: ProfileKind,
		},
		/// Governance lifted a provider's ban and cleared its lost challenges.
		ProviderUnbanned {
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
		/// The randomness drawn for the challenges and audits opened in `block` was
		/// known before that block: they are cancelled, without slash.
		SeedStale {
			/// The block whose challenges and audits it would have seeded.
			block: BlockNumberFor<T>,
		},
		/// An audit of an asset was opened.
		AuditOpened {
			/// The asset.
			asset: AssetId,
			/// Its owner, audited.
			provider: T::AccountId,
			/// The last block in which the owner may answer.
			deadline: BlockNumberFor<T>,
		},
		/// An audit was answered correctly.
		AuditPassed {
			/// The asset.
			asset: AssetId,
		},
		/// The provider lost its audit.
		AuditFailed {
			/// The asset.
			asset: AssetId,
			/// A wrong answer or a missed deadline.
			reason: FailureReason,
		},
		/// An audit was closed without a verdict (its seed could have been known
		/// before it was opened); nobody was slashed.
		AuditCancelled {
			/// The asset.
			asset: AssetId,
		},
		/// A challenge was closed without a verdict (its seed could have been known
		/// before it was made); the deposit went back and nobody was slashed.
		ChallengeCancelled {
			/// The challenge's id.
			challenge: ChallengeId,
		},
		/// A proof committed its provider's bond to an asset.
		AssetBondCommitted {
			/// The asset.
			asset: AssetId,
			/// The provider.
			provider: T::AccountId,
			/// The asset's bond.
			bond: BalanceOf<T>,
			/// All the provider has now committed to its assets.
			committed: BalanceOf<T>,
		},
		/// The bond committed to an asset was freed (the asset was retired or passed
		/// to a new owner); it stays held until its owner unbonds it.
		AssetBondReleased {
			/// The asset.
			asset: AssetId,
			/// The provider.
			provider: T::AccountId,
			/// The bond freed.
			bond: BalanceOf<T>,
		},
	}

	/// Why a call or a proof was refused.
	#[pallet::error]
	pub enum Error<T> {
		/// The signer is banned from provider operations.
		ProviderBanned,
		/// The chain defines no such requirement profile.
		UnknownProfile,
		/// The profile is weaker than the weakest the chain accepts.
		ProfileBelowMinimum,
		/// A profile must sample between 1 and `MAX_SPACE_SAMPLES` labels of a plot of
		/// a valid size (a power of two) and at least as many labels, and ask at most
		/// `MAX_WORK_BITS` of work.
		UnsoundProfile,
		/// The account is not banned.
		NotBanned,
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
		/// Time proof: the nonce is not the signer's last accepted one plus one (a
		/// replay, or a jump ahead).
		NonceNotNext,
		/// The signer does not own the asset.
		NotAssetOwner,
		/// Stake: the provider's stake does not cover the bonds of its assets (this
		/// one's included).
		BondTooLow,
		/// Stake proof: the declared stake differs from the signer's stake.
		StakeMismatch,
		/// The account cannot afford the amount.
		InsufficientBalance,
		/// Space proof: the commitment or plot size is not the asset's.
		CommitmentMismatch,
		/// Space proof: the plot has fewer labels than the profile requires.
		PlotTooSmall,
		/// Space proof: the plot's size is not a power of two between 2 and 2^31.
		InvalidPlotSize,
		/// Space proof: the asset's audit is still open; answer it, or close it with
		/// `close_expired_audit` once its deadline has passed.
		AuditOpen,
		/// Work proof: the nonce does not meet the difficulty.
		InsufficientWork,
		/// The amount is zero.
		ZeroAmount,
		/// The amount exceeds the stake (the bond not yet unbonded).
		NotEnoughBonded,
		/// The bond is locked while challenges against the provider are open.
		BondLocked,
		/// Nothing unbonded can be withdrawn yet.
		NothingToWithdraw,
		/// Only accounts holding a provider bond may challenge.
		NotBonded,
		/// No such asset.
		UnknownAsset,
		/// The asset has not proven its plot yet: its registration audit is open.
		AssetUnproven,
		/// A provider cannot challenge its own asset: a heartbeat audits it.
		OwnChallenge,
		/// The asset has the most open challenges allowed.
		TooManyOpenChallenges,
		/// The block's deadline queue is full; challenge in a later block.
		DeadlineQueueFull,
		/// No open challenge with this id.
		UnknownChallenge,
		/// The challenge or audit gets its seed at the start of the next block;
		/// answer then.
		ChallengeNotSeeded,
		/// The challenge's or audit's deadline has passed.
		ChallengeExpired,
		/// The asset has no open audit.
		NoAudit,
		/// The audit's deadline has not passed yet: it can still be answered.
		AuditNotExpired,
		/// The asset missed its audit, which is still open: it proves nothing and
		/// takes no allocations until the audit is closed (`close_expired_audit`).
		AuditMissed,
		/// The bond is committed to the provider's assets: unbonding it would leave
		/// their bonds uncovered. Retire assets first.
		BondCommitted,
		/// The asset's owner has not committed the bond the asset needs under its
		/// profile now: a new owner has not proved it yet, or the profile asks more
		/// than at its last proof. A heartbeat commits it.
		AssetNotBonded,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Closes as missed the challenges whose deadline was the previous block, then
		/// draws the seed of the challenges and audits made in the previous block.
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			let closed = Self::do_close_missed(n);
			Self::do_draw_seed(n);
			T::WeightInfo::on_initialize_deadlines(closed)
		}

		fn integrity_test() {
			use sp_runtime::traits::{One, Saturating, Zero};
			assert!(
				T::AnchorWindow::get() < T::BlockHashCount::get(),
				"AnchorWindow must be below BlockHashCount, or old anchors' hashes are unknown"
			);
			assert!(!T::AnchorWindow::get().is_zero(), "AnchorWindow must be positive");
			assert!(T::ResponseWindow::get() >= One::one(), "ResponseWindow must be positive");
			assert!(
				T::UnbondingDelay::get() > T::ResponseWindow::get().saturating_add(One::one()),
				"UnbondingDelay must outlast a challenge's window and its closing block"
			);
			assert!(T::MaxFailures::get() > 0, "MaxFailures must be positive");
			assert!(T::MaxOpenChallenges::get() > 0, "MaxOpenChallenges must be positive");
			assert!(T::MaxDeadlinesPerBlock::get() > 0, "MaxDeadlinesPerBlock must be positive");
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

		/// Unbonds `amount` of the signer's provider bond; not while challenges against
		/// it are open, and only what its assets' bonds do not need
		/// ([`Error::BondCommitted`]). The amount stops counting as stake at once but stays held, and
		/// slashable, for [`Config::UnbondingDelay`] blocks; then
		/// [`Pallet::withdraw_unbonded`] releases it. Unbonding more adds to the amount
		/// and restarts the delay.
		///
		/// Origin: signed (the provider). Emits [`Event::Unbonded`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::unbond())]
		pub fn unbond(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unbond(&who, amount)
		}

		/// Challenges the provider of `asset` to prove its plot again. The signer must
		/// hold a provider bond and not own the asset, and holds
		/// [`Config::ChallengeDeposit`] until the challenge ends. The labels to answer
		/// are sampled by randomness drawn at the start of the next block; the answer
		/// is due within [`Config::ResponseWindow`] blocks after that.
		///
		/// Origin: signed (the challenger). Emits [`Event::Challenged`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::challenge())]
		pub fn challenge(origin: OriginFor<T>, asset: AssetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_challenge(&who, &asset).map(|_| ())
		}

		/// The provider's answer to challenge `challenge`: each sampled label of its
		/// plot and the label's parents, with their Merkle paths (`answers`), and
		/// `work` for the challenge's seed at the asset's provider difficulty. A
		/// correct answer proves the asset (see the crate docs).
		///
		/// A correct answer closes the challenge and pays the challenger's deposit,
		/// less [`Config::UnfoundedChallengeBurn`], to the provider
		/// ([`Event::ChallengeAnswered`]); it pays no fee. A wrong answer does not fail
		/// the call: the provider loses the challenge and is slashed
		/// ([`Event::ChallengeFailed`], [`Event::Slashed`]).
		///
		/// Answers are of the operational class: the block space reserved for it
		/// cannot be taken by ordinary transactions, so an answer is not priced out of
		/// its window by a flood of them (see `docs/threat-model.md`, attack 8).
		///
		/// Origin: signed (the asset's owner).
		#[pallet::call_index(3)]
		#[pallet::weight((
			T::WeightInfo::answer_challenge().max(T::WeightInfo::answer_challenge_wrong()),
			DispatchClass::Operational,
		))]
		pub fn answer_challenge(
			origin: OriginFor<T>,
			challenge: ChallengeId,
			answers: SpaceAnswers,
			work: WorkProof,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let correct = Self::do_answer_challenge(&who, challenge, &answers, work)?;
			let info = if correct {
				(Some(T::WeightInfo::answer_challenge()), Pays::No)
			} else {
				(Some(T::WeightInfo::answer_challenge_wrong()), Pays::Yes)
			};
			Ok(info.into())
		}

		/// The owner's answer to the audit of `asset`, as [`Pallet::answer_challenge`]
		/// answers a challenge. A correct answer closes the audit and proves the asset
		/// ([`Event::AuditPassed`]); it pays no fee. A wrong answer does not fail the
		/// call: the provider loses the audit and is slashed ([`Event::AuditFailed`],
		/// [`Event::Slashed`]). Operational, as answers to challenges are.
		///
		/// Origin: signed (the asset's owner).
		#[pallet::call_index(8)]
		#[pallet::weight((
			T::WeightInfo::answer_audit().max(T::WeightInfo::answer_audit_wrong()),
			DispatchClass::Operational,
		))]
		pub fn answer_audit(
			origin: OriginFor<T>,
			asset: AssetId,
			answers: SpaceAnswers,
			work: WorkProof,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let correct = Self::do_answer_audit(&who, &asset, &answers, work)?;
			let info = if correct {
				(Some(T::WeightInfo::answer_audit()), Pays::No)
			} else {
				(Some(T::WeightInfo::answer_audit_wrong()), Pays::Yes)
			};
			Ok(info.into())
		}

		/// Closes the audit of `asset` once its deadline has passed without an answer:
		/// the provider loses it and is slashed, as for a missed challenge
		/// ([`Event::AuditFailed`], [`Event::Slashed`]); or, if its seed was stale, it
		/// is cancelled ([`Event::AuditCancelled`]). Anyone may close it: the owner
		/// before its next heartbeat, a consumer so that the asset stops being paid.
		///
		/// Origin: signed (anyone).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::close_expired_audit())]
		pub fn close_expired_audit(origin: OriginFor<T>, asset: AssetId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_close_expired_audit(&asset)
		}

		/// Releases the signer's unbonded funds to its free balance once the unbonding
		/// delay has passed (what a slash left of them), and not while challenges
		/// against it are open.
		///
		/// Origin: signed (the provider). Emits [`Event::Withdrawn`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::withdraw_unbonded())]
		pub fn withdraw_unbonded(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_unbonded(&who)
		}

		/// Sets what requirement profile `kind` asks for. Assets held to it are checked
		/// against the new values from the next proof on.
		///
		/// Origin: [`Config::GovernanceOrigin`]. Emits [`Event::ProfileSet`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_profile())]
		pub fn set_profile(
			origin: OriginFor<T>,
			kind: ProfileKind,
			profile: RequirementProfile<BalanceOf<T>>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_profile(kind, profile)
		}

		/// Sets the weakest profile the chain accepts; it must be defined.
		///
		/// Origin: [`Config::GovernanceOrigin`]. Emits [`Event::MinimumProfileSet`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_minimum_profile())]
		pub fn set_minimum_profile(origin: OriginFor<T>, kind: ProfileKind) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_minimum_profile(kind)
		}

		/// Lifts `provider`'s ban and clears its count of lost challenges.
		///
		/// Origin: [`Config::GovernanceOrigin`]. Emits [`Event::ProviderUnbanned`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::unban())]
		pub fn unban(
			origin: OriginFor<T>,
			provider: <T::Lookup as sp_runtime::traits::StaticLookup>::Source,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let provider = <T::Lookup as sp_runtime::traits::StaticLookup>::lookup(provider)?;
			Self::do_unban(provider)
		}
	}
}
