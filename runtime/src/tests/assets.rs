//! The HyperMesh pallets working together inside the runtime, with real
//! proofs from the proof builder, blocks driven through the executive:
//! an allocation expires and settles payment and reward exactly; a missed
//! challenge slashes exactly the documented amount and fails the asset, which
//! a fresh heartbeat restores.

use super::preset_storage;
use crate::{
	configs::hypermesh::{
		ChallengeDeposit, ChallengerShare, RewardPerBlock, SlashFraction, TestingProfile,
	},
	AccountId, AssetRegistry, AssetRegistryCall, Balance, Balances, BlockNumber, Executive,
	FourProof, FourProofCall, Header, PrivacyCall, Runtime, RuntimeCall, RuntimeOrigin, System,
	TimestampCall, UncheckedExtrinsic, MILLI_CAES, SLOT_DURATION,
};
use codec::Encode;
use frame_support::traits::fungible::{Inspect, InspectHold};
use hypermesh_primitives::{
	AssetClass, AssetId, AssetState, CapacitySpec, Operation, PrivacyLevel, PrivacyPolicy,
	ProfileKind, RequirementProfile,
};
use hypermesh_proof_builder::{Anchor, Prover};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	traits::{Dispatchable, Header as _},
	Digest, DigestItem, Percent,
};

/// Authors block `number` on top of the current one, as the node does: an
/// Aura digest for its slot and the timestamp inherent.
fn next_block() {
	let number = System::block_number() + 1;
	let parent =
		if number == 1 { System::block_hash(0) } else { Executive::finalize_block().hash() };
	let slot = sp_consensus_aura::Slot::from(u64::from(number));
	let digest = Digest {
		logs: vec![DigestItem::PreRuntime(sp_consensus_aura::AURA_ENGINE_ID, slot.encode())],
	};
	Executive::initialize_block(&Header::new(
		number,
		Default::default(),
		Default::default(),
		parent,
		digest,
	));
	let now = SLOT_DURATION * u64::from(number);
	let inherent = UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(TimestampCall::set { now }));
	assert!(Executive::apply_extrinsic(inherent).is_ok_and(|outcome| outcome.is_ok()));
}

fn run_to(number: BlockNumber) {
	while System::block_number() < number {
		next_block();
	}
}

fn dispatch(who: &AccountId, call: impl Into<RuntimeCall>) {
	let call: RuntimeCall = call.into();
	if let Err(error) = call.clone().dispatch(RuntimeOrigin::signed(who.clone())) {
		panic!("{call:?} failed: {error:?}");
	}
}

/// The parent block as anchor, the chain's time, and `who`'s last proof nonce.
fn anchor(who: &AccountId) -> Anchor<BlockNumber> {
	let number = System::block_number() - 1;
	Anchor {
		number,
		hash: System::block_hash(number),
		now_ms: pallet_timestamp::Now::<Runtime>::get(),
		last_nonce: pallet_four_proof::ProofNonces::<Runtime>::get(who),
	}
}

struct Provider {
	who: AccountId,
	prover: Prover<AccountId>,
	asset: AssetId,
	spec: CapacitySpec,
	profile: RequirementProfile<Balance>,
}

/// Alice bonds, registers a CPU with real proofs and opens it to anyone.
fn register_public_cpu(price_per_block: Balance) -> Provider {
	let who = Sr25519Keyring::Alice.to_account_id();
	let profile = TestingProfile::get();
	dispatch(&who, FourProofCall::bond { amount: profile.bond });
	let asset = AssetId::derive(&who, AssetClass::Cpu, 0);
	let spec = CapacitySpec::Cpu { cores: 8, threads: 16, frequency_mhz: 3_500, features: 0 };
	let mut prover = Prover::new(who.clone());
	let commitment = prover.create_plot(asset, profile.min_plot_sectors);
	let bundle = prover
		.provider_bundle(
			Operation::Register,
			&asset,
			spec.capacity_units(),
			&profile,
			profile.bond,
			&anchor(&who),
		)
		.expect("the plot answers");
	dispatch(
		&who,
		AssetRegistryCall::register {
			spec: spec.clone(),
			profile: ProfileKind::Testing,
			commitment,
			plot_sectors: profile.min_plot_sectors,
			bundle,
		},
	);
	let policy = PrivacyPolicy {
		level: PrivacyLevel::FullPublic,
		max_share: Percent::from_percent(100),
		max_concurrent: 8,
		min_duration: 1,
		max_duration: 1_000,
		price_per_block,
		profile: ProfileKind::Testing,
	};
	dispatch(&who, PrivacyCall::set_policy { asset, policy });
	Provider { who, prover, asset, spec, profile }
}

