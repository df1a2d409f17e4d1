//! The logic behind the calls and the hook.

use codec::Encode;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::{InspectHold, MutateHold},
		tokens::{Fortitude, Precision, Restriction},
		Randomness,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use hypermesh_primitives::{
	proof::{verify_work, work_challenge, work_requirement, WorkRequirement, MAX_WORK_BITS},
	space::{plot_size_is_valid, verify_space_answers, SampleAnswer, MAX_SPACE_SAMPLES},
	traits::{AccessPolicy, AssetInspect},
	AssetId, AssetRecord, AssetState, Audit, CapacitySpec, Challenge, ChallengeId, Operation,
	ProfileKind, RequirementProfile, WorkProof,
};
use sp_core::H256;
use sp_runtime::{
	traits::{Hash, One, SaturatedConversion, Saturating, Zero},
	ArithmeticError,
};

use crate::{
	types::{AuditOf, BalanceOf, BlockSeed, ChallengeOf, FailureReason},
	AssetBonds, AssetChallenges, Audits, Banned, BlockSeeds, Challenges, Committed, Config,
	Deadlines, Error, Event, Failures, HoldReason, MinimumProfile, NextChallengeId, OpenAgainst,
	Pallet, Profiles, Unbonding,
};

/// What a slash moved, and what followed from it, for its events.
struct Slash<T: Config> {
	provider: T::AccountId,
	challenger: Option<T::AccountId>,
	asset: AssetId,
	to_challenger: BalanceOf<T>,
	burned: BalanceOf<T>,
	banned: bool,
	marked: DispatchResult,
}

impl<T: Config> Pallet<T> {
	/// What the profile `kind` requires on this chain, if the chain defines it.
	pub fn requirement_profile(kind: ProfileKind) -> Option<RequirementProfile<BalanceOf<T>>> {
		Profiles::<T>::get(kind)
	}

	/// Whether `profile` can be proved and checked: its smallest plot is a valid plot
	/// size (a power of two of at least 2 labels) of at least as many labels as it
	/// samples (between 1 and [`MAX_SPACE_SAMPLES`]), and its base work difficulty is
	/// at most [`MAX_WORK_BITS`].
	pub fn profile_is_sound(profile: &RequirementProfile<BalanceOf<T>>) -> bool {
		(1..=MAX_SPACE_SAMPLES).contains(&profile.space_samples)
			&& plot_size_is_valid(profile.min_plot_sectors)
			&& profile.min_plot_sectors >= profile.space_samples
			&& profile.work_base_bits <= MAX_WORK_BITS
	}

	/// Sets profile `kind`. See [`Pallet::set_profile`].
	pub(crate) fn do_set_profile(
		kind: ProfileKind,
		profile: RequirementProfile<BalanceOf<T>>,
	) -> DispatchResult {
		ensure!(Self::profile_is_sound(&profile), Error::<T>::UnsoundProfile);
		Profiles::<T>::insert(kind, profile);
		Self::deposit_event(Event::ProfileSet { kind, profile });
		Ok(())
	}

	/// Sets the minimum profile. See [`Pallet::set_minimum_profile`].
	pub(crate) fn do_set_minimum_profile(kind: ProfileKind) -> DispatchResult {
		ensure!(Profiles::<T>::contains_key(kind), Error::<T>::UnknownProfile);
		MinimumProfile::<T>::put(kind);
		Self::deposit_event(Event::MinimumProfileSet { kind });
		Ok(())
	}

	/// Lifts `provider`'s ban. See [`Pallet::unban`].
	pub(crate) fn do_unban(provider: T::AccountId) -> DispatchResult {
		ensure!(Banned::<T>::take(&provider).is_some(), Error::<T>::NotBanned);
		Failures::<T>::remove(&provider);
		Self::deposit_event(Event::ProviderUnbanned { provider });
		Ok(())
	}

	/// The provider bond `who` stakes: what it holds under
	/// [`HoldReason::ProviderBond`] less what it has unbonded.
	pub fn bonded(who: &T::AccountId) -> BalanceOf<T> {
		Self::held_bond(who).saturating_sub(Self::unbonding(who))
	}

	/// What `who` has unbonded and not yet withdrawn.
	fn unbonding(who: &T::AccountId) -> BalanceOf<T> {
		Unbonding::<T>::get(who).map_or_else(Zero::zero, |(amount, _)| amount)
	}

	/// What `who` holds under [`HoldReason::ProviderBond`], unbonding included: what
	/// a slash takes from.
	pub fn held_bond(who: &T::AccountId) -> BalanceOf<T> {
		T::Currency::balance_on_hold(&HoldReason::ProviderBond.into(), who)
	}

	/// The open challenges of `asset`, with their records and seeds (once drawn).
	pub fn open_challenges(
		asset: &AssetId,
	) -> alloc::vec::Vec<(ChallengeId, ChallengeOf<T>, Option<H256>)> {
		AssetChallenges::<T>::get(asset)
			.into_iter()
			.filter_map(|id| {
				let challenge = Challenges::<T>::get(id)?;
				let seed = Self::challenge_seed(id, &challenge);
				Some((id, challenge, seed))
			})
			.collect()
	}

	/// The open audit of `asset`, with its seed (once drawn).
	pub fn audit(asset: &AssetId) -> Option<(AuditOf<T>, Option<H256>)> {
		let audit = Audits::<T>::get(asset)?;
		let seed = Self::audit_seed(asset, &audit);
		Some((audit, seed))
	}

	/// A block hash of this chain as the `H256` that proofs carry.
	pub(crate) fn to_h256(hash: &T::Hash) -> H256 {
		let mut out = H256::zero();
		out.as_bytes_mut().iter_mut().zip(hash.as_ref()).for_each(|(o, b)| *o = *b);
		out
	}

	/// The block at whose start a challenge with `deadline` is closed as missed.
	pub(crate) fn expiry_block(
		deadline: BlockNumberFor<T>,
	) -> Result<BlockNumberFor<T>, DispatchError> {
		deadline.checked_add(&One::one()).ok_or_else(|| ArithmeticError::Overflow.into())
	}

	/// The profile kind an asset is held to: its privacy policy's, else the one in its
	/// record.
	fn asset_profile_kind(asset: &AssetId, recorded: ProfileKind) -> ProfileKind {
		T::Policies::policy(asset, recorded).profile
	}

