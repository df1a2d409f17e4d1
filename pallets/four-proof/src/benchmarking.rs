//! Benchmarks of the four-proof pallet, every call at its worst case, at the
//! production profile (the most samples).

use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, InspectHold},
	EnsureOrigin, Get, Hooks,
};
use frame_system::RawOrigin;
use hypermesh_primitives::{
	proof::{meets_difficulty, work_puzzle, MAX_WORK_SOLUTIONS},
	space::SpaceAnswers,
	traits::{AssetInspect, ProofContext, ProofVerifier},
	AssetClass, AssetId, AssetState, ChallengeId, Operation, ProfileKind, WorkProof,
};
use sp_core::H256;
use sp_runtime::traits::{One, Saturating, StaticLookup};

use crate::{
	types::{BalanceOf, BenchmarkHelper},
	Audits, Call, Challenges, Config, Event, Failures, HoldReason, NextChallengeId, Pallet,
	Unbonding,
};

const PROFILE: ProfileKind = ProfileKind::Production;

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(event.into());
}

/// A bonded provider with an asset at the production profile, its bond committed
/// to the asset as a proof commits it.
fn provider<T: Config>(index: u32) -> (T::AccountId, AssetId) {
	let owner: T::AccountId = account("provider", index, 0);
	Pallet::<T>::benchmark_bond(&owner, PROFILE);
	let sectors = Pallet::<T>::defined_profile(PROFILE).min_plot_sectors;
	let asset = T::BenchmarkHelper::create_asset(&owner, H256::repeat_byte(1), sectors, PROFILE);
	let spec = T::Assets::asset(&asset).expect("the benchmark asset exists").spec;
	let bond = Pallet::<T>::defined_profile(PROFILE).spec_bond(&spec);
	Pallet::<T>::commit_bond(&owner, &asset, bond);
	(owner, asset)
}

/// A bonded provider with an asset whose plot is never built (for challenges
/// that are not answered).
fn unanswered_provider<T: Config>(index: u32) -> (T::AccountId, AssetId) {
	let owner: T::AccountId = account("unanswered", index, 0);
	Pallet::<T>::benchmark_bond(&owner, PROFILE);
	let sectors = Pallet::<T>::defined_profile(PROFILE).min_plot_sectors;
	let asset = T::BenchmarkHelper::create_asset(&owner, H256::repeat_byte(1), sectors, PROFILE);
	(owner, asset)
}

/// A bonded challenger able to pay every deposit a block can queue, twice over.
fn challenger<T: Config>() -> T::AccountId {
	let who: T::AccountId = account("challenger", 0, 0);
	let slots = T::MaxDeadlinesPerBlock::get().saturating_add(T::MaxOpenChallenges::get());
	let deposits = T::ChallengeDeposit::get().saturating_mul(BalanceOf::<T>::from(slots));
	let bond = Pallet::<T>::asset_bond_of(ProfileKind::Testing, AssetClass::Cpu, 1);
	let floor = deposits
		.saturating_mul(2u32.into())
		.saturating_add(bond)
		.saturating_add(T::Currency::minimum_balance());
	Pallet::<T>::fund_and_bond(&who, bond, floor);
	who
}

/// Fills the target asset's open challenges to `MaxOpenChallenges - 1` and this
/// block's deadline queue to `MaxDeadlinesPerBlock - 1 - keep_free`, so the call
/// measured works on the longest lists.
fn fill_queues<T: Config>(challenger: &T::AccountId, asset: &AssetId, keep_free: u32) {
	let queue = T::MaxDeadlinesPerBlock::get().saturating_sub(1).saturating_sub(keep_free);
	let on_asset = T::MaxOpenChallenges::get().saturating_sub(1).min(queue);
	for _ in 0..on_asset {
		let _ = Pallet::<T>::do_challenge(challenger, asset);
	}
	for index in on_asset..queue {
		let (_, other) = unanswered_provider::<T>(index);
		let _ = Pallet::<T>::do_challenge(challenger, &other);
	}
}

