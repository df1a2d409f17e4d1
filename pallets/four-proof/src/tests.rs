//! Tests of the four-proof pallet. Bundles and answers are made with the real
//! prover of `hypermesh_primitives`.

use codec::{Decode, Encode};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold},
		Hooks,
	},
};
use hypermesh_primitives::{
	proof::{meets_difficulty, work_challenge, work_puzzle, MAX_WORK_BITS},
	space::{SpaceAnswers, MAX_SPACE_SAMPLES},
	traits::{AssetInspect, ProofVerifier, ProviderStanding},
	AssetId, AssetState, Operation, ProfileKind, RequirementProfile, UnitBonds, WorkProof,
};
use proptest::prelude::*;
use sp_core::H256;
use sp_runtime::traits::{Hash, Zero};

use crate::{
	mock::*,
	types::{BlockSeed, ChallengeOf},
	AssetBonds, AssetChallenges, Audits, Banned, BlockSeeds, Challenges, Committed, Config,
	Deadlines, Error, Event, FailureReason, Failures, HoldReason, MinimumProfile, NextChallengeId,
	OpenAgainst, Profiles, ProofNonces, Unbonding, WeightInfo,
};

fn bond_reason() -> RuntimeHoldReason {
	HoldReason::ProviderBond.into()
}

fn deposit_reason() -> RuntimeHoldReason {
	HoldReason::ChallengeDeposit.into()
}

fn bonded(who: AccountId) -> Balance {
	Balances::balance_on_hold(&bond_reason(), &who)
}

fn deposit_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&deposit_reason(), &who)
}

fn bond(who: AccountId, amount: Balance) {
	assert_ok!(FourProof::bond(RuntimeOrigin::signed(who), amount));
}

fn verify(
	context: &hypermesh_primitives::traits::ProofContext<AccountId>,
	bundle: &hypermesh_primitives::ProofBundle<Balance, u64>,
) -> sp_runtime::DispatchResult {
	<FourProof as ProofVerifier<_, _, _>>::verify(context, bundle)
}

/// ALICE bonded at the testing profile with one testing asset; returns it and its plot.
fn provider_with_asset() -> (AssetId, hypermesh_primitives::prover::Plot) {
	bond(ALICE, 1_000);
	new_asset(ALICE, 0, ProfileKind::Testing, 4)
}

/// Spoils `work` for `challenge`: its first nonce no longer solves the first puzzle
/// at `bits`.
fn spoil(work: &mut WorkProof, challenge: &H256, bits: u32) {
	let puzzle = work_puzzle(challenge, 0);
	work.nonces[0] = (0u64..).find(|nonce| !meets_difficulty(&puzzle, *nonce, bits)).unwrap();
}

/// ALICE answers challenge `id` with `answers` and `work`, which are wrong: the call
/// succeeds and she loses the challenge.
fn answer_and_lose(id: u64, answers: SpaceAnswers, work: WorkProof) {
	assert_ok!(FourProof::answer_challenge(RuntimeOrigin::signed(ALICE), id, answers, work));
	System::assert_has_event(
		Event::ChallengeFailed { challenge: id, reason: FailureReason::WrongAnswer }.into(),
	);
}

/// BOB bonded and challenging `asset`, then the next block, where the challenge is
/// seeded; returns the challenge id.
fn bob_challenges(asset: &AssetId) -> u64 {
	if bonded(BOB).is_zero() {
		bond(BOB, 200);
	}
	let id = NextChallengeId::<Test>::get();
	assert_ok!(FourProof::challenge(RuntimeOrigin::signed(BOB), *asset));
	run_to_block(System::block_number() + 1);
	id
}

// ---------------------------------------------------------------- verification

/// Draws the seed of what was opened in this block (moves to the next) and answers
/// ALICE's audit of `asset` correctly from `plot`.
fn seed_and_answer_audit(asset: &AssetId, plot: &hypermesh_primitives::prover::Plot) {
	run_to_block(System::block_number() + 1);
	let (answers, work) = FourProof::build_audit_answer(asset, plot).expect("audit is seeded");
	assert_ok!(FourProof::answer_audit(RuntimeOrigin::signed(ALICE), *asset, answers, work));
}

/// The last block an audit or challenge opened now may be answered in.
fn deadline_now() -> u64 {
	System::block_number() + 1 + <<Test as Config>::ResponseWindow as sp_core::Get<u64>>::get()
}

#[test]
fn valid_bundles_verify_record_the_nonce_and_open_an_audit() {
	build_and_execute(|| {
		let (asset, plot) = provider_with_asset();
		for operation in [Operation::Register, Operation::Heartbeat] {
			let ctx = context(operation, ALICE, &asset);
			let bundle = bundle(&ctx);
			assert_ok!(verify(&ctx, &bundle));
			assert_eq!(ProofNonces::<Test>::get(ALICE), bundle.time.nonce);
			let (opened, seed) = FourProof::audit(&asset).expect("the audit is open");
			assert_eq!((opened.provider, opened.issued_at), (ALICE, System::block_number()));
			assert_eq!(seed, None);
			// An audit is no challenge: no id, no deposit, no lock on the bond.
			assert_eq!(NextChallengeId::<Test>::get(), 0);
			assert!(!OpenAgainst::<Test>::contains_key(ALICE));
			// One audit at a time: the next bundle waits for this one's answer.
			let next = crate::mock::bundle(&ctx);
			assert_noop!(verify(&ctx, &next), Error::<Test>::AuditOpen);
			seed_and_answer_audit(&asset, &plot);
			System::assert_last_event(Event::AuditPassed { asset }.into());
			assert_eq!(MockAssets::asset(&asset).unwrap().last_heartbeat, System::block_number());
		}
	});
}

#[test]
fn an_audit_is_seeded_by_randomness_drawn_in_the_next_block() {
	build_and_execute(|| {
		let (asset, plot) = provider_with_asset();
		let ctx = context(Operation::Register, ALICE, &asset);
		assert_ok!(verify(&ctx, &bundle(&ctx)));
		System::assert_has_event(
			Event::AuditOpened { asset, provider: ALICE, deadline: deadline_now() }.into(),
		);
		// Not answerable in the block it was made in: its samples do not exist yet.
		let early = plot.answer(&H256::zero(), &asset, 2).unwrap();
		let work = WorkProof { nonces: Default::default() };
		assert_noop!(
			FourProof::answer_audit(RuntimeOrigin::signed(ALICE), asset, early, work),
			Error::<Test>::ChallengeNotSeeded
		);
		let made_in = System::block_number();
		run_to_block(made_in + 1);
		// The block's seed mixes the hash of the block the audit was made in, which did
		// not exist when the bundle was signed; the audit's seed mixes in the asset.
		let block_seed: H256 = <Test as frame_system::Config>::Hashing::hash_of(&(
			&(b"hypermesh/block-seed", made_in).encode()[..],
			hash_of_block(made_in),
		));
		assert_eq!(BlockSeeds::<Test>::get(made_in), Some(BlockSeed::Drawn(block_seed)));
		let expected: H256 = <Test as frame_system::Config>::Hashing::hash_of(&(
			b"hypermesh/seed",
			block_seed,
			(b"audit", asset),
		));
		assert_eq!(FourProof::audit(&asset).unwrap().1, Some(expected));
		assert_eq!(Audits::<Test>::get(asset).unwrap().deadline, made_in + 1 + 10);
		// The seed is forgotten once nothing it seeds can be answered any more.
		run_to_block(made_in + 11);
		assert!(BlockSeeds::<Test>::contains_key(made_in));
		run_to_block(made_in + 12);
		assert!(!BlockSeeds::<Test>::contains_key(made_in));
	});
}

#[test]
fn a_replayed_bundle_is_refused() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		let ctx = context(Operation::Heartbeat, ALICE, &asset);
		let bundle = bundle(&ctx);
		assert_ok!(verify(&ctx, &bundle));
		assert_noop!(verify(&ctx, &bundle), Error::<Test>::NonceNotNext);
	});
}

#[test]
fn a_nonce_other_than_the_next_is_refused() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		let ctx = context(Operation::Heartbeat, ALICE, &asset);
		ProofNonces::<Test>::insert(ALICE, 10);
		let mut bundle = bundle(&ctx);
		for nonce in [9, 10, 12, u64::MAX] {
			bundle.time.nonce = nonce;
			assert_noop!(verify(&ctx, &bundle), Error::<Test>::NonceNotNext);
		}
		bundle.time.nonce = 11;
		assert_ok!(verify(&ctx, &bundle));
	});
}

#[test]
fn a_banned_provider_cannot_prove_anything() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		Banned::<Test>::insert(ALICE, ());
		for operation in [Operation::Register, Operation::Heartbeat] {
			let ctx = context(operation, ALICE, &asset);
			assert_noop!(verify(&ctx, &bundle(&ctx)), Error::<Test>::ProviderBanned);
		}
	});
}