	/// What profile `kind` asks for, never less than the chain's minimum.
	fn at_least_minimum(kind: ProfileKind) -> Result<RequirementProfile<BalanceOf<T>>, Error<T>> {
		let kind = kind.max(MinimumProfile::<T>::get());
		Self::requirement_profile(kind).ok_or(Error::<T>::UnknownProfile)
	}

	/// The profile kind a challenge made now on `asset` is held to: the asset's, and
	/// never below the chain's minimum.
	fn profile_now(asset: &AssetId, recorded: ProfileKind) -> ProfileKind {
		Self::asset_profile_kind(asset, recorded).max(MinimumProfile::<T>::get())
	}

	/// What an answer for `asset` is held to: the profile `fixed` when its challenge
	/// or audit was opened, or a stricter one if the asset or the chain asks for more
	/// by now; never less.
	pub(crate) fn answer_profile(
		fixed: ProfileKind,
		asset: &AssetId,
		record: &AssetRecord<T::AccountId, BlockNumberFor<T>>,
	) -> Result<RequirementProfile<BalanceOf<T>>, Error<T>> {
		Self::at_least_minimum(fixed.max(Self::profile_now(asset, record.profile)))
	}

	/// Holds `amount` more as `who`'s provider bond.
	pub(crate) fn do_bond(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		T::Currency::hold(&HoldReason::ProviderBond.into(), who, amount)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		Self::deposit_event(Event::Bonded { who: who.clone(), amount });
		Ok(())
	}

	/// Releases `amount` of `who`'s provider bond.
	pub(crate) fn do_unbond(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let bonded = Self::bonded(who);
		ensure!(amount <= bonded, Error::<T>::NotEnoughBonded);
		ensure!(OpenAgainst::<T>::get(who) == 0, Error::<T>::BondLocked);
		ensure!(
			bonded.saturating_sub(amount) >= Committed::<T>::get(who),
			Error::<T>::BondCommitted
		);
		let now = frame_system::Pallet::<T>::block_number();
		let withdrawable_at =
			now.checked_add(&T::UnbondingDelay::get()).ok_or(ArithmeticError::Overflow)?;
		let total = Self::unbonding(who).checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
		Unbonding::<T>::insert(who, (total, withdrawable_at));
		Self::deposit_event(Event::Unbonded { who: who.clone(), amount: total, withdrawable_at });
		Ok(())
	}