/// Spoils the correct answer `(answers, work)` for `asset` seeded with `seed` and
/// bound to `number`, held to profile `fixed`, as late as possible: the last work
/// solution (or, at zero bits, the last sampled label), so every other check runs
/// first.
fn spoil<T: Config>(
	asset: &AssetId,
	fixed: ProfileKind,
	(seed, number): (&H256, u64),
	(mut answers, mut work): (SpaceAnswers, WorkProof),
) -> (SpaceAnswers, WorkProof) {
	let record = T::Assets::asset(asset).expect("the benchmark asset exists");
	let profile = Pallet::<T>::answer_profile(fixed, asset, &record).expect("defined");
	let (work_seed, needed) = Pallet::<T>::answer_work(asset, (seed, number), &record, &profile);
	let last = u32::try_from(work.nonces.len()).unwrap_or(1).saturating_sub(1);
	let puzzle = work_puzzle(&work_seed, last);
	match work.nonces.last_mut() {
		Some(nonce) if needed.bits > 0 => {
			while meets_difficulty(&puzzle, *nonce, needed.bits) {
				*nonce = nonce.wrapping_add(1);
			}
		}
		// Any nonce meets zero bits: spoil the last sampled label instead.
		_ => {
			if let Some(last) = answers.last_mut() {
				last.sample.label = H256::repeat_byte(0xee);
			}
		}
	}
	(answers, work)
}

/// An open, seeded audit of `owner`'s `asset` at the production profile.
fn seeded_audit<T: Config>(owner: &T::AccountId, asset: &AssetId) {
	Pallet::<T>::open_audit(owner, asset, PROFILE).expect("no audit is open");
	Pallet::<T>::benchmark_seed();
}