#[test]
fn an_anchor_in_the_current_block_or_later_is_refused() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		let ctx = context(Operation::Heartbeat, ALICE, &asset);
		let mut bundle = bundle(&ctx);
		bundle.time.anchor_number = System::block_number();
		assert_noop!(verify(&ctx, &bundle), Error::<Test>::AnchorInFuture);
		bundle.time.anchor_number = System::block_number() + 1;
		assert_noop!(verify(&ctx, &bundle), Error::<Test>::AnchorInFuture);
	});
}

#[test]
fn a_stale_anchor_is_refused() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		let ctx = context(Operation::Heartbeat, ALICE, &asset);
		let bundle = bundle(&ctx);
		// The anchor is START - 1; the window is 5 blocks.
		run_to_block(START + 4);
		let ctx = context(Operation::Heartbeat, ALICE, &asset);
		let mut in_window = bundle.clone();
		in_window.time.timestamp_ms = pallet_timestamp::Now::<Test>::get();
		assert_ok!(frame_support::storage::with_transaction(|| {
			sp_runtime::TransactionOutcome::Rollback(verify(&ctx, &in_window))
		}));
		run_to_block(START + 5);
		assert_noop!(verify(&ctx, &bundle), Error::<Test>::AnchorTooOld);
	});
}

#[test]
fn a_wrong_or_unknown_anchor_hash_is_refused() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		let ctx = context(Operation::Heartbeat, ALICE, &asset);
		let mut bundle = bundle(&ctx);
		bundle.time.anchor_hash = H256::repeat_byte(7);
		assert_noop!(verify(&ctx, &bundle), Error::<Test>::AnchorMismatch);
		// A block whose hash the chain does not know reads as zero: refused too.
		frame_system::BlockHash::<Test>::remove(bundle.time.anchor_number);
		bundle.time.anchor_hash = H256::zero();
		assert_noop!(verify(&ctx, &bundle), Error::<Test>::AnchorMismatch);
	});
}

#[test]
fn timestamps_beyond_the_profile_offset_are_refused() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		// Far enough from genesis that the clock minus the offset is positive.
		run_to_block(START + 11);
		let ctx = context(Operation::Heartbeat, ALICE, &asset);
		let offset = FourProof::defined_profile(ProfileKind::Testing).time_offset_ms;
		let now_ms = pallet_timestamp::Now::<Test>::get();
		let mut bundle = bundle(&ctx);

		bundle.time.timestamp_ms = now_ms + offset + 1;
		assert_noop!(verify(&ctx, &bundle), Error::<Test>::TimestampInFuture);
		bundle.time.timestamp_ms = now_ms - offset - 1;
		assert_noop!(verify(&ctx, &bundle), Error::<Test>::TimestampTooOld);

		bundle.time.timestamp_ms = now_ms + offset;
		assert_ok!(frame_support::storage::with_transaction(|| {
			sp_runtime::TransactionOutcome::Rollback(verify(&ctx, &bundle))
		}));
		bundle.time.timestamp_ms = now_ms - offset;
		assert_ok!(verify(&ctx, &bundle));
	});
}

#[test]
fn time_is_checked_before_stake_space_and_work() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		let ctx = context(Operation::Heartbeat, ALICE, &asset);
		let mut bundle = bundle(&ctx);
		bundle.stake.amount = 1;
		bundle.space.commitment = H256::zero();
		bundle.work.nonces.clear();
		bundle.time.anchor_hash = H256::repeat_byte(1);
		assert_noop!(verify(&ctx, &bundle), Error::<Test>::AnchorMismatch);
	});
}

#[test]
fn providers_must_own_the_asset() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		bond(EVE, 1_000);
		let ctx = context(Operation::Heartbeat, EVE, &asset);
		assert_noop!(verify(&ctx, &bundle(&ctx)), Error::<Test>::NotAssetOwner);
	});
}

#[test]
fn a_bond_below_the_profile_is_refused() {
	build_and_execute(|| {
		bond(ALICE, 99);
		let (asset, _) = new_asset(ALICE, 0, ProfileKind::Testing, 1);
		let ctx = context(Operation::Register, ALICE, &asset);
		assert_noop!(verify(&ctx, &bundle(&ctx)), Error::<Test>::BondTooLow);
		// The default profile asks for more than the testing one.
		bond(ALICE, 1);
		let (asset, _) = new_asset(ALICE, 1, ProfileKind::Default, 1);
		let ctx = context(Operation::Register, ALICE, &asset);
		assert_noop!(verify(&ctx, &bundle(&ctx)), Error::<Test>::BondTooLow);
	});
}

#[test]
fn the_declared_stake_must_match() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		let ctx = context(Operation::Register, ALICE, &asset);
		let mut bundle = bundle(&ctx);
		bundle.stake.amount += 1;
		assert_noop!(verify(&ctx, &bundle), Error::<Test>::StakeMismatch);
	});
}

#[test]
fn the_commitment_and_plot_size_must_be_the_assets() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		let ctx = context(Operation::Heartbeat, ALICE, &asset);
		let good = bundle(&ctx);
		let mut bundle = good.clone();
		bundle.space.commitment = H256::repeat_byte(3);
		assert_noop!(verify(&ctx, &bundle), Error::<Test>::CommitmentMismatch);
		let mut bundle = good;
		bundle.space.sectors += 1;
		assert_noop!(verify(&ctx, &bundle), Error::<Test>::CommitmentMismatch);
	});
}

#[test]
fn a_plot_smaller_than_the_profile_is_refused() {
	build_and_execute(|| {
		bond(ALICE, 1_000);
		let asset = AssetId::derive(&ALICE, hypermesh_primitives::AssetClass::Cpu, 9);
		let plot = hypermesh_primitives::prover::Plot::build(
			hypermesh_primitives::space::plot_seed(&asset),
			4,
		)
		.unwrap();
		MockAssets::insert(
			&asset,
			&MockAssets::record(
				ALICE,
				&asset,
				plot.commitment(),
				plot.sectors(),
				ProfileKind::Testing,
				1,
			),
		);
		let ctx = context(Operation::Register, ALICE, &asset);
		assert_noop!(verify(&ctx, &bundle(&ctx)), Error::<Test>::PlotTooSmall);
	});
}

#[test]
fn a_plot_whose_size_is_not_a_power_of_two_is_refused() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		let mut ctx = context(Operation::Heartbeat, ALICE, &asset);
		ctx.plot_sectors = 24;
		let mut bundle = bundle(&ctx);
		bundle.space.sectors = 24;
		assert_noop!(verify(&ctx, &bundle), Error::<Test>::InvalidPlotSize);
	});
}

#[test]
fn tampered_answers_lose_the_challenge() {
	type Tamper = fn(&mut SpaceAnswers);
	// Label 0 has no parents; any other sample has six.
	fn with_parents(answers: &mut SpaceAnswers) -> &mut hypermesh_primitives::space::SampleAnswer {
		answers.iter_mut().find(|answer| !answer.parents.is_empty()).expect("a sample has parents")
	}
	let tampers: [Tamper; 4] = [
		|answers| {
			answers.pop();
		},
		|answers| answers[0].sample.label = H256::repeat_byte(9),
		|answers| with_parents(answers).parents[2].path[0] = H256::repeat_byte(5),
		|answers| {
			with_parents(answers).parents.pop();
		},
	];
	for tamper in tampers {
		build_and_execute(|| {
			let (asset, plot) = provider_with_asset();
			let id = bob_challenges(&asset);
			let (mut answers, work) = FourProof::build_answer(id, &plot).unwrap();
			tamper(&mut answers);
			assert_ok!(FourProof::answer_challenge(
				RuntimeOrigin::signed(ALICE),
				id,
				answers,
				work
			));
			System::assert_has_event(
				Event::ChallengeFailed { challenge: id, reason: FailureReason::WrongAnswer }.into(),
			);
		});
	}
}

#[test]
fn insufficient_work_is_refused() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		for operation in [Operation::Register, Operation::Heartbeat] {
			let ctx = context(operation, ALICE, &asset);
			let mut bundle = bundle(&ctx);
			let nonce = bundle.time.nonce;
			let challenge =
				work_challenge(&bundle.time.anchor_hash, &asset, operation, &ALICE.encode(), nonce);
			let needed = FourProof::work_needed(&ctx, &FourProof::defined_profile(ctx.profile));
			let good = bundle.work.clone();
			spoil(&mut bundle.work, &challenge, needed.bits);
			assert_noop!(verify(&ctx, &bundle), Error::<Test>::InsufficientWork);
			// One solution short is as wrong.
			bundle.work = good;
			bundle.work.nonces.pop();
			assert_noop!(verify(&ctx, &bundle), Error::<Test>::InsufficientWork);
		}
	});
}