	/// Releases `who`'s unbonded funds once the delay is over.
	pub(crate) fn do_withdraw_unbonded(who: &T::AccountId) -> DispatchResult {
		let (amount, withdrawable_at) =
			Unbonding::<T>::get(who).ok_or(Error::<T>::NothingToWithdraw)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now >= withdrawable_at, Error::<T>::NothingToWithdraw);
		ensure!(OpenAgainst::<T>::get(who) == 0, Error::<T>::BondLocked);
		// A slash may have taken part of the unbonding amount with the rest of the bond.
		let amount = amount.min(Self::held_bond(who));
		Unbonding::<T>::remove(who);
		if !amount.is_zero() {
			T::Currency::release(&HoldReason::ProviderBond.into(), who, amount, Precision::Exact)?;
		}
		Self::deposit_event(Event::Withdrawn { who: who.clone(), amount });
		Ok(())
	}

	/// What `who`'s assets need in all if `asset` needs `bond`: what it has
	/// committed, with `asset`'s bond in place of what it had committed to it.
	pub(crate) fn committed_with(
		who: &T::AccountId,
		asset: &AssetId,
		bond: BalanceOf<T>,
	) -> BalanceOf<T> {
		let before = match AssetBonds::<T>::get(asset) {
			Some((provider, old)) if provider == *who => old,
			_ => Zero::zero(),
		};
		Committed::<T>::get(who).saturating_sub(before).saturating_add(bond)
	}

	/// Commits `bond` of `who` to `asset`, in place of what was committed to it.
	pub(crate) fn commit_bond(who: &T::AccountId, asset: &AssetId, bond: BalanceOf<T>) {
		Self::uncommit(asset);
		let committed = Committed::<T>::get(who).saturating_add(bond);
		if !committed.is_zero() {
			Committed::<T>::insert(who, committed);
		}
		AssetBonds::<T>::insert(asset, (who.clone(), bond));
		Self::deposit_event(Event::AssetBondCommitted {
			asset: *asset,
			provider: who.clone(),
			bond,
			committed,
		});
	}

	/// Frees the bond committed to `asset`. See [`ProofVerifier::release_bond`].
	pub(crate) fn do_release_bond(asset: &AssetId) {
		if let Some((provider, bond)) = Self::uncommit(asset) {
			Self::deposit_event(Event::AssetBondReleased { asset: *asset, provider, bond });
		}
	}

	/// Removes the bond committed to `asset` from its provider's total; returns it.
	fn uncommit(asset: &AssetId) -> Option<(T::AccountId, BalanceOf<T>)> {
		let (provider, bond) = AssetBonds::<T>::take(asset)?;
		Committed::<T>::mutate_exists(&provider, |committed| {
			let left = committed.unwrap_or_default().saturating_sub(bond);
			*committed = if left.is_zero() { None } else { Some(left) };
		});
		Some((provider, bond))
	}

	/// What a lost challenge or audit of `asset` slashes a fraction of: the bond
	/// `provider` committed to it, or the asset's bond under the answer's profile
	/// (`fixed` at the opening, or stricter) if that asks more (a stricter profile
	/// since its last proof, or an asset proved before bonds were per asset).
	fn slash_base(provider: &T::AccountId, asset: &AssetId, fixed: ProfileKind) -> BalanceOf<T> {
		let committed = match AssetBonds::<T>::get(asset) {
			Some((committed_by, bond)) if committed_by == *provider => bond,
			_ => Zero::zero(),
		};
		let needed = T::Assets::asset(asset)
			.and_then(|record| {
				let profile = Self::answer_profile(fixed, asset, &record).ok()?;
				Some(profile.spec_bond(&record.spec))
			})
			.unwrap_or_else(Zero::zero);
		committed.max(needed)
	}

	/// Whether the audit of `asset` is open past its deadline: missed, and not yet
	/// closed by [`Pallet::close_expired_audit`].
	pub fn audit_overdue(asset: &AssetId) -> bool {
		let now = frame_system::Pallet::<T>::block_number();
		Audits::<T>::get(asset).is_some_and(|audit| now > audit.deadline)
	}

	/// Whether `owner` stands behind `asset`, which needs a bond of `needed`, as a
	/// provider must: not banned, no audit of the asset missed and left open, at
	/// least `needed` of its bond committed to the asset, its stake covering all it
	/// has committed.
	pub(crate) fn ensure_backs(
		owner: &T::AccountId,
		asset: &AssetId,
		needed: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!Banned::<T>::contains_key(owner), Error::<T>::ProviderBanned);
		// A missed audit is slashed when closed: until then the asset proves nothing
		// (not even by answering a challenge) and takes no allocations.
		ensure!(!Self::audit_overdue(asset), Error::<T>::AuditMissed);
		let committed = match AssetBonds::<T>::get(asset) {
			Some((provider, bond)) if provider == *owner => bond,
			_ => return Err(Error::<T>::AssetNotBonded.into()),
		};
		ensure!(committed >= needed, Error::<T>::AssetNotBonded);
		ensure!(Self::bonded(owner) >= Committed::<T>::get(owner), Error::<T>::BondTooLow);
		Ok(())
	}

	/// Whether `owner` stands behind `asset` of `spec` held to profile `kind` (never
	/// less than the chain's minimum); see [`Self::ensure_backs`].
	pub(crate) fn ensure_stands(
		owner: &T::AccountId,
		asset: &AssetId,
		spec: &CapacitySpec,
		kind: ProfileKind,
	) -> DispatchResult {
		let needed = Self::at_least_minimum(kind)?.spec_bond(spec);
		Self::ensure_backs(owner, asset, needed)
	}

	/// Opens a challenge by `who` against the provider of `asset`.
	pub(crate) fn do_challenge(
		who: &T::AccountId,
		asset: &AssetId,
	) -> Result<ChallengeId, DispatchError> {
		ensure!(!Self::bonded(who).is_zero(), Error::<T>::NotBonded);
		let record = T::Assets::asset(asset).ok_or(Error::<T>::UnknownAsset)?;
		ensure!(record.owner != *who, Error::<T>::OwnChallenge);
		ensure!(record.state != AssetState::Unproven, Error::<T>::AssetUnproven);
		let profile = Self::profile_now(asset, record.profile);
		Self::open_challenge(who, asset, &record.owner, T::ChallengeDeposit::get(), profile)
	}

	/// The last block in which what is opened now may be answered: the window after
	/// the block that draws its seed.
	fn deadline_from_now() -> Result<BlockNumberFor<T>, DispatchError> {
		frame_system::Pallet::<T>::block_number()
			.checked_add(&One::one())
			.and_then(|seeded_at| seeded_at.checked_add(&T::ResponseWindow::get()))
			.ok_or_else(|| ArithmeticError::Overflow.into())
	}

	/// Opens the audit of `owner`'s `asset` that a register, heartbeat or spec change
	/// asks for, held to `profile`, in place of any open one: callers check there is
	/// none ([`Error::AuditOpen`]).
	pub(crate) fn open_audit(
		owner: &T::AccountId,
		asset: &AssetId,
		profile: ProfileKind,
	) -> DispatchResult {
		let deadline = Self::deadline_from_now()?;
		let issued_at = frame_system::Pallet::<T>::block_number();
		Audits::<T>::insert(asset, Audit { provider: owner.clone(), issued_at, deadline, profile });
		Self::deposit_event(Event::AuditOpened {
			asset: *asset,
			provider: owner.clone(),
			deadline,
		});
		Ok(())
	}

	/// Opens a challenge by `challenger` against `provider`'s `asset`, held to
	/// `profile`, holding `deposit` from the challenger; its seed is drawn at the
	/// start of the next block.
	fn open_challenge(
		challenger: &T::AccountId,
		asset: &AssetId,
		provider: &T::AccountId,
		deposit: BalanceOf<T>,
		profile: ProfileKind,
	) -> Result<ChallengeId, DispatchError> {
		let deadline = Self::deadline_from_now()?;
		let expiry = Self::expiry_block(deadline)?;
		let id = NextChallengeId::<T>::get();
		let next_id = id.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let open_against =
			OpenAgainst::<T>::get(provider).checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let mut of_asset = AssetChallenges::<T>::get(asset);
		of_asset.try_push(id).map_err(|_| Error::<T>::TooManyOpenChallenges)?;
		let mut due = Deadlines::<T>::get(expiry);
		due.try_push(id).map_err(|_| Error::<T>::DeadlineQueueFull)?;

		if !deposit.is_zero() {
			T::Currency::hold(&HoldReason::ChallengeDeposit.into(), challenger, deposit)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
		}
		Challenges::<T>::insert(
			id,
			Challenge {
				asset: *asset,
				challenger: challenger.clone(),
				provider: provider.clone(),
				deposit,
				issued_at: frame_system::Pallet::<T>::block_number(),
				deadline,
				profile,
			},
		);
		AssetChallenges::<T>::insert(asset, of_asset);
		Deadlines::<T>::insert(expiry, due);
		OpenAgainst::<T>::insert(provider, open_against);
		NextChallengeId::<T>::put(next_id);
		Self::deposit_event(Event::Challenged {
			challenge: id,
			asset: *asset,
			challenger: challenger.clone(),
			deadline,
		});
		Ok(id)
	}

	/// At the start of block `n`: forgets the drawn seed whose challenges' and
	/// audits' deadline was the block before, then draws the seed of those opened in
	/// block `n - 1` from [`Config::Randomness`]: no one knew it when they were opened.
	/// Should the source return randomness known before that block (a source wired
	/// against the [`Config::Randomness`] rule), the seed is stale and what it would
	/// seed is cancelled instead, without slash: a seed someone could know is no
	/// challenge.
	pub(crate) fn do_draw_seed(n: BlockNumberFor<T>) {
		let Some(block) = n.checked_sub(&One::one()) else { return };
		let last_needed = T::ResponseWindow::get().saturating_add(One::one());
		if let Some(done) = block.checked_sub(&last_needed) {
			if matches!(BlockSeeds::<T>::get(done), Some(BlockSeed::Drawn(_))) {
				BlockSeeds::<T>::remove(done);
			}
		}
		let subject = (b"hypermesh/block-seed", block).encode();
		let (randomness, known_since) = T::Randomness::random(&subject);
		let seed = if known_since < block {
			Self::deposit_event(Event::SeedStale { block });
			BlockSeed::Stale
		} else {
			BlockSeed::Drawn(Self::to_h256(&randomness))
		};
		BlockSeeds::<T>::insert(block, seed);
	}

	/// The seed of `subject` (a challenge or an audit) opened in block `issued_at`,
	/// once the block's seed is drawn: the block's seed mixed with the subject, so
	/// that everything opened in one block samples differently.
	fn seed_of(issued_at: BlockNumberFor<T>, subject: impl Encode) -> Option<H256> {
		match BlockSeeds::<T>::get(issued_at)? {
			BlockSeed::Drawn(seed) => {
				let mixed = T::Hashing::hash_of(&(b"hypermesh/seed", seed, subject));
				Some(Self::to_h256(&mixed))
			}
			BlockSeed::Stale => None,
		}
	}

	/// Whether the seed of what was opened in block `issued_at` was stale.
	fn seed_is_stale(issued_at: BlockNumberFor<T>) -> bool {
		matches!(BlockSeeds::<T>::get(issued_at), Some(BlockSeed::Stale))
	}

	/// The seed of challenge `id`, once drawn.
	pub fn challenge_seed(id: ChallengeId, challenge: &ChallengeOf<T>) -> Option<H256> {
		Self::seed_of(challenge.issued_at, (b"challenge", id))
	}

	/// The seed of the audit of `asset`, once drawn.
	pub fn audit_seed(asset: &AssetId, audit: &AuditOf<T>) -> Option<H256> {
		Self::seed_of(audit.issued_at, (b"audit", asset))
	}

	/// The number an audit's work binds, so that no two audits of an asset share
	/// work: the block it was opened in.
	pub fn audit_number(audit: &AuditOf<T>) -> u64 {
		audit.issued_at.saturated_into()
	}

	/// Gives `challenge`'s challenger its deposit back, in full.
	fn release_deposit(challenge: &ChallengeOf<T>) {
		if !challenge.deposit.is_zero() {
			// Best effort: releases what is held, up to the deposit; cannot fail.
			let _ = T::Currency::release(
				&HoldReason::ChallengeDeposit.into(),
				&challenge.challenger,
				challenge.deposit,
				Precision::BestEffort,
			);
		}
	}

	/// Closes challenge `id` without a verdict: the challenger's deposit is released
	/// and nobody is slashed.
	pub(crate) fn cancel_challenge(id: ChallengeId, challenge: &ChallengeOf<T>) {
		Self::release_deposit(challenge);
		Self::remove_challenge(id, challenge);
		Self::deposit_event(Event::ChallengeCancelled { challenge: id });
	}

	/// Whether `answers` and `work` prove `asset`'s plot for `seed` under `profile`,
	/// the work bound to `number` (a challenge's id, an audit's block).
	pub(crate) fn answer_is_correct(
		asset: &AssetId,
		(seed, number): (&H256, u64),
		record: &AssetRecord<T::AccountId, BlockNumberFor<T>>,
		profile: &RequirementProfile<BalanceOf<T>>,
		answers: &[SampleAnswer],
		work: &WorkProof,
	) -> bool {
		let space = verify_space_answers(
			&record.commitment,
			record.plot_sectors,
			asset,
			seed,
			profile.space_samples,
			answers,
		);
		let (puzzle, needed) = Self::answer_work(asset, (seed, number), record, profile);
		space.is_ok() && verify_work(&puzzle, needed, work)
	}

	/// The work an answer for `asset` seeded with `seed` must show: its puzzle
	/// (bound to the seed, the asset, the owner and `number`) and what it requires
	/// for the asset's declared capacity.
	pub(crate) fn answer_work(
		asset: &AssetId,
		(seed, number): (&H256, u64),
		record: &AssetRecord<T::AccountId, BlockNumberFor<T>>,
		profile: &RequirementProfile<BalanceOf<T>>,
	) -> (H256, WorkRequirement) {
		let owner = record.owner.encode();
		let puzzle = work_challenge(seed, asset, Operation::Answer, &owner, number);
		(puzzle, work_requirement(profile.work_base_bits, record.spec.capacity_units()))
	}

	/// Proves `who`'s `asset` after a correct answer held to `profile`, if its
	/// provider stands behind it (see [`Self::ensure_backs`]).
	fn prove(
		who: &T::AccountId,
		asset: &AssetId,
		record: &AssetRecord<T::AccountId, BlockNumberFor<T>>,
		profile: &RequirementProfile<BalanceOf<T>>,
	) -> DispatchResult {
		let needed = profile.spec_bond(&record.spec);
		if Self::ensure_backs(who, asset, needed).is_ok() {
			T::Assets::mark_proven(asset)?;
		}
		Ok(())
	}

	/// The record of `asset`, if `who` may answer what is open against `provider` on
	/// it with `deadline`: `who` owns the asset and is that provider, and the
	/// deadline has not passed.
	fn answerable(
		who: &T::AccountId,
		asset: &AssetId,
		provider: &T::AccountId,
		deadline: BlockNumberFor<T>,
	) -> Result<AssetRecord<T::AccountId, BlockNumberFor<T>>, DispatchError> {
		let record = T::Assets::asset(asset).ok_or(Error::<T>::UnknownAsset)?;
		ensure!(record.owner == *who && *provider == *who, Error::<T>::NotAssetOwner);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now <= deadline, Error::<T>::ChallengeExpired);
		Ok(record)
	}

	/// Handles the owner's answer to challenge `id`; returns whether it was correct.
	pub(crate) fn do_answer_challenge(
		who: &T::AccountId,
		id: ChallengeId,
		answers: &[SampleAnswer],
		work: WorkProof,
	) -> Result<bool, DispatchError> {
		let challenge = Challenges::<T>::get(id).ok_or(Error::<T>::UnknownChallenge)?;
		let record =
			Self::answerable(who, &challenge.asset, &challenge.provider, challenge.deadline)?;
		let seed = Self::challenge_seed(id, &challenge).ok_or(Error::<T>::ChallengeNotSeeded)?;

		let profile = Self::answer_profile(challenge.profile, &challenge.asset, &record)?;
		let asset = challenge.asset;
		if !Self::answer_is_correct(&asset, (&seed, id), &record, &profile, answers, &work) {
			Self::close_lost_challenge(id, challenge, FailureReason::WrongAnswer);
			return Ok(false);
		}
		let deposit: T::RuntimeHoldReason = HoldReason::ChallengeDeposit.into();
		// A challenge that found nothing costs its challenger a part of the deposit,
		// burned, so that crowding an asset's challenge slots or the block's deadline
		// queue with challenges one answers oneself is not free.
		let burned = T::UnfoundedChallengeBurn::get().mul_floor(challenge.deposit);
		// Best effort, as in a slash: a currency step that fails must not undo a
		// correct answer (the provider would then miss its deadline).
		let burned = if burned.is_zero() {
			burned
		} else {
			T::Currency::burn_held(
				&deposit,
				&challenge.challenger,
				burned,
				Precision::BestEffort,
				Fortitude::Force,
			)
			.unwrap_or_else(|_| Zero::zero())
		};
		let rest = challenge.deposit.saturating_sub(burned);
		let paid = if rest.is_zero() {
			rest
		} else {
			T::Currency::transfer_on_hold(
				&deposit,
				&challenge.challenger,
				who,
				rest,
				Precision::BestEffort,
				Restriction::Free,
				Fortitude::Force,
			)
			.unwrap_or_else(|_| Zero::zero())
		};
		Self::remove_challenge(id, &challenge);
		Self::deposit_event(Event::ChallengeAnswered { challenge: id, paid, burned });
		Self::prove(who, &asset, &record, &profile)?;
		Ok(true)
	}

	/// Handles the owner's answer to the audit of `asset`; returns whether it was
	/// correct.
	pub(crate) fn do_answer_audit(
		who: &T::AccountId,
		asset: &AssetId,
		answers: &[SampleAnswer],
		work: WorkProof,
	) -> Result<bool, DispatchError> {
		let audit = Audits::<T>::get(asset).ok_or(Error::<T>::NoAudit)?;
		let record = Self::answerable(who, asset, &audit.provider, audit.deadline)?;
		let seed = Self::audit_seed(asset, &audit).ok_or(Error::<T>::ChallengeNotSeeded)?;

		let profile = Self::answer_profile(audit.profile, asset, &record)?;
		let number = Self::audit_number(&audit);
		if !Self::answer_is_correct(asset, (&seed, number), &record, &profile, answers, &work) {
			Self::close_lost_audit(asset, audit, FailureReason::WrongAnswer);
			return Ok(false);
		}
		Audits::<T>::remove(asset);
		Self::deposit_event(Event::AuditPassed { asset: *asset });
		Self::prove(who, asset, &record, &profile)?;
		Ok(true)
	}

	/// Closes the audit of `asset` after its deadline. See
	/// [`Pallet::close_expired_audit`].
	pub(crate) fn do_close_expired_audit(asset: &AssetId) -> DispatchResult {
		let audit = Audits::<T>::get(asset).ok_or(Error::<T>::NoAudit)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now > audit.deadline, Error::<T>::AuditNotExpired);
		if Self::seed_is_stale(audit.issued_at) {
			Audits::<T>::remove(asset);
			Self::deposit_event(Event::AuditCancelled { asset: *asset });
		} else {
			Self::close_lost_audit(asset, audit, FailureReason::Missed);
		}
		Ok(())
	}

	/// Closes as missed every open challenge queued for block `n` (cancels those
	/// whose seed was stale); returns how many were queued.
	pub(crate) fn do_close_missed(n: BlockNumberFor<T>) -> u32 {
		let due = Deadlines::<T>::take(n);
		let count = u32::try_from(due.len()).unwrap_or(u32::MAX);
		for id in due {
			let Some(challenge) = Challenges::<T>::get(id) else { continue };
			if Self::challenge_seed(id, &challenge).is_some() {
				Self::close_lost_challenge(id, challenge, FailureReason::Missed);
			} else {
				Self::cancel_challenge(id, &challenge);
			}
		}
		count
	}

	/// The provider lost challenge `id`: slashes it (see [`Self::slash`]), gives the
	/// challenger its deposit back and closes the challenge.
	pub(crate) fn close_lost_challenge(
		id: ChallengeId,
		challenge: ChallengeOf<T>,
		reason: FailureReason,
	) {
		let slash = Self::slash(
			&challenge.provider,
			&challenge.asset,
			challenge.profile,
			Some(&challenge.challenger),
		);
		Self::release_deposit(&challenge);
		Self::remove_challenge(id, &challenge);
		Self::deposit_event(Event::ChallengeFailed { challenge: id, reason });
		Self::report(slash);
	}

	/// The provider lost the audit of `asset`: slashes it (see [`Self::slash`]) and
	/// closes the audit.
	fn close_lost_audit(asset: &AssetId, audit: AuditOf<T>, reason: FailureReason) {
		let slash = Self::slash(&audit.provider, asset, audit.profile, None);
		Audits::<T>::remove(asset);
		Self::deposit_event(Event::AuditFailed { asset: *asset, reason });
		Self::report(slash);
	}

	/// Slashes `provider` for a lost challenge (by `challenger`) or audit (no
	/// challenger) of `asset`, held to profile `fixed`, as the crate docs describe:
	/// moves the challenger's share and burns the rest, counts the failure, bans at
	/// [`Config::MaxFailures`] and asks the registry to mark the asset Failed. Never
	/// fails; the currency steps are best effort and the result reports the amounts
	/// actually moved.
	fn slash(
		provider: &T::AccountId,
		asset: &AssetId,
		fixed: ProfileKind,
		challenger: Option<&T::AccountId>,
	) -> Slash<T> {
		let bond_reason: T::RuntimeHoldReason = HoldReason::ProviderBond.into();
		let held = T::Currency::balance_on_hold(&bond_reason, provider);
		let slashed =
			T::SlashFraction::get().mul_floor(Self::slash_base(provider, asset, fixed)).min(held);
		let share = match challenger {
			Some(_) => T::ChallengerShare::get().mul_floor(slashed),
			None => Zero::zero(),
		};
		let to_challenger = match challenger {
			Some(challenger) if !share.is_zero() => T::Currency::transfer_on_hold(
				&bond_reason,
				provider,
				challenger,
				share,
				Precision::BestEffort,
				Restriction::Free,
				Fortitude::Force,
			)
			.unwrap_or_else(|_| Zero::zero()),
			_ => Zero::zero(),
		};
		let rest = slashed.saturating_sub(to_challenger);
		let burned = if rest.is_zero() {
			Zero::zero()
		} else {
			T::Currency::burn_held(
				&bond_reason,
				provider,
				rest,
				Precision::BestEffort,
				Fortitude::Force,
			)
			.unwrap_or_else(|_| Zero::zero())
		};

		// What is left held bounds what is unbonding: the slash takes from the stake
		// first, then from the unbonding funds.
		let left = held.saturating_sub(to_challenger).saturating_sub(burned);
		Unbonding::<T>::mutate_exists(provider, |unbonding| {
			if let Some((amount, _)) = unbonding {
				*amount = (*amount).min(left);
				if amount.is_zero() {
					*unbonding = None;
				}
			}
		});

		let failures = Failures::<T>::get(provider).saturating_add(1);
		Failures::<T>::insert(provider, failures);
		let banned = failures >= T::MaxFailures::get() && !Banned::<T>::contains_key(provider);
		if banned {
			Banned::<T>::insert(provider, ());
		}

		let marked = match T::Assets::asset(asset) {
			// The asset is gone: there is nothing to mark.
			None => Ok(()),
			Some(_) => T::Assets::mark_failed(asset),
		};
		Slash {
			provider: provider.clone(),
			challenger: challenger.cloned(),
			asset: *asset,
			to_challenger,
			burned,
			banned,
			marked,
		}
	}

	/// Emits the events of `slash`.
	fn report(slash: Slash<T>) {
		Self::deposit_event(Event::Slashed {
			provider: slash.provider.clone(),
			challenger: slash.challenger,
			slashed: slash.to_challenger.saturating_add(slash.burned),
			to_challenger: slash.to_challenger,
			burned: slash.burned,
		});
		if let Err(error) = slash.marked {
			Self::deposit_event(Event::AssetNotMarkedFailed { asset: slash.asset, error });
		}
		if slash.banned {
			Self::deposit_event(Event::ProviderBanned { provider: slash.provider });
		}
	}

	/// Removes challenge `id` from every index and lowers its provider's count of
	/// open challenges.
	fn remove_challenge(id: ChallengeId, challenge: &ChallengeOf<T>) {
		Challenges::<T>::remove(id);
		AssetChallenges::<T>::mutate_exists(challenge.asset, |ids| {
			if let Some(list) = ids {
				list.retain(|other| *other != id);
				if list.is_empty() {
					*ids = None;
				}
			}
		});
		if let Ok(expiry) = Self::expiry_block(challenge.deadline) {
			Deadlines::<T>::mutate_exists(expiry, |ids| {
				if let Some(list) = ids {
					list.retain(|other| *other != id);
					if list.is_empty() {
						*ids = None;
					}
				}
			});
		}
		OpenAgainst::<T>::mutate_exists(&challenge.provider, |count| {
			let left = count.unwrap_or(0).saturating_sub(1);
			*count = if left == 0 { None } else { Some(left) };
		});
	}

	/// Checks the pallet's invariants: every open challenge appears exactly once in
	/// [`AssetChallenges`] and in [`Deadlines`] (and nothing else does), challenges
	/// and audits of an asset still registered are against its owner,
	/// [`OpenAgainst`] counts them per provider, each challenger's
	/// [`HoldReason::ChallengeDeposit`] hold equals the sum of its open deposits,
	/// [`Committed`] sums each provider's
	/// [`AssetBonds`], every stored profile is sound, and the minimum profile is
	/// defined.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;

		let mut against: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let next = NextChallengeId::<T>::get();
		for (id, challenge) in Challenges::<T>::iter() {
			ensure!(id < next, "challenge id not below NextChallengeId");
			let in_asset = AssetChallenges::<T>::get(challenge.asset)
				.iter()
				.filter(|other| **other == id)
				.count();
			ensure!(in_asset == 1, "open challenge not exactly once in AssetChallenges");
			let expiry = Self::expiry_block(challenge.deadline)
				.map_err(|_| "challenge deadline overflows")?;
			let in_deadlines =
				Deadlines::<T>::get(expiry).iter().filter(|other| **other == id).count();
			ensure!(in_deadlines == 1, "open challenge not exactly once in Deadlines");
			if let Some(record) = T::Assets::asset(&challenge.asset) {
				ensure!(record.owner == challenge.provider, "a challenge is against a non-owner");
			}
			let count = against.entry(challenge.provider.clone()).or_default();
			*count = count.saturating_add(1);
			let sum = deposits.entry(challenge.challenger.clone()).or_default();
			*sum = sum.saturating_add(challenge.deposit);
		}
		for (asset, audit) in Audits::<T>::iter() {
			if let Some(record) = T::Assets::asset(&asset) {
				ensure!(record.owner == audit.provider, "an audit is of a non-owner");
			}
			ensure!(audit.issued_at < audit.deadline, "an audit's deadline precedes it");
		}
		for (asset, ids) in AssetChallenges::<T>::iter() {
			ensure!(!ids.is_empty(), "empty AssetChallenges entry");
			for id in ids {
				let challenge =
					Challenges::<T>::get(id).ok_or("closed challenge in AssetChallenges")?;
				ensure!(challenge.asset == asset, "challenge listed under another asset");
			}
		}
		for (block, ids) in Deadlines::<T>::iter() {
			ensure!(!ids.is_empty(), "empty Deadlines entry");
			for id in ids {
				let challenge = Challenges::<T>::get(id).ok_or("closed challenge in Deadlines")?;
				ensure!(
					Self::expiry_block(challenge.deadline).ok() == Some(block),
					"challenge queued under another block"
				);
			}
		}
		let counted = OpenAgainst::<T>::iter().collect::<BTreeMap<_, _>>();
		ensure!(counted == against, "OpenAgainst does not count the open challenges");
		for (challenger, sum) in deposits {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::ChallengeDeposit.into(), &challenger)
					== sum,
				"challenge deposit hold differs from the open deposits"
			);
		}
		for (who, (amount, _)) in Unbonding::<T>::iter() {
			ensure!(!amount.is_zero(), "an empty unbonding entry is stored");
			ensure!(amount <= Self::held_bond(&who), "more is unbonding than is held");
		}
		let mut committed: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (_, (provider, bond)) in AssetBonds::<T>::iter() {
			let sum = committed.entry(provider).or_default();
			*sum = sum.saturating_add(bond);
		}
		// Nothing is stored for a provider whose assets need no bond.
		committed.retain(|_, sum| !sum.is_zero());
		let recorded = Committed::<T>::iter().collect::<BTreeMap<_, _>>();
		ensure!(recorded == committed, "Committed is not the sum of the asset bonds");
		for profile in Profiles::<T>::iter_values() {
			ensure!(Self::profile_is_sound(&profile), "an unsound profile is stored");
		}
		ensure!(
			Profiles::<T>::iter_keys().next().is_none()
				|| Profiles::<T>::contains_key(MinimumProfile::<T>::get()),
			"the minimum profile is undefined"
		);
		Ok(())
	}
}