/// One lost challenge away from a ban.
fn near_ban<T: Config>(provider: &T::AccountId) {
	Failures::<T>::insert(provider, T::MaxFailures::get().saturating_sub(1));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn bond() {
		Pallet::<T>::benchmark_anchor();
		let who: T::AccountId = whitelisted_caller();
		Pallet::<T>::benchmark_bond(&who, PROFILE);
		let amount = Pallet::<T>::asset_bond_of(PROFILE, AssetClass::Cpu, 1);
		let before = Pallet::<T>::bonded(&who);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), amount);

		assert_eq!(Pallet::<T>::bonded(&who), before.saturating_add(amount));
		assert_last_event::<T>(Event::Bonded { who, amount });
	}

	#[benchmark]
	fn unbond() {
		Pallet::<T>::benchmark_anchor();
		let who: T::AccountId = whitelisted_caller();
		let held = Pallet::<T>::benchmark_bond(&who, PROFILE);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), held);

		assert_eq!(Pallet::<T>::bonded(&who), 0u32.into());
		let withdrawable_at =
			frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingDelay::get());
		assert_last_event::<T>(Event::Unbonded { who, amount: held, withdrawable_at });
	}

	#[benchmark]
	fn challenge() {
		Pallet::<T>::benchmark_anchor();
		let (_, asset) = unanswered_provider::<T>(u32::MAX);
		let who = challenger::<T>();
		fill_queues::<T>(&who, &asset, 0);
		let id = NextChallengeId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), asset);

		let deadline = frame_system::Pallet::<T>::block_number()
			.saturating_add(One::one())
			.saturating_add(T::ResponseWindow::get());
		assert_last_event::<T>(Event::Challenged {
			challenge: id,
			asset,
			challenger: who,
			deadline,
		});
	}

	/// A correct answer at its costliest: every path as deep as the chain accepts,
	/// the most work solutions, and the asset Failed, so the answer also returns it
	/// to service.
	#[benchmark]
	fn answer_challenge() {
		Pallet::<T>::benchmark_anchor();
		let (owner, asset) = provider::<T>(0);
		T::Assets::mark_failed(&asset).expect("the benchmark asset exists");
		let who = challenger::<T>();
		fill_queues::<T>(&who, &asset, 1);
		let id: ChallengeId = Pallet::<T>::do_challenge(&who, &asset).expect("room was kept");
		Pallet::<T>::benchmark_seed();
		let (answers, work) =
			Pallet::<T>::benchmark_deepest_answer(id).expect("the challenge is open");
		assert_eq!(work.nonces.len(), MAX_WORK_SOLUTIONS as usize);

		#[extrinsic_call]
		answer_challenge(RawOrigin::Signed(owner), id, answers, work);

		assert!(!Challenges::<T>::contains_key(id));
		assert_eq!(
			T::Assets::asset(&asset).map(|record| record.state),
			Some(AssetState::Available)
		);
	}

	/// The slashing path at its most expensive: the sampled sectors are right (all
	/// verified, at the deepest paths), the work is wrong, and the provider is
	/// banned.
	#[benchmark]
	fn answer_challenge_wrong() {
		Pallet::<T>::benchmark_anchor();
		let (owner, asset) = provider::<T>(0);
		near_ban::<T>(&owner);
		let who = challenger::<T>();
		fill_queues::<T>(&who, &asset, 1);
		let id: ChallengeId = Pallet::<T>::do_challenge(&who, &asset).expect("room was kept");
		Pallet::<T>::benchmark_seed();
		let answer = Pallet::<T>::benchmark_deepest_answer(id).expect("the challenge is open");
		let open = Challenges::<T>::get(id).expect("challenge is open");
		let seed = Pallet::<T>::challenge_seed(id, &open).expect("challenge is seeded");
		let (answers, work) = spoil::<T>(&asset, open.profile, (&seed, id), answer);

		#[extrinsic_call]
		answer_challenge(RawOrigin::Signed(owner.clone()), id, answers, work);

		assert!(!Challenges::<T>::contains_key(id));
		assert!(crate::Banned::<T>::contains_key(&owner));
		assert_last_event::<T>(Event::ProviderBanned { provider: owner });
	}

	/// `c` challenges miss their deadline in one block, each against a different
	/// provider one failure away from a ban; then the block's seed is drawn and the
	/// oldest drawn seed forgotten.
	#[benchmark]
	fn on_initialize_deadlines(c: Linear<0, { T::MaxDeadlinesPerBlock::get() }>) {
		Pallet::<T>::benchmark_anchor();
		let who = challenger::<T>();
		for index in 0..c {
			let (owner, asset) = unanswered_provider::<T>(index);
			near_ban::<T>(&owner);
			Pallet::<T>::do_challenge(&who, &asset).expect("queue has room");
		}
		// Seeded in the next block; closed as missed in the one after the deadline.
		Pallet::<T>::benchmark_seed();
		let expiry = frame_system::Pallet::<T>::block_number()
			.saturating_add(T::ResponseWindow::get())
			.saturating_add(One::one());
		frame_system::Pallet::<T>::set_block_number(expiry);

		#[block]
		{
			Pallet::<T>::on_initialize(expiry);
		}

		assert_eq!(Challenges::<T>::iter().count(), 0);
		assert_eq!(
			T::Currency::balance_on_hold(&HoldReason::ChallengeDeposit.into(), &who),
			0u32.into()
		);
		assert!(crate::BlockSeeds::<T>::contains_key(expiry.saturating_sub(One::one())));
	}

	/// A correct audit answer at its costliest, as for a challenge: the deepest
	/// paths, the most work, and the asset Failed, returned to service.
	#[benchmark]
	fn answer_audit() {
		Pallet::<T>::benchmark_anchor();
		let (owner, asset) = provider::<T>(0);
		T::Assets::mark_failed(&asset).expect("the benchmark asset exists");
		seeded_audit::<T>(&owner, &asset);
		let (answers, work) =
			Pallet::<T>::benchmark_deepest_audit_answer(&asset).expect("the audit is open");
		assert_eq!(work.nonces.len(), MAX_WORK_SOLUTIONS as usize);

		#[extrinsic_call]
		answer_audit(RawOrigin::Signed(owner), asset, answers, work);

		assert!(!Audits::<T>::contains_key(asset));
		assert_eq!(
			T::Assets::asset(&asset).map(|record| record.state),
			Some(AssetState::Available)
		);
	}

	/// A wrong audit answer at its costliest: every sample checked at the deepest
	/// paths, the work wrong, and the provider banned.
	#[benchmark]
	fn answer_audit_wrong() {
		Pallet::<T>::benchmark_anchor();
		let (owner, asset) = provider::<T>(0);
		near_ban::<T>(&owner);
		seeded_audit::<T>(&owner, &asset);
		let answer =
			Pallet::<T>::benchmark_deepest_audit_answer(&asset).expect("the audit is open");
		let audit = Audits::<T>::get(asset).expect("the audit is open");
		let seed = Pallet::<T>::audit_seed(&asset, &audit).expect("the audit is seeded");
		let number = Pallet::<T>::audit_number(&audit);
		let (answers, work) = spoil::<T>(&asset, audit.profile, (&seed, number), answer);

		#[extrinsic_call]
		answer_audit(RawOrigin::Signed(owner.clone()), asset, answers, work);

		assert!(!Audits::<T>::contains_key(asset));
		assert!(crate::Banned::<T>::contains_key(&owner));
		assert_last_event::<T>(Event::ProviderBanned { provider: owner });
	}

	/// A missed audit closed by someone else, its provider banned by the loss.
	#[benchmark]
	fn close_expired_audit() {
		Pallet::<T>::benchmark_anchor();
		let (owner, asset) = provider::<T>(0);
		near_ban::<T>(&owner);
		seeded_audit::<T>(&owner, &asset);
		let deadline = Audits::<T>::get(asset).expect("the audit is open").deadline;
		frame_system::Pallet::<T>::set_block_number(deadline.saturating_add(One::one()));
		let closer: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(closer), asset);

		assert!(!Audits::<T>::contains_key(asset));
		assert_last_event::<T>(Event::ProviderBanned { provider: owner });
	}

	/// Everything unbonded goes back once the delay is over.
	#[benchmark]
	fn withdraw_unbonded() {
		Pallet::<T>::benchmark_anchor();
		let who: T::AccountId = whitelisted_caller();
		let held = Pallet::<T>::benchmark_bond(&who, PROFILE);
		Pallet::<T>::do_unbond(&who, held).expect("nothing is committed");
		let (_, withdrawable_at) = Unbonding::<T>::get(&who).expect("unbonding");
		frame_system::Pallet::<T>::set_block_number(withdrawable_at);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert_eq!(Pallet::<T>::held_bond(&who), 0u32.into());
		assert_last_event::<T>(Event::Withdrawn { who, amount: held });
	}

	#[benchmark]
	fn set_profile() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let profile = Pallet::<T>::defined_profile(PROFILE);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, PROFILE, profile);

		assert_last_event::<T>(Event::ProfileSet { kind: PROFILE, profile });
		Ok(())
	}

	#[benchmark]
	fn set_minimum_profile() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, PROFILE);

		assert_last_event::<T>(Event::MinimumProfileSet { kind: PROFILE });
		Ok(())
	}

	#[benchmark]
	fn unban() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let provider: T::AccountId = account("banned", 0, 0);
		Failures::<T>::insert(&provider, T::MaxFailures::get());
		crate::Banned::<T>::insert(&provider, ());
		let lookup = T::Lookup::unlookup(provider.clone());

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, lookup);

		assert!(!crate::Banned::<T>::contains_key(&provider));
		assert_last_event::<T>(Event::ProviderUnbanned { provider });
		Ok(())
	}

	/// Verification of a provider's register bundle.
	#[benchmark]
	fn verify_register() {
		Pallet::<T>::benchmark_anchor();
		let owner: T::AccountId = account("provider", 0, 0);
		Pallet::<T>::benchmark_bond(&owner, PROFILE);
		let asset = T::BenchmarkHelper::next_asset_id(&owner);
		let plot = Pallet::<T>::benchmark_plot(&asset, PROFILE);
		let context = ProofContext {
			operation: Operation::Register,
			who: owner.clone(),
			asset,
			owner: owner.clone(),
			commitment: plot.commitment(),
			plot_sectors: plot.sectors(),
			class: AssetClass::Cpu,
			// The most solutions a work proof carries: the costliest to check.
			capacity_units: MAX_WORK_SOLUTIONS.into(),
			profile: PROFILE,
		};
		let bundle = Pallet::<T>::benchmark_bundle(&context);
		let result;

		#[block]
		{
			result = <Pallet<T> as ProofVerifier<_, _, _>>::verify(&context, &bundle);
		}

		assert!(result.is_ok());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