#[test]
fn provider_work_grows_with_capacity() {
	build_and_execute(|| {
		bond(ALICE, 1_000);
		let (small, _) = new_asset(ALICE, 0, ProfileKind::Testing, 1);
		let (large, _) = new_asset(ALICE, 1, ProfileKind::Testing, 64);
		let profile = FourProof::defined_profile(ProfileKind::Testing);
		let small = FourProof::work_needed(&context(Operation::Register, ALICE, &small), &profile);
		let large = FourProof::work_needed(&context(Operation::Register, ALICE, &large), &profile);
		assert_eq!((small.bits, small.solutions), (profile.work_base_bits, 1));
		assert_eq!((large.bits, large.solutions), (profile.work_base_bits, 64));
		assert_eq!(large.expected_hashes(), 64 * small.expected_hashes());
	});
}

#[test]
fn requirement_profiles_come_from_genesis() {
	build_and_execute(|| {
		assert_eq!(
			FourProof::requirement_profile(ProfileKind::Testing),
			Some(TestingProfile::get())
		);
		assert_eq!(
			FourProof::requirement_profile(ProfileKind::Default),
			Some(DefaultProfile::get())
		);
		assert_eq!(
			FourProof::requirement_profile(ProfileKind::Production),
			Some(ProductionProfile::get())
		);
		assert_eq!(MinimumProfile::<Test>::get(), ProfileKind::Testing);
	});
}

// ---------------------------------------------------------------- governance

#[test]
fn only_governance_sets_profiles_and_the_minimum() {
	build_and_execute(|| {
		let mut weaker = TestingProfile::get();
		weaker.unit_bonds = UnitBonds::uniform(1);
		assert_noop!(
			FourProof::set_profile(RuntimeOrigin::signed(ALICE), ProfileKind::Testing, weaker),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			FourProof::set_minimum_profile(RuntimeOrigin::signed(ALICE), ProfileKind::Testing),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(FourProof::set_profile(RuntimeOrigin::root(), ProfileKind::Testing, weaker));
		System::assert_last_event(
			Event::ProfileSet { kind: ProfileKind::Testing, profile: weaker }.into(),
		);
		assert_eq!(FourProof::requirement_profile(ProfileKind::Testing), Some(weaker));
		assert_ok!(FourProof::set_minimum_profile(RuntimeOrigin::root(), ProfileKind::Default));
		System::assert_last_event(Event::MinimumProfileSet { kind: ProfileKind::Default }.into());
		assert_eq!(MinimumProfile::<Test>::get(), ProfileKind::Default);
	});
}

#[test]
fn governance_cannot_set_an_unsound_profile_or_an_undefined_minimum() {
	build_and_execute(|| {
		let good = TestingProfile::get();
		let unsound = [
			RequirementProfile { space_samples: 0, ..good },
			RequirementProfile { space_samples: MAX_SPACE_SAMPLES + 1, ..good },
			RequirementProfile { min_plot_sectors: good.space_samples - 1, ..good },
			RequirementProfile { work_base_bits: MAX_WORK_BITS + 1, ..good },
		];
		for profile in unsound {
			assert_noop!(
				FourProof::set_profile(RuntimeOrigin::root(), ProfileKind::Testing, profile),
				Error::<Test>::UnsoundProfile
			);
		}
		Profiles::<Test>::remove(ProfileKind::Production);
		assert_noop!(
			FourProof::set_minimum_profile(RuntimeOrigin::root(), ProfileKind::Production),
			Error::<Test>::UnknownProfile
		);
	});
}

#[test]
fn a_profile_below_the_minimum_or_undefined_is_refused() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		let ctx = context(Operation::Heartbeat, ALICE, &asset);
		let bundle = bundle(&ctx);
		MinimumProfile::<Test>::put(ProfileKind::Default);
		assert_noop!(verify(&ctx, &bundle), Error::<Test>::ProfileBelowMinimum);
		MinimumProfile::<Test>::put(ProfileKind::Testing);
		Profiles::<Test>::remove(ProfileKind::Testing);
		assert_noop!(verify(&ctx, &bundle), Error::<Test>::UnknownProfile);
		Profiles::<Test>::insert(ProfileKind::Testing, TestingProfile::get());
	});
}

#[test]
fn challenges_are_answered_at_least_at_the_minimum_profile() {
	build_and_execute(|| {
		bond(ALICE, 10_000);
		// A Testing asset on a chain whose minimum became Default answers at Default.
		let (asset, _) = new_asset(ALICE, 0, ProfileKind::Testing, 1);
		let default = FourProof::build_plot(&asset, ProfileKind::Default);
		let mut record = MockAssets::asset(&asset).unwrap();
		record.commitment = default.commitment();
		record.plot_sectors = default.sectors();
		MockAssets::insert(&asset, &record);
		MinimumProfile::<Test>::put(ProfileKind::Default);
		let id = bob_challenges(&asset);
		let (answers, _) = FourProof::build_answer(id, &default).unwrap();
		assert_eq!(answers.len() as u32, DefaultProfile::get().space_samples);
	});
}