/// Building valid proofs with the prover of `hypermesh_primitives`, for the tests
/// and the benchmarks (this pallet's and, through the runtime, the registry's).
#[cfg(any(test, feature = "runtime-benchmarks"))]
mod proving {
	use codec::Encode;
	use frame_support::traits::{
		fungible::{Inspect, Mutate},
		UnixTime,
	};
	use hypermesh_primitives::{
		proof::work_challenge,
		prover::{solve_work, Plot},
		space::{plot_seed, SpaceAnswers},
		traits::ProofContext,
		AssetClass, AssetId, ProfileKind, ProofBundle, SpaceProof, StakeProof, TimeProof,
		WorkProof,
	};
	use sp_runtime::traits::{One, Saturating, Zero};

	use super::*;
	use crate::{types::ProofBundleOf, ProofNonces};

	impl<T: Config> Pallet<T> {
		/// What profile `kind` asks for; the tests' and benchmarks' chains define
		/// every profile they use.
		pub fn defined_profile(kind: ProfileKind) -> RequirementProfile<BalanceOf<T>> {
			Self::requirement_profile(kind).expect("tests and benchmarks define their profiles")
		}

		/// The plot of `asset` with the fewest labels profile `kind` allows.
		pub fn build_plot(asset: &AssetId, kind: ProfileKind) -> Plot {
			let labels = Self::defined_profile(kind).min_plot_sectors;
			Plot::build(plot_seed(asset), labels).expect("tests define plot sizes powers of two")
		}