#[test]
fn an_allocation_expires_and_settles_payment_and_reward_exactly() {
	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(2);
		let price_per_block = MILLI_CAES;
		let provider = register_public_cpu(price_per_block);
		let bob = Sr25519Keyring::Bob.to_account_id();
		let share = Percent::from_percent(25);
		let duration: BlockNumber = 8;
		let payment = share.mul_ceil(price_per_block * Balance::from(duration));
		let commitment = AssetRegistry::asset(&provider.asset).expect("registered").commitment;
		let bundle = Prover::new(bob.clone()).party_bundle(
			Operation::Allocate,
			&provider.asset,
			commitment,
			&provider.profile,
			payment,
			&anchor(&bob),
		);
		let provider_before = Balances::balance(&provider.who);
		let bob_before = Balances::balance(&bob);
		let issuance_before = Balances::total_issuance();
		dispatch(
			&bob,
			AssetRegistryCall::allocate {
				asset: provider.asset,
				share,
				duration,
				price_limit: payment,
				bundle,
			},
		);
		let start = System::block_number();
		assert_eq!(
			Balances::balance_on_hold(
				&pallet_asset_registry::HoldReason::AllocationPayment.into(),
				&bob
			),
			payment
		);
		assert_eq!(
			AssetRegistry::asset(&provider.asset).map(|a| a.state),
			Some(AssetState::Allocated)
		);

		run_to(start + duration + 1);
		let reward = RewardPerBlock::get() * Balance::from(duration) / 4;
		assert_eq!(Balances::balance(&bob), bob_before - payment);
		assert_eq!(Balances::balance(&provider.who), provider_before + payment + reward);
		assert_eq!(Balances::total_issuance(), issuance_before + reward);
		let record = AssetRegistry::asset(&provider.asset).expect("registered");
		assert_eq!((record.state, record.active_allocations), (AssetState::Available, 0));
		assert_eq!(record.allocated_share, Percent::zero());
	});
}

#[test]
fn a_missed_challenge_slashes_exactly_and_a_heartbeat_restores_the_asset() {
	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(2);
		let provider = register_public_cpu(MILLI_CAES);
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		dispatch(&charlie, FourProofCall::bond { amount: provider.profile.bond });
		let charlie_free = Balances::balance(&charlie);
		let issuance = Balances::total_issuance();
		let bond = provider.profile.bond;
		dispatch(&charlie, FourProofCall::challenge { asset: provider.asset });
		assert_eq!(Balances::balance(&charlie), charlie_free - ChallengeDeposit::get());

		// Nobody answers: the deadline passes.
		let deadline = FourProof::open_challenges(&provider.asset)[0].1.deadline;
		run_to(deadline + 1);
		let slashed = SlashFraction::get() * bond;
		let to_challenger = ChallengerShare::get() * slashed;
		let bond_reason = pallet_four_proof::HoldReason::ProviderBond.into();
		assert_eq!(Balances::balance_on_hold(&bond_reason, &provider.who), bond - slashed);
		assert_eq!(Balances::balance(&charlie), charlie_free + to_challenger);
		assert_eq!(Balances::total_issuance(), issuance - (slashed - to_challenger));
		assert_eq!(
			AssetRegistry::asset(&provider.asset).map(|a| a.state),
			Some(AssetState::Failed)
		);
		assert_eq!(pallet_four_proof::Failures::<Runtime>::get(&provider.who), 1);

		// The provider tops its bond up and proves the asset again.
		dispatch(&provider.who, FourProofCall::bond { amount: slashed });
		let bundle = provider
			.prover
			.provider_bundle(
				Operation::Heartbeat,
				&provider.asset,
				provider.spec.capacity_units(),
				&provider.profile,
				bond,
				&anchor(&provider.who),
			)
			.expect("the plot answers");
		dispatch(&provider.who, AssetRegistryCall::heartbeat { asset: provider.asset, bundle });
		assert_eq!(
			AssetRegistry::asset(&provider.asset).map(|a| a.state),
			Some(AssetState::Available)
		);
	});
}