#[test]
fn only_governance_lifts_a_ban() {
	build_and_execute(|| {
		Banned::<Test>::insert(ALICE, ());
		Failures::<Test>::insert(ALICE, 3);
		assert_noop!(
			FourProof::unban(RuntimeOrigin::signed(BOB), ALICE),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(FourProof::unban(RuntimeOrigin::root(), ALICE));
		System::assert_last_event(Event::ProviderUnbanned { provider: ALICE }.into());
		assert!(!Banned::<Test>::contains_key(ALICE));
		assert_eq!(Failures::<Test>::get(ALICE), 0);
		assert_noop!(FourProof::unban(RuntimeOrigin::root(), ALICE), Error::<Test>::NotBanned);
	});
}

#[test]
fn the_v1_migration_moves_the_profiles_into_storage_once() {
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	frame_support::parameter_types! {
		pub OldProfiles: Vec<(ProfileKind, RequirementProfile<Balance>)> = vec![
			(ProfileKind::Testing, TestingProfile::get()),
			(ProfileKind::Default, DefaultProfile::get()),
		];
		pub const OldMinimum: ProfileKind = ProfileKind::Default;
	}
	type Migration = crate::migrations::v1::MigrateToV1<Test, OldProfiles, OldMinimum>;
	new_test_ext().execute_with(|| {
		let _ = Profiles::<Test>::clear(u32::MAX, None);
		MinimumProfile::<Test>::kill();
		StorageVersion::new(0).put::<FourProof>();
		Migration::on_runtime_upgrade();
		assert_eq!(FourProof::on_chain_storage_version(), StorageVersion::new(1));
		assert_eq!(
			FourProof::requirement_profile(ProfileKind::Default),
			Some(DefaultProfile::get())
		);
		assert_eq!(FourProof::requirement_profile(ProfileKind::Production), None);
		assert_eq!(MinimumProfile::<Test>::get(), ProfileKind::Default);
		// At version 1 it does nothing.
		MinimumProfile::<Test>::put(ProfileKind::Testing);
		Migration::on_runtime_upgrade();
		assert_eq!(MinimumProfile::<Test>::get(), ProfileKind::Testing);
	});
}

/// Stores BOB's open challenge of ALICE's asset as version `from` wrote it (`old`
/// gives that record from today's), runs migration `M`, and checks what every
/// migration that closes challenges promises: the version moves on, nothing is
/// left open, the deposit is back, and nobody is slashed later.
fn assert_migration_closes_old_challenges<M, R>(
	from: u16,
	old: impl FnOnce(&ChallengeOf<Test>) -> R,
) where
	M: frame_support::traits::OnRuntimeUpgrade,
	R: Encode,
{
	use frame_support::traits::{GetStorageVersion, StorageVersion};
	new_test_ext().execute_with(|| {
		let (asset, _) = provider_with_asset();
		let id = bob_challenges(&asset);
		let now = Challenges::<Test>::get(id).unwrap();
		frame_support::storage::unhashed::put(&Challenges::<Test>::hashed_key_for(id), &old(&now));
		assert_eq!(deposit_held(BOB), ChallengeDeposit::get());
		StorageVersion::new(from).put::<FourProof>();
		M::on_runtime_upgrade();
		assert_eq!(FourProof::on_chain_storage_version(), StorageVersion::new(from + 1));
		assert_eq!(Challenges::<Test>::iter().count(), 0);
		assert_eq!(deposit_held(BOB), 0);
		assert!(!OpenAgainst::<Test>::contains_key(ALICE));
		assert!(!AssetChallenges::<Test>::contains_key(asset));
		run_to_block(now.deadline + 2);
		assert_eq!(bonded(ALICE), 1_000);
		FourProof::do_try_state().expect("invariants hold");
	});
}

#[test]
fn the_v2_migration_closes_old_challenges_without_a_verdict() {
	// Version 1's record: a seed, and no profile.
	assert_migration_closes_old_challenges::<crate::migrations::v2::MigrateToV2<Test>, _>(
		1,
		|now| {
			(
				now.asset,
				now.challenger,
				now.deposit,
				H256::repeat_byte(7),
				now.issued_at,
				now.deadline,
			)
		},
	);
}

#[test]
fn the_v4_migration_closes_open_challenges_and_audits_without_a_verdict() {
	// Versions 2 and 3's record: an optional seed, a profile, no provider.
	assert_migration_closes_old_challenges::<crate::migrations::v4::MigrateToV4<Test>, _>(
		3,
		|now| {
			let seed = Some(H256::repeat_byte(7));
			(now.asset, now.challenger, now.deposit, seed, now.issued_at, now.deadline, now.profile)
		},
	);
}

#[test]
fn audit_answers_and_closes_are_refused_when_they_do_not_apply() {
	build_and_execute(|| {
		let (asset, plot) = provider_with_asset();
		let no_answer = || {
			(
				plot.answer(&H256::zero(), &asset, 2).unwrap(),
				WorkProof { nonces: Default::default() },
			)
		};
		let (answers, work) = no_answer();
		assert_noop!(
			FourProof::answer_audit(RuntimeOrigin::signed(ALICE), asset, answers, work),
			Error::<Test>::NoAudit
		);
		assert_noop!(
			FourProof::close_expired_audit(RuntimeOrigin::signed(BOB), asset),
			Error::<Test>::NoAudit
		);
		let ctx = context(Operation::Heartbeat, ALICE, &asset);
		assert_ok!(verify(&ctx, &bundle(&ctx)));
		run_to_block(START + 1);
		let (answers, work) = FourProof::build_audit_answer(&asset, &plot).unwrap();
		assert_noop!(
			FourProof::answer_audit(
				RuntimeOrigin::signed(BOB),
				asset,
				answers.clone(),
				work.clone()
			),
			Error::<Test>::NotAssetOwner
		);
		run_to_block(START + 12);
		assert_noop!(
			FourProof::answer_audit(RuntimeOrigin::signed(ALICE), asset, answers, work),
			Error::<Test>::ChallengeExpired
		);
		// A missed audit blocks the next one until it is closed, and slashed.
		let next = bundle(&ctx);
		assert_noop!(verify(&ctx, &next), Error::<Test>::AuditOpen);
		assert_ok!(FourProof::close_expired_audit(RuntimeOrigin::signed(ALICE), asset));
		assert_eq!(Failures::<Test>::get(ALICE), 1);
		assert_ok!(verify(&ctx, &bundle(&ctx)));
	});
}

#[test]
fn a_wrong_audit_answer_loses_the_audit() {
	build_and_execute(|| {
		let (asset, plot) = provider_with_asset();
		let ctx = context(Operation::Heartbeat, ALICE, &asset);
		assert_ok!(verify(&ctx, &bundle(&ctx)));
		run_to_block(START + 1);
		let (mut answers, work) = FourProof::build_audit_answer(&asset, &plot).unwrap();
		answers[0].sample.label = H256::repeat_byte(1);
		assert_ok!(FourProof::answer_audit(RuntimeOrigin::signed(ALICE), asset, answers, work));
		System::assert_has_event(
			Event::AuditFailed { asset, reason: FailureReason::WrongAnswer }.into(),
		);
		assert!(!Audits::<Test>::contains_key(asset));
		assert_eq!(bonded(ALICE), 960);
		assert_eq!(MockAssets::asset(&asset).unwrap().state, AssetState::Failed);
	});
}

#[test]
fn the_v3_migration_gives_stored_profiles_unit_bonds_once() {
	use frame_support::{
		storage::unhashed,
		traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	};
	frame_support::parameter_types! {
		pub RuntimeProfiles: Vec<(ProfileKind, RequirementProfile<Balance>)> =
			vec![(ProfileKind::Default, DefaultProfile::get())];
	}
	type Migration = crate::migrations::v3::MigrateToV3<Test, RuntimeProfiles>;
	new_test_ext().execute_with(|| {
		let old = |bond: Balance, profile: RequirementProfile<Balance>| {
			(
				bond,
				profile.time_offset_ms,
				profile.min_plot_sectors,
				profile.space_samples,
				profile.work_base_bits,
			)
		};
		// Testing and Default as version 2 stored them; Production already in the
		// new layout (as version 1's migration writes it in the same upgrade).
		let testing = TestingProfile::get();
		let default = DefaultProfile::get();
		unhashed::put(&Profiles::<Test>::hashed_key_for(ProfileKind::Testing), &old(7, testing));
		unhashed::put(&Profiles::<Test>::hashed_key_for(ProfileKind::Default), &old(9, default));
		StorageVersion::new(2).put::<FourProof>();
		Migration::on_runtime_upgrade();
		assert_eq!(FourProof::on_chain_storage_version(), StorageVersion::new(3));
		// The runtime's unit bonds where it defines the profile, else the old bond.
		assert_eq!(
			FourProof::requirement_profile(ProfileKind::Testing),
			Some(RequirementProfile { unit_bonds: UnitBonds::uniform(7), ..testing })
		);
		assert_eq!(FourProof::requirement_profile(ProfileKind::Default), Some(default));
		assert_eq!(
			FourProof::requirement_profile(ProfileKind::Production),
			Some(ProductionProfile::get())
		);
		FourProof::do_try_state().expect("invariants hold");
	});
}

// ---------------------------------------------------------------- bond / unbond

#[test]
fn bond_holds_funds_and_emits() {
	build_and_execute(|| {
		bond(ALICE, 300);
		bond(ALICE, 200);
		assert_eq!(bonded(ALICE), 500);
		assert_eq!(Balances::balance(&ALICE), FUNDS - 500);
		System::assert_last_event(Event::Bonded { who: ALICE, amount: 200 }.into());
	});
}

#[test]
fn bond_errors() {
	build_and_execute(|| {
		assert_noop!(FourProof::bond(RuntimeOrigin::signed(ALICE), 0), Error::<Test>::ZeroAmount);
		assert_noop!(
			FourProof::bond(RuntimeOrigin::signed(DAVE), 100),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			FourProof::bond(RuntimeOrigin::none(), 100),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn unbonded_funds_are_withdrawn_after_the_delay() {
	build_and_execute(|| {
		bond(ALICE, 500);
		assert_ok!(FourProof::unbond(RuntimeOrigin::signed(ALICE), 200));
		let withdrawable_at = START + UNBONDING_DELAY;
		System::assert_last_event(
			Event::Unbonded { who: ALICE, amount: 200, withdrawable_at }.into(),
		);
		// No longer stake, but still held.
		assert_eq!(FourProof::bonded(&ALICE), 300);
		assert_eq!(bonded(ALICE), 500);
		assert_noop!(
			FourProof::withdraw_unbonded(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NothingToWithdraw
		);
		// Unbonding more adds to the amount and restarts the delay.
		run_to_block(START + 5);
		assert_ok!(FourProof::unbond(RuntimeOrigin::signed(ALICE), 100));
		assert_eq!(Unbonding::<Test>::get(ALICE), Some((300, START + 5 + UNBONDING_DELAY)));
		run_to_block(START + 5 + UNBONDING_DELAY);
		assert_ok!(FourProof::withdraw_unbonded(RuntimeOrigin::signed(ALICE)));
		System::assert_last_event(Event::Withdrawn { who: ALICE, amount: 300 }.into());
		assert_eq!(bonded(ALICE), 200);
		assert_eq!(Balances::balance(&ALICE), FUNDS - 200);
		assert!(!Unbonding::<Test>::contains_key(ALICE));
		assert_noop!(
			FourProof::withdraw_unbonded(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NothingToWithdraw
		);
	});
}

#[test]
fn unbonding_ahead_of_a_challenge_does_not_escape_its_slash() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		// ALICE sees a challenge coming and unbonds everything first.
		assert_ok!(FourProof::unbond(RuntimeOrigin::signed(ALICE), 1_000));
		assert_eq!(FourProof::bonded(&ALICE), 0);
		bob_challenges(&asset);
		run_to_block(START + 12);
		// The slash takes a tenth of the asset's bond from what is held, unbonding
		// included.
		assert_eq!(bonded(ALICE), 960);
		run_to_block(START + UNBONDING_DELAY);
		assert_ok!(FourProof::withdraw_unbonded(RuntimeOrigin::signed(ALICE)));
		System::assert_last_event(Event::Withdrawn { who: ALICE, amount: 960 }.into());
		assert_eq!(bonded(ALICE), 0);
	});
}

#[test]
fn unbonded_funds_cannot_be_withdrawn_while_challenged() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		assert_ok!(FourProof::unbond(RuntimeOrigin::signed(ALICE), 1_000));
		run_to_block(START + UNBONDING_DELAY - 1);
		bob_challenges(&asset);
		run_to_block(START + UNBONDING_DELAY);
		assert_noop!(
			FourProof::withdraw_unbonded(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::BondLocked
		);
		// The challenge is missed: the slash comes first, the withdrawal after.
		run_to_block(START + UNBONDING_DELAY + 11);
		assert_eq!(Unbonding::<Test>::get(ALICE).map(|(amount, _)| amount), Some(960));
		assert_ok!(FourProof::withdraw_unbonded(RuntimeOrigin::signed(ALICE)));
		System::assert_last_event(Event::Withdrawn { who: ALICE, amount: 960 }.into());
	});
}

#[test]
fn unbond_errors() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		assert_noop!(FourProof::unbond(RuntimeOrigin::signed(ALICE), 0), Error::<Test>::ZeroAmount);
		assert_noop!(
			FourProof::unbond(RuntimeOrigin::signed(ALICE), 1_001),
			Error::<Test>::NotEnoughBonded
		);
		bob_challenges(&asset);
		assert_noop!(FourProof::unbond(RuntimeOrigin::signed(ALICE), 1), Error::<Test>::BondLocked);
	});
}