		/// A valid bundle for `context` in the current block: anchored at the parent
		/// block (its hash as `frame_system` knows it), stamped with the chain's
		/// clock, the signer's next nonce, the bond it holds, the context's plot
		/// commitment, and solved work.
		pub fn build_bundle(context: &ProofContext<T::AccountId>) -> ProofBundleOf<T> {
			let now = frame_system::Pallet::<T>::block_number();
			let anchor_number = now.saturating_sub(One::one());
			let anchor_hash = Self::to_h256(&frame_system::Pallet::<T>::block_hash(anchor_number));
			let timestamp_ms = u64::try_from(T::Time::now().as_millis()).unwrap_or(u64::MAX);
			let nonce = ProofNonces::<T>::get(&context.who).saturating_add(1);
			let profile = Self::defined_profile(context.profile);
			let challenge = work_challenge(
				&anchor_hash,
				&context.asset,
				context.operation,
				&context.who.encode(),
				nonce,
			);
			let work = solve_work(&challenge, Self::work_needed(context, &profile));
			ProofBundle {
				space: SpaceProof { commitment: context.commitment, sectors: context.plot_sectors },
				stake: StakeProof { amount: Self::bonded(&context.who) },
				work,
				time: TimeProof { anchor_number, anchor_hash, timestamp_ms, nonce },
			}
		}