// ---------------------------------------------------------------- asset bonds

/// ALICE proves `asset` (registering it) and answers the audit that opens.
fn prove(asset: &AssetId, plot: &hypermesh_primitives::prover::Plot) {
	let ctx = context(Operation::Register, ALICE, asset);
	assert_ok!(verify(&ctx, &bundle(&ctx)));
	seed_and_answer_audit(asset, plot);
}

#[test]
fn each_proof_commits_its_asset_bond_and_the_stake_must_cover_them_all() {
	build_and_execute(|| {
		// Testing asks 100 per unit: a 4-thread CPU needs 400, a 2-thread one 200.
		bond(ALICE, 500);
		let (first, _) = new_asset(ALICE, 0, ProfileKind::Testing, 4);
		let (second, _) = new_asset(ALICE, 1, ProfileKind::Testing, 2);
		let ctx = context(Operation::Register, ALICE, &first);
		assert_ok!(verify(&ctx, &bundle(&ctx)));
		assert_eq!(AssetBonds::<Test>::get(first), Some((ALICE, 400)));
		assert_eq!(Committed::<Test>::get(ALICE), 400);
		System::assert_has_event(
			Event::AssetBondCommitted { asset: first, provider: ALICE, bond: 400, committed: 400 }
				.into(),
		);
		// One bond does not back two assets: 400 + 200 is more than 500.
		let ctx = context(Operation::Register, ALICE, &second);
		assert_noop!(verify(&ctx, &bundle(&ctx)), Error::<Test>::BondTooLow);
		bond(ALICE, 100);
		assert_ok!(verify(&ctx, &bundle(&ctx)));
		assert_eq!(Committed::<Test>::get(ALICE), 600);
	});
}

#[test]
fn a_new_proof_commits_the_asset_bond_in_place_of_the_old() {
	build_and_execute(|| {
		let (asset, plot) = provider_with_asset();
		prove(&asset, &plot);
		// Governance doubles the Testing unit bond: the next proof commits the new
		// bond instead of the old one, not on top of it.
		let mut profile = FourProof::defined_profile(ProfileKind::Testing);
		profile.unit_bonds = UnitBonds::uniform(200);
		assert_ok!(FourProof::set_profile(RuntimeOrigin::root(), ProfileKind::Testing, profile));
		let ctx = context(Operation::Heartbeat, ALICE, &asset);
		assert_ok!(verify(&ctx, &bundle(&ctx)));
		assert_eq!(AssetBonds::<Test>::get(asset), Some((ALICE, 800)));
		assert_eq!(Committed::<Test>::get(ALICE), 800);
	});
}

#[test]
fn committed_bond_cannot_be_unbonded_until_its_asset_frees_it() {
	build_and_execute(|| {
		let (asset, plot) = provider_with_asset();
		prove(&asset, &plot);
		// 1,000 bonded, 400 committed.
		assert_noop!(
			FourProof::unbond(RuntimeOrigin::signed(ALICE), 601),
			Error::<Test>::BondCommitted
		);
		assert_ok!(FourProof::unbond(RuntimeOrigin::signed(ALICE), 600));
		<FourProof as ProofVerifier<_, _, _>>::release_bond(&asset);
		System::assert_last_event(
			Event::AssetBondReleased { asset, provider: ALICE, bond: 400 }.into(),
		);
		assert_eq!(AssetBonds::<Test>::get(asset), None);
		assert!(!Committed::<Test>::contains_key(ALICE));
		assert_ok!(FourProof::unbond(RuntimeOrigin::signed(ALICE), 400));
	});
}

#[test]
fn only_its_owners_committed_and_covered_bond_backs_an_asset() {
	build_and_execute(|| {
		bond(ALICE, 400);
		let (asset, plot) = new_asset(ALICE, 0, ProfileKind::Testing, 4);
		let spec = MockAssets::asset(&asset).unwrap().spec;
		let backed_at = |who, profile| {
			<FourProof as ProofVerifier<_, _, _>>::ensure_stake(&who, &asset, &spec, profile)
		};
		let backed = |who| backed_at(who, ProfileKind::Testing);
		assert_noop!(backed(ALICE), Error::<Test>::AssetNotBonded);
		prove(&asset, &plot);
		assert_ok!(backed(ALICE));
		bond(EVE, 1_000);
		assert_noop!(backed(EVE), Error::<Test>::AssetNotBonded);
		// Held to a stricter profile, the asset needs more than its last proof
		// committed (Default: 1,000 per unit).
		assert_noop!(backed_at(ALICE, ProfileKind::Default), Error::<Test>::AssetNotBonded);
		// A lost challenge slashes a tenth of the asset's bond: 40 of 400, which
		// leaves the stake short of what is committed.
		let id = bob_challenges(&asset);
		run_to_block(Challenges::<Test>::get(id).unwrap().deadline + 1);
		assert_eq!(bonded(ALICE), 360);
		assert_noop!(backed(ALICE), Error::<Test>::BondTooLow);
		bond(ALICE, 40);
		assert_ok!(backed(ALICE));
		Banned::<Test>::insert(ALICE, ());
		assert_noop!(backed(ALICE), Error::<Test>::ProviderBanned);
	});
}

// ---------------------------------------------------------------- challenge

#[test]
fn challenge_opens_a_challenge_and_holds_the_deposit() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		bond(BOB, 200);
		assert_ok!(FourProof::challenge(RuntimeOrigin::signed(BOB), asset));
		let deadline = START + 1 + 10;
		System::assert_last_event(
			Event::Challenged { challenge: 0, asset, challenger: BOB, deadline }.into(),
		);
		let challenge = Challenges::<Test>::get(0).unwrap();
		assert_eq!(challenge.asset, asset);
		assert_eq!(challenge.challenger, BOB);
		assert_eq!(challenge.deposit, ChallengeDeposit::get());
		assert_eq!(challenge.provider, ALICE);
		assert_eq!(challenge.issued_at, START);
		assert_eq!(challenge.deadline, deadline);
		assert_eq!(AssetChallenges::<Test>::get(asset).into_inner(), vec![0]);
		assert_eq!(Deadlines::<Test>::get(deadline + 1).into_inner(), vec![0]);
		assert_eq!(OpenAgainst::<Test>::get(ALICE), 1);
		assert_eq!(NextChallengeId::<Test>::get(), 1);
		assert_eq!(deposit_held(BOB), ChallengeDeposit::get());
		assert_eq!(FourProof::open_challenges(&asset), vec![(0, challenge.clone(), None)]);
		run_to_block(START + 1);
		let seed = FourProof::challenge_seed(0, &challenge).expect("seeded");
		assert_eq!(FourProof::open_challenges(&asset), vec![(0, challenge, Some(seed))]);
	});
}

#[test]
fn challenge_errors() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		assert_noop!(
			FourProof::challenge(RuntimeOrigin::signed(CHARLIE), asset),
			Error::<Test>::NotBonded
		);
		bond(BOB, 200);
		assert_noop!(
			FourProof::challenge(RuntimeOrigin::signed(BOB), AssetId([0; 32])),
			Error::<Test>::UnknownAsset
		);
		assert_noop!(
			FourProof::challenge(RuntimeOrigin::signed(ALICE), asset),
			Error::<Test>::OwnChallenge
		);
		// DAVE has a small bond but cannot afford the deposit.
		bond(DAVE, 5);
		assert_noop!(
			FourProof::challenge(RuntimeOrigin::signed(DAVE), asset),
			Error::<Test>::InsufficientBalance
		);
		// A retired asset is gone.
		MockAssets::remove(&asset);
		assert_noop!(
			FourProof::challenge(RuntimeOrigin::signed(BOB), asset),
			Error::<Test>::UnknownAsset
		);
	});
}

#[test]
fn an_asset_has_a_bounded_number_of_open_challenges() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		for _ in 0..3 {
			bob_challenges(&asset);
		}
		assert_noop!(
			FourProof::challenge(RuntimeOrigin::signed(BOB), asset),
			Error::<Test>::TooManyOpenChallenges
		);
	});
}

#[test]
fn a_block_has_a_bounded_number_of_deadlines() {
	build_and_execute(|| {
		bond(ALICE, 1_000);
		bond(BOB, 200);
		let assets: Vec<_> =
			(0..6).map(|n| new_asset(ALICE, n, ProfileKind::Testing, 1).0).collect();
		for asset in &assets[..5] {
			assert_ok!(FourProof::challenge(RuntimeOrigin::signed(BOB), *asset));
		}
		assert_noop!(
			FourProof::challenge(RuntimeOrigin::signed(BOB), assets[5]),
			Error::<Test>::DeadlineQueueFull
		);
		// The next block has its own queue.
		run_to_block(START + 1);
		assert_ok!(FourProof::challenge(RuntimeOrigin::signed(BOB), assets[5]));
	});
}

// ---------------------------------------------------------------- answers

#[test]
fn a_correct_answer_closes_the_challenge_and_pays_the_deposit_to_the_provider() {
	build_and_execute(|| {
		let (asset, plot) = provider_with_asset();
		let id = bob_challenges(&asset);
		let (answers, work) = FourProof::build_answer(id, &plot).unwrap();
		let alice_free = Balances::balance(&ALICE);
		let bob_free = Balances::balance(&BOB);
		let issuance = Balances::total_issuance();
		// Answers are accepted up to and including the deadline block.
		run_to_block(START + 11);
		assert_ok!(FourProof::answer_challenge(RuntimeOrigin::signed(ALICE), id, answers, work));
		System::assert_last_event(
			Event::ChallengeAnswered { challenge: id, paid: 45, burned: 5 }.into(),
		);
		// The deposit goes to the provider, but for the tenth burned: a challenge that
		// found nothing costs its challenger 5.
		assert_eq!(Balances::balance(&ALICE), alice_free + ChallengeDeposit::get() - 5);
		assert_eq!(Balances::balance(&BOB), bob_free);
		assert_eq!(deposit_held(BOB), 0);
		assert_eq!(bonded(ALICE), 1_000);
		assert_eq!(Balances::total_issuance(), issuance - 5);
		assert!(Challenges::<Test>::get(id).is_none());
		assert!(!AssetChallenges::<Test>::contains_key(asset));
		assert!(!Deadlines::<Test>::contains_key(START + 12));
		assert!(!OpenAgainst::<Test>::contains_key(ALICE));
		assert_eq!(Failures::<Test>::get(ALICE), 0);
		assert_eq!(MockAssets::asset(&asset).unwrap().state, AssetState::Available);
		// Nothing is left for the hook.
		run_to_block(START + 12);
		assert_eq!(bonded(ALICE), 1_000);
	});
}

#[test]
fn a_failed_asset_returns_to_service_through_a_passed_audit() {
	build_and_execute(|| {
		let (asset, plot) = provider_with_asset();
		MockAssets::set_state(&asset, AssetState::Failed);
		// Its owner may not challenge it; a heartbeat audits it.
		assert_noop!(
			FourProof::challenge(RuntimeOrigin::signed(ALICE), asset),
			Error::<Test>::OwnChallenge
		);
		let alice_free = Balances::balance(&ALICE);
		let ctx = context(Operation::Heartbeat, ALICE, &asset);
		assert_ok!(verify(&ctx, &bundle(&ctx)));
		assert_eq!(deposit_held(ALICE), 0);
		seed_and_answer_audit(&asset, &plot);
		System::assert_last_event(Event::AuditPassed { asset }.into());
		assert_eq!(MockAssets::asset(&asset).unwrap().state, AssetState::Available);
		assert_eq!(Balances::balance(&ALICE), alice_free);
		assert!(!Audits::<Test>::contains_key(asset));
	});
}

#[test]
fn a_lost_audit_burns_the_whole_slash() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		let issuance = Balances::total_issuance();
		let ctx = context(Operation::Heartbeat, ALICE, &asset);
		assert_ok!(verify(&ctx, &bundle(&ctx)));
		// Nothing closes a missed audit by itself ...
		run_to_block(START + 12);
		assert!(Audits::<Test>::contains_key(asset));
		assert_eq!(bonded(ALICE), 1_000);
		// ... and nobody may close it before its deadline has passed.
		System::set_block_number(START + 11);
		assert_noop!(
			FourProof::close_expired_audit(RuntimeOrigin::signed(BOB), asset),
			Error::<Test>::AuditNotExpired
		);
		// Anyone may close it then; the provider loses it.
		System::set_block_number(START + 12);
		assert_ok!(FourProof::close_expired_audit(RuntimeOrigin::signed(BOB), asset));
		System::assert_has_event(
			Event::AuditFailed { asset, reason: FailureReason::Missed }.into(),
		);
		System::assert_has_event(
			Event::Slashed {
				provider: ALICE,
				challenger: None,
				slashed: 40,
				to_challenger: 0,
				burned: 40,
			}
			.into(),
		);
		assert_eq!(bonded(ALICE), 960);
		assert_eq!(Balances::total_issuance(), issuance - 40);
		assert_eq!(Failures::<Test>::get(ALICE), 1);
		assert_eq!(MockAssets::asset(&asset).unwrap().state, AssetState::Failed);
	});
}

#[test]
fn a_banned_provider_answering_correctly_does_not_recover_its_asset() {
	build_and_execute(|| {
		let (asset, plot) = provider_with_asset();
		let id = bob_challenges(&asset);
		MockAssets::set_state(&asset, AssetState::Failed);
		Banned::<Test>::insert(ALICE, ());
		let (answers, work) = FourProof::build_answer(id, &plot).unwrap();
		assert_ok!(FourProof::answer_challenge(RuntimeOrigin::signed(ALICE), id, answers, work));
		System::assert_last_event(
			Event::ChallengeAnswered { challenge: id, paid: 45, burned: 5 }.into(),
		);
		assert_eq!(MockAssets::asset(&asset).unwrap().state, AssetState::Failed);
	});
}

#[test]
fn a_correct_answer_from_a_failed_asset_to_another_challenger_also_recovers_it() {
	build_and_execute(|| {
		let (asset, plot) = provider_with_asset();
		prove(&asset, &plot);
		let id = bob_challenges(&asset);
		MockAssets::set_state(&asset, AssetState::Failed);
		let (answers, work) = FourProof::build_answer(id, &plot).unwrap();
		assert_ok!(FourProof::answer_challenge(RuntimeOrigin::signed(ALICE), id, answers, work));
		assert_eq!(MockAssets::asset(&asset).unwrap().state, AssetState::Available);
	});
}

#[test]
fn answer_challenge_errors() {
	build_and_execute(|| {
		let (asset, plot) = provider_with_asset();
		let id = bob_challenges(&asset);
		let (answers, work) = FourProof::build_answer(id, &plot).unwrap();
		assert_noop!(
			FourProof::answer_challenge(
				RuntimeOrigin::signed(ALICE),
				id + 1,
				answers.clone(),
				work.clone()
			),
			Error::<Test>::UnknownChallenge
		);
		assert_noop!(
			FourProof::answer_challenge(
				RuntimeOrigin::signed(EVE),
				id,
				answers.clone(),
				work.clone()
			),
			Error::<Test>::NotAssetOwner
		);
		// Past the deadline (without the hook having run).
		System::set_block_number(START + 12);
		assert_noop!(
			FourProof::answer_challenge(
				RuntimeOrigin::signed(ALICE),
				id,
				answers.clone(),
				work.clone()
			),
			Error::<Test>::ChallengeExpired
		);
		System::set_block_number(START);
		let record = MockAssets::asset(&asset).unwrap();
		MockAssets::remove(&asset);
		assert_noop!(
			FourProof::answer_challenge(RuntimeOrigin::signed(ALICE), id, answers, work),
			Error::<Test>::UnknownAsset
		);
		MockAssets::insert(&asset, &record);
	});
}