		/// The correct answer to open challenge `id` from the owner of `plot`, or
		/// `None` if there is no such challenge or asset, or it is not seeded yet.
		pub fn build_answer(id: ChallengeId, plot: &Plot) -> Option<(SpaceAnswers, WorkProof)> {
			let challenge = Challenges::<T>::get(id)?;
			let seed = Self::challenge_seed(id, &challenge)?;
			Self::build_answer_for(&challenge.asset, challenge.profile, (&seed, id), plot)
		}

		/// The correct answer to the open audit of `asset` from the owner of `plot`,
		/// or `None` if there is no such audit or asset, or it is not seeded yet.
		pub fn build_audit_answer(
			asset: &AssetId,
			plot: &Plot,
		) -> Option<(SpaceAnswers, WorkProof)> {
			let audit = Audits::<T>::get(asset)?;
			let seed = Self::audit_seed(asset, &audit)?;
			let number = Self::audit_number(&audit);
			Self::build_answer_for(asset, audit.profile, (&seed, number), plot)
		}

		/// The correct answer for `asset` from `plot`, seeded with `seed` and bound to
		/// `number`, held to profile `fixed` (or stricter).
		fn build_answer_for(
			asset: &AssetId,
			fixed: ProfileKind,
			(seed, number): (&H256, u64),
			plot: &Plot,
		) -> Option<(SpaceAnswers, WorkProof)> {
			let record = T::Assets::asset(asset)?;
			let profile = Self::answer_profile(fixed, asset, &record).ok()?;
			let answers = plot.answer(seed, asset, profile.space_samples).ok()?;
			let (puzzle, needed) = Self::answer_work(asset, (seed, number), &record, &profile);
			Some((answers, solve_work(&puzzle, needed)))
		}