#[test]
fn the_answer_profile_is_the_assets_policy() {
	build_and_execute(|| {
		bond(ALICE, 10_000);
		// The record says Testing, the policy says Production: the policy wins.
		let (asset, _) = new_asset(ALICE, 0, ProfileKind::Testing, 1);
		let production = FourProof::build_plot(&asset, ProfileKind::Production);
		let mut record = MockAssets::asset(&asset).unwrap();
		record.commitment = production.commitment();
		record.plot_sectors = production.sectors();
		MockAssets::insert(&asset, &record);
		MockPolicies::set(&asset, ProfileKind::Production);
		let id = bob_challenges(&asset);
		let (answers, work) = FourProof::build_answer(id, &production).unwrap();
		assert_eq!(answers.len(), 8);
		assert_ok!(FourProof::answer_challenge(RuntimeOrigin::signed(ALICE), id, answers, work));
		System::assert_last_event(
			Event::ChallengeAnswered { challenge: id, paid: 45, burned: 5 }.into(),
		);
	});
}

#[test]
fn a_profile_lowered_after_the_samples_are_known_does_not_weaken_the_answer() {
	build_and_execute(|| {
		bond(ALICE, 10_000);
		let (asset, _) = new_asset(ALICE, 0, ProfileKind::Testing, 1);
		let production = FourProof::build_plot(&asset, ProfileKind::Production);
		let mut record = MockAssets::asset(&asset).unwrap();
		record.commitment = production.commitment();
		record.plot_sectors = production.sectors();
		MockAssets::insert(&asset, &record);
		let policies = |kind| MockPolicies::set(&asset, kind);
		policies(ProfileKind::Production);
		let id = bob_challenges(&asset);
		assert_eq!(Challenges::<Test>::get(id).unwrap().profile, ProfileKind::Production);
		// Seeing the samples, the owner lowers its policy to Testing (2 samples) ...
		policies(ProfileKind::Testing);
		let seed = FourProof::challenge_seed(id, &Challenges::<Test>::get(id).unwrap()).unwrap();
		let answers = production.answer(&seed, &asset, 2).unwrap();
		let (_, work) = FourProof::build_answer(id, &production).unwrap();
		// ... but the answer is still held to the 8 samples of Production.
		answer_and_lose(id, answers, work);
	});
}

#[test]
fn an_unproven_asset_cannot_be_challenged() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		MockAssets::set_state(&asset, AssetState::Unproven);
		bond(BOB, 200);
		assert_noop!(
			FourProof::challenge(RuntimeOrigin::signed(BOB), asset),
			Error::<Test>::AssetUnproven
		);
	});
}

#[test]
fn a_seed_known_before_its_challenge_cancels_it_without_a_slash() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		let (audited, _) = new_asset(ALICE, 1, ProfileKind::Testing, 1);
		let ctx = context(Operation::Heartbeat, ALICE, &audited);
		assert_ok!(verify(&ctx, &bundle(&ctx)));
		bond(BOB, 200);
		assert_ok!(FourProof::challenge(RuntimeOrigin::signed(BOB), asset));
		// A source that lags (known since two blocks before the challenge).
		RANDOMNESS_LAG.with(|lag| lag.set(3));
		run_to_block(System::block_number() + 1);
		RANDOMNESS_LAG.with(|lag| lag.set(0));
		System::assert_has_event(Event::SeedStale { block: START }.into());
		// Neither the challenge nor the audit can be answered ...
		let challenge = Challenges::<Test>::get(0).unwrap();
		assert_eq!(FourProof::challenge_seed(0, &challenge), None);
		assert_eq!(FourProof::audit(&audited).unwrap().1, None);
		// ... and at their deadline both are cancelled, nobody slashed.
		run_to_block(START + 12);
		System::assert_has_event(Event::ChallengeCancelled { challenge: 0 }.into());
		assert!(Challenges::<Test>::get(0).is_none());
		assert_eq!(deposit_held(BOB), 0);
		run_to_block(START + 20);
		assert_ok!(FourProof::close_expired_audit(RuntimeOrigin::signed(BOB), audited));
		System::assert_last_event(Event::AuditCancelled { asset: audited }.into());
		assert_eq!(bonded(ALICE), 1_000);
		assert_eq!(Failures::<Test>::get(ALICE), 0);
		// A stale seed is kept, so that an audit closed however late is cancelled.
		assert_eq!(BlockSeeds::<Test>::get(START), Some(BlockSeed::Stale));
	});
}

#[test]
fn a_wrong_answer_is_accepted_as_a_lost_challenge() {
	build_and_execute(|| {
		let (asset, plot) = provider_with_asset();
		let id = bob_challenges(&asset);
		let (mut answers, work) = FourProof::build_answer(id, &plot).unwrap();
		answers[0].sample.label = H256::repeat_byte(1);
		answer_and_lose(id, answers, work);
		System::assert_last_event(
			Event::Slashed {
				provider: ALICE,
				challenger: Some(BOB),
				slashed: 40,
				to_challenger: 20,
				burned: 20,
			}
			.into(),
		);
		assert_eq!(bonded(ALICE), 960);
		assert_eq!(Failures::<Test>::get(ALICE), 1);
		assert_eq!(MockAssets::asset(&asset).unwrap().state, AssetState::Failed);
		assert!(Challenges::<Test>::get(id).is_none());
	});
}

#[test]
fn wrong_work_loses_the_challenge_too() {
	build_and_execute(|| {
		let (asset, plot) = provider_with_asset();
		let id = bob_challenges(&asset);
		let (answers, mut work) = FourProof::build_answer(id, &plot).unwrap();
		let seed = FourProof::challenge_seed(id, &Challenges::<Test>::get(id).unwrap()).unwrap();
		let challenge = work_challenge(&seed, &asset, Operation::Answer, &ALICE.encode(), id);
		spoil(&mut work, &challenge, TestingProfile::get().work_base_bits);
		answer_and_lose(id, answers, work);
	});
}

#[test]
fn the_answer_weight_depends_on_the_outcome() {
	build_and_execute(|| {
		let (asset, plot) = provider_with_asset();
		let id = bob_challenges(&asset);
		let (answers, work) = FourProof::build_answer(id, &plot).unwrap();
		let info =
			FourProof::answer_challenge(RuntimeOrigin::signed(ALICE), id, answers, work.clone())
				.unwrap();
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::answer_challenge()));
		let id = bob_challenges(&asset);
		let info =
			FourProof::answer_challenge(RuntimeOrigin::signed(ALICE), id, Default::default(), work)
				.unwrap();
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::answer_challenge_wrong()));
	});
}

// ---------------------------------------------------------------- slashing

#[test]
fn a_missed_challenge_slashes_exactly_the_documented_amount() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		bond(BOB, 200);
		let id = bob_challenges(&asset);
		let issuance = Balances::total_issuance();
		let alice_free = Balances::balance(&ALICE);
		let bob_free = Balances::balance(&BOB);
		assert_eq!(bob_free, FUNDS - 200 - 50);

		// Still open in the deadline block.
		run_to_block(START + 11);
		assert!(Challenges::<Test>::contains_key(id));
		run_to_block(START + 12);

		// The asset (4 units at 100) needs a bond of 400: slashed = 10 % = 40; to BOB
		// 50 % of it = 20; burned 20.
		assert_eq!(bonded(ALICE), 960);
		assert_eq!(Balances::balance(&ALICE), alice_free);
		assert_eq!(Balances::balance(&BOB), bob_free + 50 + 20);
		assert_eq!(deposit_held(BOB), 0);
		assert_eq!(bonded(BOB), 200);
		assert_eq!(Balances::total_issuance(), issuance - 20);
		System::assert_has_event(
			Event::ChallengeFailed { challenge: id, reason: FailureReason::Missed }.into(),
		);
		System::assert_last_event(
			Event::Slashed {
				provider: ALICE,
				challenger: Some(BOB),
				slashed: 40,
				to_challenger: 20,
				burned: 20,
			}
			.into(),
		);
		assert_eq!(Failures::<Test>::get(ALICE), 1);
		assert_eq!(<FourProof as ProviderStanding<_>>::failed_challenges(&ALICE), 1);
		assert!(!<FourProof as ProviderStanding<_>>::is_banned(&ALICE));
		assert_eq!(MockAssets::asset(&asset).unwrap().state, AssetState::Failed);
		assert!(Challenges::<Test>::get(id).is_none());
		assert!(!AssetChallenges::<Test>::contains_key(asset));
		assert!(!Deadlines::<Test>::contains_key(START + 12));
		assert!(!OpenAgainst::<Test>::contains_key(ALICE));
		// The bond is free to move again.
		assert_ok!(FourProof::unbond(RuntimeOrigin::signed(ALICE), 900));
	});
}

#[test]
fn rounding_is_down() {
	build_and_execute(|| {
		let mut profile = FourProof::defined_profile(ProfileKind::Testing);
		profile.unit_bonds = UnitBonds::uniform(1_019);
		assert_ok!(FourProof::set_profile(RuntimeOrigin::root(), ProfileKind::Testing, profile));
		bond(ALICE, 1_019);
		let (asset, _) = new_asset(ALICE, 0, ProfileKind::Testing, 1);
		bob_challenges(&asset);
		run_to_block(START + 12);
		// 10 % of the asset's bond of 1_019 = 101 (rounded down); half to BOB = 50;
		// burned 51.
		System::assert_last_event(
			Event::Slashed {
				provider: ALICE,
				challenger: Some(BOB),
				slashed: 101,
				to_challenger: 50,
				burned: 51,
			}
			.into(),
		);
		assert_eq!(bonded(ALICE), 918);
	});
}

#[test]
fn on_initialize_weighs_the_queued_deadlines() {
	build_and_execute(|| {
		bond(ALICE, 1_000);
		bond(BOB, 200);
		for n in 0..3 {
			let (asset, _) = new_asset(ALICE, n, ProfileKind::Testing, 1);
			assert_ok!(FourProof::challenge(RuntimeOrigin::signed(BOB), asset));
		}
		System::set_block_number(START + 1);
		let weight = |closed| <Test as Config>::WeightInfo::on_initialize_deadlines(closed);
		assert_eq!(FourProof::on_initialize(START + 1), weight(0));
		System::set_block_number(START + 12);
		assert_eq!(FourProof::on_initialize(START + 12), weight(3));
		assert_eq!(FourProof::on_initialize(START + 12), weight(0));
		assert_eq!(Failures::<Test>::get(ALICE), 3);
	});
}

#[test]
fn three_lost_challenges_ban_the_provider() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		for round in 0..3u64 {
			bob_challenges(&asset);
			run_to_block(START + 12 * (round + 1));
			assert_eq!(Failures::<Test>::get(ALICE), round as u32 + 1);
		}
		assert!(Banned::<Test>::contains_key(ALICE));
		assert!(<FourProof as ProviderStanding<_>>::is_banned(&ALICE));
		System::assert_last_event(Event::ProviderBanned { provider: ALICE }.into());
		let ctx = context(Operation::Heartbeat, ALICE, &asset);
		assert_noop!(verify(&ctx, &bundle(&ctx)), Error::<Test>::ProviderBanned);
	});
}

#[test]
fn a_challenge_on_a_vanished_asset_still_slashes_and_reports_nothing_else() {
	build_and_execute(|| {
		let (asset, plot) = provider_with_asset();
		prove(&asset, &plot);
		let id = bob_challenges(&asset);
		MockAssets::remove(&asset);
		// The slash takes from the bond the asset's proof committed.
		run_to_block(Challenges::<Test>::get(id).unwrap().deadline + 1);
		System::assert_last_event(
			Event::Slashed {
				provider: ALICE,
				challenger: Some(BOB),
				slashed: 40,
				to_challenger: 20,
				burned: 20,
			}
			.into(),
		);
		assert!(!System::events().iter().any(|record| matches!(
			record.event,
			RuntimeEvent::FourProof(Event::AssetNotMarkedFailed { .. })
		)));
		assert!(Challenges::<Test>::get(id).is_none());
	});
}

#[test]
fn a_registry_refusal_to_mark_the_asset_is_reported() {
	build_and_execute(|| {
		let (asset, _) = provider_with_asset();
		bob_challenges(&asset);
		MockAssets::refuse_marks(&asset);
		run_to_block(START + 12);
		System::assert_has_event(
			Event::AssetNotMarkedFailed { asset, error: sp_runtime::DispatchError::Unavailable }
				.into(),
		);
		assert_eq!(bonded(ALICE), 960);
	});
}

#[test]
fn try_state_detects_broken_invariants() {
	type Breaker = fn(&AssetId);
	let breakers: [Breaker; 4] = [
		|_| OpenAgainst::<Test>::insert(ALICE, 2),
		|asset| AssetChallenges::<Test>::remove(asset),
		|_| Deadlines::<Test>::remove(START + 12),
		|_| {
			assert_ok!(<Balances as frame_support::traits::fungible::MutateHold<_>>::hold(
				&deposit_reason(),
				&BOB,
				1
			));
		},
	];
	for breaker in breakers {
		new_test_ext().execute_with(|| {
			let (asset, _) = provider_with_asset();
			bob_challenges(&asset);
			assert_ok!(FourProof::do_try_state());
			breaker(&asset);
			assert!(FourProof::do_try_state().is_err());
		});
	}
}

// ---------------------------------------------------------------- properties

fn verify_never_panics(bytes: &[u8]) {
	let Ok(bundle) = hypermesh_primitives::ProofBundle::<Balance, u64>::decode(&mut &bytes[..])
	else {
		return;
	};
	new_test_ext().execute_with(|| {
		let (asset, _) = provider_with_asset();
		for operation in [Operation::Register, Operation::Heartbeat, Operation::Answer] {
			let _ = verify(&context(operation, ALICE, &asset), &bundle);
		}
	});
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(64))]

	#[test]
	fn arbitrary_bytes_as_a_bundle_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..1_200)) {
		verify_never_panics(&bytes);
	}

	#[test]
	fn a_mutated_valid_bundle_never_panics(position in 0usize..2_000, byte in any::<u8>()) {
		let encoded = new_test_ext().execute_with(|| {
			let (asset, _) = provider_with_asset();
			let ctx = context(Operation::Register, ALICE, &asset);
			bundle(&ctx).encode()
		});
		let mut bytes = encoded.clone();
		let at = position % bytes.len();
		bytes[at] = byte;
		verify_never_panics(&bytes);
	}

	#[test]
	fn arbitrary_answers_never_panic(
		bytes in proptest::collection::vec(any::<u8>(), 0..1_200),
		nonces in proptest::collection::vec(any::<u64>(), 0..70),
		id in 0u64..3,
	) {
		new_test_ext().execute_with(|| {
			let (asset, _) = provider_with_asset();
			bob_challenges(&asset);
			if let Ok(answers) = SpaceAnswers::decode(&mut &bytes[..]) {
				let _ = FourProof::answer_challenge(
					RuntimeOrigin::signed(ALICE),
					id,
					answers,
					WorkProof { nonces: nonces.into_iter().take(64).collect::<Vec<_>>().try_into().unwrap() },
				);
			}
			FourProof::do_try_state().unwrap();
		});
	}

	#[test]
	fn arbitrary_calls_keep_the_invariants(
		calls in proptest::collection::vec((0u8..4, 1u64..6, any::<u128>(), 0u64..3), 0..12),
	) {
		new_test_ext().execute_with(|| {
			bond(ALICE, 1_000);
			let assets: Vec<_> =
				(0..3).map(|n| new_asset(ALICE, n, ProfileKind::Testing, 1)).collect();
			for (kind, who, amount, pick) in calls {
				let origin = RuntimeOrigin::signed(who);
				let (asset, plot) = &assets[pick as usize];
				let _ = match kind {
					0 => FourProof::bond(origin, amount % 2_000),
					1 => FourProof::unbond(origin, amount % 2_000),
					2 => FourProof::challenge(origin, *asset),
					_ => {
						let id = AssetChallenges::<Test>::get(asset).first().copied().unwrap_or(0);
						let answer = FourProof::build_answer(id, plot);
						match answer {
							Some((answers, work)) if amount % 2 == 0 =>
								FourProof::answer_challenge(origin, id, answers, work).map(|_| ()).map_err(|e| e.error),
							_ => FourProof::answer_challenge(origin, id, Default::default(), WorkProof { nonces: Default::default() }).map(|_| ()).map_err(|e| e.error),
						}
					},
				};
				FourProof::do_try_state().unwrap();
				run_to_block(System::block_number() + 3);
				FourProof::do_try_state().unwrap();
			}
		});
	}
}

#[test]
fn answers_are_operational_and_free_when_correct() {
	use frame_support::{
		dispatch::{DispatchClass, GetDispatchInfo, Pays},
		traits::UnfilteredDispatchable,
	};
	build_and_execute(|| {
		let (asset, plot) = provider_with_asset();
		let id = bob_challenges(&asset);
		let (answers, work) = FourProof::build_answer(id, &plot).unwrap();
		let call = crate::Call::<Test>::answer_challenge { challenge: id, answers, work };
		assert_eq!(call.get_dispatch_info().class, DispatchClass::Operational);
		let post = call.dispatch_bypass_filter(RuntimeOrigin::signed(ALICE)).unwrap();
		assert_eq!(post.pays_fee, Pays::No);
	});
}