		/// The bond profile `kind` asks of an asset of `class` with `units` capacity
		/// units.
		pub fn asset_bond_of(kind: ProfileKind, class: AssetClass, units: u64) -> BalanceOf<T> {
			Self::defined_profile(kind).asset_bond(class, units)
		}

		/// Gives `who` ten times `bond` (plus the existential deposit, and never less
		/// than `floor`) as free balance, then bonds up to `bond`. Returns the bond
		/// held.
		pub fn fund_and_bond(
			who: &T::AccountId,
			bond: BalanceOf<T>,
			floor: BalanceOf<T>,
		) -> BalanceOf<T> {
			let funds = bond
				.saturating_mul(10u32.into())
				.saturating_add(T::Currency::minimum_balance())
				.max(floor);
			T::Currency::set_balance(who, funds);
			let missing = bond.saturating_sub(Self::bonded(who));
			if !missing.is_zero() {
				let _ = T::Currency::hold(&HoldReason::ProviderBond.into(), who, missing);
			}
			Self::bonded(who)
		}
	}
}

#[cfg(feature = "runtime-benchmarks")]
mod benchmark_support {
	use frame_system::pallet_prelude::BlockNumberFor;
	use hypermesh_primitives::{
		prover::{solve_work, Plot, SparsePlot},
		space::{plot_seed, SpaceAnswers, MAX_MERKLE_DEPTH},
		traits::ProofContext,
		AssetClass, AssetId, ProfileKind,
	};
	use sp_runtime::traits::{Hash, One, Saturating};

	use super::*;
	use crate::types::{BenchmarkHelper, ProofBundleOf};

	/// Capacity units a benchmark provider's bond covers: 256 assets of 256 units.
	pub const BENCHMARK_BONDED_UNITS: u64 = 1 << 16;

	impl<T: Config> Pallet<T> {
		/// Benchmarks: funds `who` (see [`Pallet::fund_and_bond`]) and bonds enough
		/// for [`BENCHMARK_BONDED_UNITS`] capacity units of profile `kind`'s dearest
		/// class: room for as many assets as a benchmark registers. Returns the bond
		/// held.
		pub fn benchmark_bond(who: &T::AccountId, kind: ProfileKind) -> BalanceOf<T> {
			let bond = AssetClass::ALL
				.iter()
				.map(|class| Self::asset_bond_of(kind, *class, BENCHMARK_BONDED_UNITS))
				.max()
				.unwrap_or_else(Zero::zero);
			Self::fund_and_bond(who, bond, Zero::zero())
		}

		/// Benchmarks: the plot of `asset` with profile `kind`'s fewest labels.
		pub fn benchmark_plot(asset: &AssetId, kind: ProfileKind) -> Plot {
			Self::build_plot(asset, kind)
		}

		/// Benchmarks: makes the current block at least 2 and gives its parent a
		/// known hash in `frame_system` (when it has none), so bundles can anchor.
		pub fn benchmark_anchor() {
			let two = BlockNumberFor::<T>::one().saturating_add(One::one());
			if frame_system::Pallet::<T>::block_number() < two {
				frame_system::Pallet::<T>::set_block_number(two);
			}
			let parent = frame_system::Pallet::<T>::block_number().saturating_sub(One::one());
			if Self::to_h256(&frame_system::Pallet::<T>::block_hash(parent)).is_zero() {
				frame_system::BlockHash::<T>::insert(
					parent,
					T::Hashing::hash_of(&(b"hypermesh/bench-anchor", parent)),
				);
			}
		}

		/// Benchmarks: moves to the next block and draws the seed of what was opened
		/// in the previous one, as its `on_initialize` would.
		pub fn benchmark_seed() {
			let next = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
			frame_system::Pallet::<T>::set_block_number(next);
			Self::do_draw_seed(next);
		}

		/// Benchmarks: draws the seed of what was opened in this block and answers
		/// `owner`'s open audit of `asset` correctly from its plot (built for the
		/// asset's profile), as the provider would in the next block.
		pub fn benchmark_pass_audit(owner: &T::AccountId, asset: &AssetId) {
			Self::benchmark_seed();
			let Some(record) = T::Assets::asset(asset) else { return };
			let plot = Self::build_plot(asset, record.profile);
			if let Some((answers, work)) = Self::build_audit_answer(asset, &plot) {
				let _ = Self::do_answer_audit(owner, asset, &answers, work);
			}
		}

		/// Benchmarks: the correct answer to open, seeded challenge `id` at the deepest
		/// Merkle path the chain accepts (see [`Self::benchmark_deepest`]).
		pub fn benchmark_deepest_answer(id: ChallengeId) -> Option<(SpaceAnswers, WorkProof)> {
			let challenge = Challenges::<T>::get(id)?;
			let seed = Self::challenge_seed(id, &challenge)?;
			Self::benchmark_deepest(&challenge.asset, challenge.profile, (&seed, id))
		}

		/// Benchmarks: the correct answer to the open, seeded audit of `asset` at the
		/// deepest Merkle path the chain accepts (see [`Self::benchmark_deepest`]).
		pub fn benchmark_deepest_audit_answer(
			asset: &AssetId,
		) -> Option<(SpaceAnswers, WorkProof)> {
			let audit = Audits::<T>::get(asset)?;
			let seed = Self::audit_seed(asset, &audit)?;
			Self::benchmark_deepest(asset, audit.profile, (&seed, Self::audit_number(&audit)))
		}

		/// Benchmarks: the correct answer for `asset` seeded with `seed` and bound to
		/// `number`, held to profile `fixed`, at the deepest Merkle path the chain
		/// accepts. The asset's plot becomes a [`SparsePlot`] of
		/// 2^[`MAX_MERKLE_DEPTH`] labels made for these samples (see
		/// [`BenchmarkHelper::set_plot`]).
		fn benchmark_deepest(
			asset: &AssetId,
			fixed: ProfileKind,
			(seed, number): (&H256, u64),
		) -> Option<(SpaceAnswers, WorkProof)> {
			let record = T::Assets::asset(asset)?;
			let profile = Self::answer_profile(fixed, asset, &record).ok()?;
			let labels = 1u32 << MAX_MERKLE_DEPTH;
			let samples = profile.space_samples;
			let plot =
				SparsePlot::for_challenge(plot_seed(asset), labels, seed, asset, samples).ok()?;
			T::BenchmarkHelper::set_plot(asset, plot.commitment(), labels);
			let record = T::Assets::asset(asset)?;
			let answers = plot.answer(seed, asset, samples).ok()?;
			let (puzzle, needed) = Self::answer_work(asset, (seed, number), &record, &profile);
			Some((answers, solve_work(&puzzle, needed)))
		}

		/// Benchmarks: a valid bundle for `context` anchored at the parent block
		/// (see [`Pallet::benchmark_anchor`] and [`Pallet::build_bundle`]).
		pub fn benchmark_bundle(context: &ProofContext<T::AccountId>) -> ProofBundleOf<T> {
			Self::benchmark_anchor();
			Self::build_bundle(context)
		}
	}
}
