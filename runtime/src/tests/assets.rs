//! The HyperMesh pallets working together inside the runtime, with real
//! proofs from the proof builder, blocks driven through the executive:
//! an asset enters service only by answering the audit its registration opened;
//! an allocation expires and settles its payment exactly; a missed challenge
//! slashes exactly the documented amount and fails the asset, which only a
//! correctly answered audit restores.
//!
//! The attacks of the threat model (`docs/threat-model.md`) are here too, each
//! written as the attacker would try it, through the real pallets.

use super::preset_storage;
use crate::{
	configs::hypermesh::{
		ChallengeDeposit, ChallengerShare, LivenessWindow, SlashFraction, TestingProfile,
		UnfoundedChallengeBurn,
	},
	AccountId, AssetRegistry, AssetRegistryCall, Balance, Balances, BlockNumber, Executive,
	FourProof, FourProofCall, Header, PrivacyCall, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeOrigin, System, TimestampCall, UncheckedExtrinsic, CAES, MILLI_CAES, SLOT_DURATION,
};
use codec::Encode;
use frame_support::traits::{
	fungible::{Inspect, InspectHold},
	Randomness,
};
use hypermesh_primitives::{
	prover::Plot,
	space::{label, label_parents, plot_seed, sample_indices, verify_space_answers},
	AssetClass, AssetId, AssetState, CapacitySpec, Operation, PrivacyLevel, PrivacyPolicy,
	ProfileKind, RequirementProfile,
};
use hypermesh_proof_builder::{Anchor, Prover};
use sp_core::H256;
use sp_io::hashing::blake2_256;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	traits::{Dispatchable, Header as _},
	Digest, DigestItem, DispatchError, Percent,
};

/// Authors block `number` on top of the current one, as the node does: an
/// Aura digest for its slot and the timestamp inherent.
pub(super) fn next_block() {
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

pub(super) fn run_to(number: BlockNumber) {
	while System::block_number() < number {
		next_block();
	}
}

fn dispatch(who: &AccountId, call: impl Into<RuntimeCall>) {
	let call: RuntimeCall = call.into();
	if let Err(error) = try_dispatch(who, call.clone()) {
		panic!("{call:?} failed: {error:?}");
	}
}

/// Dispatches `call` signed by `who`; the error, if it fails.
fn try_dispatch(who: &AccountId, call: impl Into<RuntimeCall>) -> Result<(), DispatchError> {
	let call: RuntimeCall = call.into();
	call.dispatch(RuntimeOrigin::signed(who.clone())).map(|_| ()).map_err(|e| e.error)
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

pub(super) struct Provider {
	pub(super) who: AccountId,
	pub(super) prover: Prover<AccountId>,
	pub(super) asset: AssetId,
	pub(super) spec: CapacitySpec,
	pub(super) profile: RequirementProfile<Balance>,
	/// The bond its asset needs, which it bonds.
	pub(super) bond: Balance,
}

impl Provider {
	/// The same provider with another asset of the same spec, and no plots.
	fn with_asset(&self, asset: AssetId) -> Provider {
		Provider {
			who: self.who.clone(),
			prover: Prover::new(self.who.clone()),
			asset,
			spec: self.spec.clone(),
			profile: self.profile,
			bond: self.bond,
		}
	}

	/// The answer from its plot to what is open on its asset, seeded with `seed` and
	/// binding `number` (a challenge's id, or an audit's number).
	fn answer(
		&self,
		number: u64,
		seed: &H256,
	) -> (hypermesh_primitives::space::SpaceAnswers, hypermesh_primitives::WorkProof) {
		self.prover
			.answer_challenge(
				&self.asset,
				(number, seed),
				self.spec.capacity_units(),
				&self.profile,
			)
			.expect("the plot answers")
	}
}

/// The CPU the tests' providers register, and the bond the Testing profile asks
/// behind it.
fn test_cpu() -> (CapacitySpec, Balance) {
	let spec = CapacitySpec::Cpu { cores: 8, threads: 16, frequency_mhz: 3_500, features: 0 };
	let bond = TestingProfile::get().spec_bond(&spec);
	(spec, bond)
}

/// Alice bonds, registers a CPU with real proofs and opens it to anyone.
pub(super) fn register_public_cpu(price_per_block: Balance) -> Provider {
	register_public_cpu_of(Sr25519Keyring::Alice, price_per_block)
}

/// `provider` bonds, registers a CPU with real proofs, answers its registration
/// audit in the next block, and opens the asset to anyone.
fn register_public_cpu_of(provider: Sr25519Keyring, price_per_block: Balance) -> Provider {
	let who = provider.to_account_id();
	let profile = TestingProfile::get();
	let (spec, bond) = test_cpu();
	dispatch(&who, FourProofCall::bond { amount: bond });
	let asset = AssetRegistry::next_asset_id(&who, AssetClass::Cpu);
	let mut prover = Prover::new(who.clone());
	let commitment = prover.create_plot(asset, profile.min_plot_sectors).expect("a valid size");
	dispatch(&who, register_call(&who, &prover, asset, &spec, &profile, commitment));
	assert_eq!(AssetRegistry::asset(&asset).map(|a| a.state), Some(AssetState::Unproven));
	let provider = Provider { who, prover, asset, spec, profile, bond };
	next_block();
	answer_audit(&provider);
	assert_eq!(AssetRegistry::asset(&asset).map(|a| a.state), Some(AssetState::Available));
	dispatch(&provider.who, PrivacyCall::set_policy { asset, policy: public(price_per_block) });
	provider
}

/// A policy that lets anyone allocate up to all of an asset at `price_per_block`.
fn public(price_per_block: Balance) -> PrivacyPolicy<Balance, BlockNumber> {
	PrivacyPolicy {
		level: PrivacyLevel::FullPublic,
		max_share: Percent::from_percent(100),
		max_concurrent: 8,
		min_duration: 1,
		max_duration: 1_000,
		price_per_block,
		profile: ProfileKind::Testing,
	}
}

/// `who` registering `asset` with `spec`, committing to `commitment` (a plot of the
/// profile's fewest labels), with the bundle `prover` makes, declaring its stake.
fn register_call(
	who: &AccountId,
	prover: &Prover<AccountId>,
	asset: AssetId,
	spec: &CapacitySpec,
	profile: &RequirementProfile<Balance>,
	commitment: H256,
) -> AssetRegistryCall<Runtime> {
	let bundle = prover
		.provider_bundle(
			Operation::Register,
			&asset,
			spec.capacity_units(),
			profile,
			FourProof::bonded(who),
			&anchor(who),
		)
		.expect("the prover keeps the plot");
	AssetRegistryCall::register {
		spec: spec.clone(),
		profile: ProfileKind::Testing,
		commitment,
		plot_sectors: profile.min_plot_sectors,
		bundle,
	}
}

#[test]
fn an_allocation_expires_and_settles_its_payment_exactly() {
	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(2);
		let price_per_block = MILLI_CAES;
		let provider = register_public_cpu(price_per_block);
		let bob = Sr25519Keyring::Bob.to_account_id();
		let share = Percent::from_percent(25);
		let duration: BlockNumber = 8;
		let payment = share.mul_ceil(price_per_block * Balance::from(duration));
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
		// The provider is paid what the consumer paid, and nothing is minted.
		assert_eq!(Balances::balance(&bob), bob_before - payment);
		assert_eq!(Balances::balance(&provider.who), provider_before + payment);
		assert_eq!(Balances::total_issuance(), issuance_before);
		let record = AssetRegistry::asset(&provider.asset).expect("registered");
		assert_eq!((record.state, record.active_allocations), (AssetState::Available, 0));
		assert_eq!(record.allocated_share, Percent::zero());
	});
}

#[test]
fn a_missed_challenge_slashes_exactly_and_only_a_passed_challenge_restores_the_asset() {
	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(2);
		let provider = register_public_cpu(MILLI_CAES);
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		dispatch(&charlie, FourProofCall::bond { amount: provider.bond });
		let charlie_free = Balances::balance(&charlie);
		let issuance = Balances::total_issuance();
		let bond = provider.bond;
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

		// A heartbeat does not clear the lost challenge: it opens an audit ...
		dispatch(&provider.who, FourProofCall::bond { amount: slashed });
		let heartbeat = heartbeat_call(&provider.prover, &provider, bond, &anchor(&provider.who));
		dispatch(&provider.who, heartbeat);
		assert_eq!(
			AssetRegistry::asset(&provider.asset).map(|a| a.state),
			Some(AssetState::Failed)
		);
		// ... whose correct answer brings the asset back into service.
		next_block();
		answer_audit(&provider);
		assert_eq!(
			AssetRegistry::asset(&provider.asset).map(|a| a.state),
			Some(AssetState::Available)
		);
	});
}

/// A heartbeat of `provider`'s asset proved with `prover`'s plot, declaring `bond`,
/// against `anchor`.
fn heartbeat_call(
	prover: &Prover<AccountId>,
	provider: &Provider,
	bond: Balance,
	anchor: &Anchor<BlockNumber>,
) -> AssetRegistryCall<Runtime> {
	let bundle = prover
		.provider_bundle(
			Operation::Heartbeat,
			&provider.asset,
			provider.spec.capacity_units(),
			&provider.profile,
			bond,
			anchor,
		)
		.expect("the prover keeps the plot");
	AssetRegistryCall::heartbeat { asset: provider.asset, bundle }
}

/// `provider` answers the open (and seeded) audit of its asset from its plot.
fn answer_audit(provider: &Provider) {
	let (audit, seed) = FourProof::audit(&provider.asset).expect("the asset has an audit open");
	let seed = seed.expect("the audit is seeded");
	let (answers, work) = provider.answer(FourProof::audit_number(&audit), &seed);
	dispatch(&provider.who, FourProofCall::answer_audit { asset: provider.asset, answers, work });
}

/// `provider` answers the first open (and seeded) challenge of its asset.
fn answer_first_challenge(provider: &Provider) {
	let (id, _, seed) = FourProof::open_challenges(&provider.asset)[0].clone();
	let seed = seed.expect("the challenge is seeded");
	let (answers, work) = provider.answer(id, &seed);
	dispatch(&provider.who, FourProofCall::answer_challenge { challenge: id, answers, work });
}

/// `provider` sends a heartbeat and, in the next block, answers its audit.
fn heartbeat_and_answer(provider: &Provider) {
	let stake = FourProof::bonded(&provider.who);
	let heartbeat = heartbeat_call(&provider.prover, provider, stake, &anchor(&provider.who));
	dispatch(&provider.who, heartbeat);
	next_block();
	answer_audit(provider);
}

/// The call allocating `share` of `provider`'s asset for `duration` blocks at no more
/// than `payment`: only the call's arguments, as any client sends it.
fn allocate_call(
	provider: &Provider,
	share: Percent,
	duration: BlockNumber,
	payment: Balance,
) -> AssetRegistryCall<Runtime> {
	AssetRegistryCall::allocate { asset: provider.asset, share, duration, price_limit: payment }
}

/// Attack 1: an owner allocates all of its own FullPublic asset at price zero for
/// as long as it may, and hopes to be paid at settlement. It gets nothing: the
/// chain mints no reward for allocations, so the owner's balance and the total
/// issuance are what they were.
#[test]
fn attack_self_allocation_at_price_zero_earns_nothing() {
	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(2);
		let provider = register_public_cpu(0);
		let alice_before = Balances::total_balance(&provider.who);
		let issuance_before = Balances::total_issuance();
		let duration: BlockNumber = 30;
		dispatch(&provider.who, allocate_call(&provider, Percent::from_percent(100), duration, 0));
		run_to(System::block_number() + duration + 1);
		assert_eq!(AssetRegistry::asset(&provider.asset).map(|a| a.active_allocations), Some(0));
		assert_eq!(Balances::total_balance(&provider.who), alice_before);
		assert_eq!(Balances::total_issuance(), issuance_before);
	});
}

/// Attack 2: Eve offers her asset to Bob, who holds a large bond, and has her second
/// account challenge it, hoping to slash Bob. An offer changes nothing until it is
/// accepted: the challenge is against Eve, and the slash takes Eve's bond, not Bob's.
#[test]
fn attack_transfer_to_a_victim_then_challenge_slashes_only_the_attacker() {
	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(2);
		let eve = register_public_cpu_of(Sr25519Keyring::Eve, 0);
		let bob = Sr25519Keyring::Bob.to_account_id();
		let ferdie = Sr25519Keyring::Ferdie.to_account_id();
		let victim_bond = 1_000 * eve.bond;
		dispatch(&bob, FourProofCall::bond { amount: victim_bond });
		dispatch(
			&eve.who,
			AssetRegistryCall::offer_transfer { asset: eve.asset, new_owner: bob.clone().into() },
		);
		dispatch(&ferdie, FourProofCall::bond { amount: eve.bond });
		dispatch(&ferdie, FourProofCall::challenge { asset: eve.asset });
		// Bob cannot be made to take an asset under challenge.
		assert_eq!(
			try_dispatch(&bob, AssetRegistryCall::accept_transfer { asset: eve.asset }),
			Err(pallet_asset_registry::Error::<Runtime>::AssetChallenged.into())
		);
		let deadline = FourProof::open_challenges(&eve.asset)[0].1.deadline;
		run_to(deadline + 1);

		let bond_reason = pallet_four_proof::HoldReason::ProviderBond.into();
		assert_eq!(Balances::balance_on_hold(&bond_reason, &bob), victim_bond);
		assert_eq!(pallet_four_proof::Failures::<Runtime>::get(&bob), 0);
		assert_eq!(pallet_four_proof::Failures::<Runtime>::get(&eve.who), 1);
		let slashed = SlashFraction::get() * eve.bond;
		assert_eq!(Balances::balance_on_hold(&bond_reason, &eve.who), eve.bond - slashed);
		assert_eq!(AssetRegistry::asset(&eve.asset).map(|a| a.owner), Some(eve.who.clone()));
	});
}

/// A transfer both sides agreed to: the new owner proves the asset with a plot it
/// builds itself (the plot depends on the asset alone), with its own bond.
#[test]
fn an_accepted_transfer_proves_itself_for_the_new_owner() {
	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(2);
		let provider = register_public_cpu(0);
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		dispatch(
			&provider.who,
			AssetRegistryCall::offer_transfer {
				asset: provider.asset,
				new_owner: charlie.clone().into(),
			},
		);
		dispatch(&charlie, AssetRegistryCall::accept_transfer { asset: provider.asset });
		assert_eq!(AssetRegistry::asset(&provider.asset).map(|a| a.owner), Some(charlie.clone()));
		assert_eq!(AssetRegistry::assets_by_owner(&charlie), vec![provider.asset]);
		// The old owner's bond no longer stands behind it: she may unbond it all, and
		// the asset takes no allocations until the new owner's bond does.
		assert_eq!(pallet_four_proof::Committed::<Runtime>::get(&provider.who), 0);
		dispatch(&provider.who, FourProofCall::unbond { amount: provider.bond });
		assert_eq!(
			AssetRegistry::asset(&provider.asset).map(|a| a.state),
			Some(AssetState::Unproven)
		);
		let bob = Sr25519Keyring::Bob.to_account_id();
		assert_eq!(
			try_dispatch(&bob, allocate_call(&provider, Percent::from_percent(10), 10, CAES)),
			Err(pallet_asset_registry::Error::<Runtime>::NotAvailable.into())
		);

		// The new owner bonds, builds the same plot and proves it at once.
		dispatch(&charlie, FourProofCall::bond { amount: provider.bond });
		let mut prover = Prover::new(charlie.clone());
		let commitment =
			prover.create_plot(provider.asset, provider.profile.min_plot_sectors).unwrap();
		assert_eq!(Some(commitment), AssetRegistry::asset(&provider.asset).map(|a| a.commitment));
		let heartbeat = heartbeat_call(&prover, &provider, provider.bond, &anchor(&charlie));
		dispatch(&charlie, heartbeat);
		assert_eq!(pallet_four_proof::Committed::<Runtime>::get(&charlie), provider.bond);
		let charlies =
			Provider { who: charlie.clone(), prover, ..provider.with_asset(provider.asset) };
		next_block();
		answer_audit(&charlies);
		assert_eq!(
			AssetRegistry::asset(&provider.asset).map(|a| a.state),
			Some(AssetState::Available)
		);
		// The old owner may no longer prove it.
		let heartbeat =
			heartbeat_call(&provider.prover, &provider, provider.bond, &anchor(&provider.who));
		assert_eq!(
			try_dispatch(&provider.who, heartbeat),
			Err(pallet_asset_registry::Error::<Runtime>::NotAssetOwner.into())
		);
	});
}

/// Attack 8 (missed audits): a missed audit is not closed by the chain, so a
/// provider that missed the audit its heartbeat opened could keep the asset live,
/// paid and allocatable by answering a friend's challenge instead, and put off the
/// slash for good. While a missed audit is open, a correct answer to a challenge
/// closes the challenge but proves nothing, and no one can allocate the asset; a
/// consumer closes the audit, and the provider is slashed.
#[test]
fn attack_a_missed_audit_is_not_cured_by_a_friendly_challenge() {
	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(2);
		let provider = register_public_cpu(MILLI_CAES);
		run_to(System::block_number() + LivenessWindow::get() / 2);
		let heartbeat =
			heartbeat_call(&provider.prover, &provider, provider.bond, &anchor(&provider.who));
		dispatch(&provider.who, heartbeat);
		let (audit, _) = FourProof::audit(&provider.asset).expect("the heartbeat opened an audit");
		let proven_at = AssetRegistry::asset(&provider.asset).expect("registered").last_heartbeat;

		// The friend challenges late enough for the answer to come after the audit's
		// deadline.
		run_to(audit.deadline - 5);
		let ferdie = Sr25519Keyring::Ferdie.to_account_id();
		dispatch(&ferdie, FourProofCall::bond { amount: provider.bond });
		dispatch(&ferdie, FourProofCall::challenge { asset: provider.asset });
		run_to(audit.deadline + 1);
		answer_first_challenge(&provider);
		assert!(FourProof::open_challenges(&provider.asset).is_empty());
		let record = AssetRegistry::asset(&provider.asset).expect("registered");
		assert_eq!(record.last_heartbeat, proven_at);

		let bob = Sr25519Keyring::Bob.to_account_id();
		assert_eq!(
			try_dispatch(&bob, allocate_call(&provider, Percent::from_percent(10), 10, CAES)),
			Err(pallet_four_proof::Error::<Runtime>::AuditMissed.into())
		);
		dispatch(&bob, FourProofCall::close_expired_audit { asset: provider.asset });
		let slashed = SlashFraction::get() * provider.bond;
		assert_eq!(FourProof::held_bond(&provider.who), provider.bond - slashed);
		assert_eq!(
			AssetRegistry::asset(&provider.asset).map(|a| a.state),
			Some(AssetState::Failed)
		);
	});
}

/// Attack 11: a provider sends a proof nonce of `u64::MAX`, which under a
/// "greater than the last" rule would leave no nonce for any later proof. Only the
/// next nonce is accepted, so the call fails and the provider proves on as before.
#[test]
fn attack_a_nonce_of_u64_max_locks_nobody_out() {
	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(2);
		let provider = register_public_cpu(0);
		run_to(System::block_number() + LivenessWindow::get() / 2);
		let heartbeat = |last_nonce: Option<u64>| {
			let mut anchor = anchor(&provider.who);
			if let Some(last) = last_nonce {
				anchor.last_nonce = last;
			}
			heartbeat_call(&provider.prover, &provider, provider.bond, &anchor)
		};
		let last = pallet_four_proof::ProofNonces::<Runtime>::get(&provider.who);
		assert_eq!(
			try_dispatch(&provider.who, heartbeat(Some(u64::MAX - 1))),
			Err(pallet_four_proof::Error::<Runtime>::NonceNotNext.into())
		);
		assert_eq!(pallet_four_proof::ProofNonces::<Runtime>::get(&provider.who), last);
		dispatch(&provider.who, heartbeat(None));
		assert_eq!(pallet_four_proof::ProofNonces::<Runtime>::get(&provider.who), last + 1);
	});
}

/// A consumer allocates and releases with the call's arguments alone: no proof to
/// build. The asset must be live: once its last proof is older than the liveness
/// window it takes no allocations.
#[test]
fn a_consumer_allocates_and_releases_without_proofs_of_its_own() {
	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(2);
		let provider = register_public_cpu(MILLI_CAES);
		let bob = Sr25519Keyring::Bob.to_account_id();
		let payment = MILLI_CAES * 10;
		dispatch(&bob, allocate_call(&provider, Percent::from_percent(100), 10, payment));
		let (id, _) = AssetRegistry::allocations_of(&provider.asset)[0].clone();
		dispatch(&bob, AssetRegistryCall::release { allocation: id });
		assert!(AssetRegistry::allocations_of(&provider.asset).is_empty());

		run_to(System::block_number() + LivenessWindow::get() + 1);
		assert_eq!(
			try_dispatch(&bob, allocate_call(&provider, Percent::from_percent(10), 10, payment)),
			Err(pallet_asset_registry::Error::<Runtime>::AssetNotLive.into())
		);
	});
}

/// Attack 10: a provider whose asset lost a challenge keeps its consumers paying.
/// It cannot: the blocks from the lost challenge until the asset answered a challenge
/// again are not served, and the consumer is refunded for them at settlement.
#[test]
fn attack_a_failed_asset_charges_nothing_for_its_failed_blocks() {
	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(2);
		let provider = register_public_cpu(MILLI_CAES);
		let bob = Sr25519Keyring::Bob.to_account_id();
		let duration: BlockNumber = 40;
		let price = MILLI_CAES * Balance::from(duration);
		dispatch(&bob, allocate_call(&provider, Percent::from_percent(100), duration, price));
		let (id, allocation) = AssetRegistry::allocations_of(&provider.asset)[0].clone();
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		dispatch(&charlie, FourProofCall::bond { amount: provider.bond });
		dispatch(&charlie, FourProofCall::challenge { asset: provider.asset });
		let deadline = FourProof::open_challenges(&provider.asset)[0].1.deadline;
		let failed_at = deadline + 1;
		run_to(failed_at);
		assert_eq!(
			AssetRegistry::asset(&provider.asset).map(|a| a.state),
			Some(AssetState::Failed)
		);
		run_to(failed_at + 5);
		dispatch(&provider.who, FourProofCall::bond { amount: provider.bond });
		heartbeat_and_answer(&provider);
		let unserved = System::block_number() - failed_at;

		let bob_before = Balances::total_balance(&bob);
		// The allocation is settled as block `expires_at` starts.
		run_to(allocation.expires_at);
		let paid = price * Balance::from(duration - unserved) / Balance::from(duration);
		assert!(System::events().iter().any(|record| record.event
			== pallet_asset_registry::Event::<Runtime>::Expired {
				allocation: id,
				paid,
				refunded: price - paid,
				unserved,
			}
			.into()));
		assert_eq!(Balances::total_balance(&bob), bob_before - paid);
	});
}

/// Attack 6: a provider sees a challenge coming and takes its bond away first, so
/// that the slash finds nothing. The bond its asset stands on cannot be unbonded,
/// nor the asset retired while challenged; what it may unbond (bond no asset needs)
/// stays held and slashable for the unbonding delay, longer than any challenge.
#[test]
fn attack_unbonding_ahead_of_a_challenge_escapes_nothing() {
	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(2);
		let provider = register_public_cpu(MILLI_CAES);
		let bond = provider.bond;
		assert_eq!(
			try_dispatch(&provider.who, FourProofCall::unbond { amount: 1 }),
			Err(pallet_four_proof::Error::<Runtime>::BondCommitted.into())
		);
		// Bond beyond what the asset needs may be unbonded: it stays slashable.
		dispatch(&provider.who, FourProofCall::bond { amount: bond });
		dispatch(&provider.who, FourProofCall::unbond { amount: bond });
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		dispatch(&charlie, FourProofCall::bond { amount: bond });
		dispatch(&charlie, FourProofCall::challenge { asset: provider.asset });
		assert_eq!(
			try_dispatch(&provider.who, AssetRegistryCall::retire { asset: provider.asset }),
			Err(pallet_asset_registry::Error::<Runtime>::AssetChallenged.into())
		);

		let deadline = FourProof::open_challenges(&provider.asset)[0].1.deadline;
		run_to(deadline + 1);
		let slashed = SlashFraction::get() * bond;
		assert_eq!(FourProof::held_bond(&provider.who), 2 * bond - slashed);

		// Retired, the asset frees its bond, and everything left can go.
		dispatch(&provider.who, AssetRegistryCall::retire { asset: provider.asset });
		dispatch(&provider.who, FourProofCall::unbond { amount: bond - slashed });
		let free = Balances::balance(&provider.who);
		let (_, withdrawable_at) =
			pallet_four_proof::Unbonding::<Runtime>::get(&provider.who).expect("unbonding");
		run_to(withdrawable_at);
		dispatch(&provider.who, FourProofCall::withdraw_unbonded {});
		assert_eq!(Balances::balance(&provider.who), free + 2 * bond - slashed);
		assert_eq!(FourProof::held_bond(&provider.who), 0);
	});
}

/// Attack 6: one bond behind many assets. Eve bonds what one CPU needs and registers
/// it; a second CPU on the same bond is refused. With both assets' bonds, a lost
/// challenge slashes a tenth of the failed asset's bond, not of everything she
/// holds; and a slash that leaves her stake short of what her assets need keeps the
/// other asset from taking allocations until she tops it up.
#[test]
fn attack_one_bond_behind_many_assets_is_refused() {
	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(2);
		let eve = register_public_cpu_of(Sr25519Keyring::Eve, 0);
		let asset = AssetRegistry::next_asset_id(&eve.who, AssetClass::Cpu);
		let mut prover = Prover::new(eve.who.clone());
		let commitment = prover.create_plot(asset, eve.profile.min_plot_sectors).unwrap();
		let register = |prover: &Prover<AccountId>| {
			register_call(&eve.who, prover, asset, &eve.spec, &eve.profile, commitment)
		};
		assert_eq!(
			try_dispatch(&eve.who, register(&prover)),
			Err(pallet_four_proof::Error::<Runtime>::BondTooLow.into())
		);

		dispatch(&eve.who, FourProofCall::bond { amount: eve.bond });
		dispatch(&eve.who, register(&prover));
		assert_eq!(pallet_four_proof::Committed::<Runtime>::get(&eve.who), 2 * eve.bond);
		let second = Provider { prover, ..eve.with_asset(asset) };
		next_block();
		answer_audit(&second);
		dispatch(&eve.who, PrivacyCall::set_policy { asset, policy: public(0) });

		let ferdie = Sr25519Keyring::Ferdie.to_account_id();
		dispatch(&ferdie, FourProofCall::bond { amount: eve.bond });
		dispatch(&ferdie, FourProofCall::challenge { asset: eve.asset });
		let deadline = FourProof::open_challenges(&eve.asset)[0].1.deadline;
		run_to(deadline + 1);
		let slashed = SlashFraction::get() * eve.bond;
		assert_eq!(FourProof::held_bond(&eve.who), 2 * eve.bond - slashed);

		let bob = Sr25519Keyring::Bob.to_account_id();
		let allocate = allocate_call(&second, Percent::from_percent(10), 10, 0);
		assert_eq!(
			try_dispatch(&bob, allocate.clone()),
			Err(pallet_four_proof::Error::<Runtime>::BondTooLow.into())
		);
		dispatch(&eve.who, FourProofCall::bond { amount: slashed });
		dispatch(&bob, allocate);
	});
}

/// A plot whose labels were never computed: junk everywhere, except that the labels
/// `expected` samples (if given) hash from their committed parents, as an honest
/// plot's do.
fn forged_plot(asset: &AssetId, labels: u32, expected: Option<(&H256, u32)>) -> Plot {
	let seed = plot_seed(asset);
	let mut values: Vec<H256> =
		(0..labels).map(|index| H256(blake2_256(&(b"junk", index).encode()))).collect();
	if let Some((randomness, samples)) = expected {
		let mut sampled: Vec<u32> = sample_indices(randomness, asset, labels, samples).collect();
		// In index order, so a sampled parent is fixed before its sampled child.
		sampled.sort_unstable();
		for index in sampled {
			let parents: Vec<H256> = if index == 0 {
				Vec::new()
			} else {
				label_parents(&seed, index).iter().map(|at| values[*at as usize]).collect()
			};
			values[index as usize] = label(&seed, index, &parents);
		}
	}
	Plot::from_labels(seed, values)
}

/// Eve bonds and registers a CPU committing to `plot` (of the Testing profile's
/// size); returns her as a provider, with the audit open and seeded.
fn register_with_plot(plot: Plot) -> Provider {
	let who = Sr25519Keyring::Eve.to_account_id();
	let profile = TestingProfile::get();
	let (spec, bond) = test_cpu();
	dispatch(&who, FourProofCall::bond { amount: bond });
	let asset = AssetRegistry::next_asset_id(&who, AssetClass::Cpu);
	let commitment = plot.commitment();
	let mut prover = Prover::new(who.clone());
	prover.insert_plot(asset, plot);
	dispatch(&who, register_call(&who, &prover, asset, &spec, &profile, commitment));
	next_block();
	Provider { who, prover, asset, spec, profile, bond }
}

/// The provider answered its audit wrongly: slashed, Failed, never in service.
fn assert_audit_lost(provider: &Provider) {
	assert!(System::events().iter().any(|record| matches!(
		record.event,
		RuntimeEvent::FourProof(pallet_four_proof::Event::AuditFailed {
			reason: pallet_four_proof::FailureReason::WrongAnswer,
			..
		})
	)));
	let slashed = SlashFraction::get() * provider.bond;
	assert_eq!(FourProof::held_bond(&provider.who), provider.bond - slashed);
	assert_eq!(AssetRegistry::asset(&provider.asset).map(|a| a.state), Some(AssetState::Failed));
	let bob = Sr25519Keyring::Bob.to_account_id();
	assert_eq!(
		try_dispatch(&bob, allocate_call(provider, Percent::from_percent(10), 10, CAES)),
		Err(pallet_asset_registry::Error::<Runtime>::NotAvailable.into())
	);
}

/// Attack 3: a provider commits to a plot it never computed, made to pass only the
/// samples it expects. When the prover chose the sampling randomness (a recent block
/// hash) after committing, that was all it needed. Now the registration's audit is
/// seeded from the block the registration lands in, which did not exist when the
/// provider committed: the samples it prepared are not the ones asked for, and it
/// loses the audit.
#[test]
fn attack_a_plot_forged_for_the_expected_samples_fails_its_audit() {
	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(2);
		let profile = TestingProfile::get();
		let eve = Sr25519Keyring::Eve.to_account_id();
		let asset = AssetRegistry::next_asset_id(&eve, AssetClass::Cpu);
		// The best the provider can know when it commits: the randomness as it stands
		// in the block it sends the registration to.
		let subject = (b"hypermesh/block-seed", System::block_number());
		let (block_seed, _) =
			pallet_four_proof::ParentBlockHash::<Runtime>::random(&subject.encode());
		let expected =
			<<Runtime as frame_system::Config>::Hashing as sp_runtime::traits::Hash>::hash_of(&(
				b"hypermesh/seed",
				block_seed,
				(b"audit", asset),
			));
		let forged =
			forged_plot(&asset, profile.min_plot_sectors, Some((&expected, profile.space_samples)));
		// Sampled with that randomness, the forgery would pass.
		let answers = forged.answer(&expected, &asset, profile.space_samples).unwrap();
		assert_eq!(
			verify_space_answers(
				&forged.commitment(),
				profile.min_plot_sectors,
				&asset,
				&expected,
				profile.space_samples,
				&answers
			),
			Ok(())
		);

		let provider = register_with_plot(forged);
		let seed = FourProof::audit(&asset).and_then(|(_, seed)| seed).expect("seeded");
		assert_ne!(seed, expected);
		answer_audit(&provider);
		assert_audit_lost(&provider);
	});
}

/// Attack 4: a provider commits to a plot of junk it never computed (the cheapest
/// commitment there is) and answers its audit from it. Every sampled label must hash
/// from its parents' committed labels, so junk fails.
#[test]
fn attack_a_plot_never_computed_fails_its_audit() {
	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(2);
		let eve = Sr25519Keyring::Eve.to_account_id();
		let asset = AssetRegistry::next_asset_id(&eve, AssetClass::Cpu);
		let provider =
			register_with_plot(forged_plot(&asset, TestingProfile::get().min_plot_sectors, None));
		answer_audit(&provider);
		assert_audit_lost(&provider);
	});
}

/// A bundle `provider` makes for `operation` on its asset, for `capacity_units`.
fn bundle_for(
	provider: &Provider,
	operation: Operation,
	capacity_units: u64,
) -> hypermesh_primitives::ProofBundle<Balance, BlockNumber> {
	provider
		.prover
		.provider_bundle(
			operation,
			&provider.asset,
			capacity_units,
			&provider.profile,
			FourProof::bonded(&provider.who),
			&anchor(&provider.who),
		)
		.expect("the prover keeps the plot")
}

/// Attack 5: a provider declares more capacity than it has. Work and bond grow
/// with the declared capacity (one solution and one unit bond per unit), so a spec
/// change carries the work of the new claim and needs the bond behind it: the old
/// bond, the work of the old capacity, or work made for another bundle, is
/// refused; the accepted change takes the asset out of service until an audit, whose
/// work is drawn from fresh randomness and held to the new capacity, is answered.
#[test]
fn attack_more_capacity_without_more_work_is_refused() {
	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(2);
		let mut provider = register_public_cpu(0);
		// A spec change opens an audit, due like a heartbeat.
		run_to(System::block_number() + LivenessWindow::get() / 2);
		let bigger =
			CapacitySpec::Cpu { cores: 32, threads: 64, frequency_mhz: 3_500, features: 0 };
		let old_units = provider.spec.capacity_units();
		let update = |bundle| AssetRegistryCall::update_spec {
			asset: provider.asset,
			spec: bigger.clone(),
			bundle,
		};
		// More capacity needs more bond behind it, and the bond alone is refused ...
		assert_eq!(
			try_dispatch(
				&provider.who,
				update(bundle_for(&provider, Operation::UpdateSpec, bigger.capacity_units()))
			),
			Err(pallet_four_proof::Error::<Runtime>::BondTooLow.into())
		);
		let bigger_bond = provider.profile.spec_bond(&bigger);
		dispatch(&provider.who, FourProofCall::bond { amount: bigger_bond - provider.bond });
		// ... so is the work of the old, smaller capacity.
		let cheap = bundle_for(&provider, Operation::UpdateSpec, old_units);
		assert_eq!(cheap.work.nonces.len(), 16);
		assert_eq!(
			try_dispatch(&provider.who, update(cheap)),
			Err(pallet_four_proof::Error::<Runtime>::InsufficientWork.into())
		);
		// Work made for another operation (or another proof nonce) does not serve.
		let mut borrowed = bundle_for(&provider, Operation::UpdateSpec, bigger.capacity_units());
		borrowed.work = bundle_for(&provider, Operation::Heartbeat, bigger.capacity_units()).work;
		assert_eq!(
			try_dispatch(&provider.who, update(borrowed)),
			Err(pallet_four_proof::Error::<Runtime>::InsufficientWork.into())
		);

		let honest = bundle_for(&provider, Operation::UpdateSpec, bigger.capacity_units());
		assert_eq!(honest.work.nonces.len(), 64);
		dispatch(&provider.who, update(honest));
		assert_eq!(
			AssetRegistry::asset(&provider.asset).map(|a| a.state),
			Some(AssetState::Unproven)
		);
		next_block();
		provider.spec = bigger;
		answer_audit(&provider);
		assert_eq!(
			AssetRegistry::asset(&provider.asset).map(|a| a.state),
			Some(AssetState::Available)
		);
	});
}

/// Attack 8 (in part): a provider's second account fills its asset's challenge
/// slots, so that no one else can challenge it, and the provider answers them all:
/// the deposits used to come back in full. Each challenge that finds nothing now
/// burns a tenth of its deposit, so holding the slots costs the pair 1 CAES per
/// slot per window; and the answers, operational, cannot be crowded out by ordinary
/// transactions.
#[test]
fn attack_crowding_ones_own_challenge_slots_is_paid_for() {
	use frame_support::dispatch::{DispatchClass, GetDispatchInfo};
	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(2);
		let eve = register_public_cpu_of(Sr25519Keyring::Eve, 0);
		let ferdie = Sr25519Keyring::Ferdie.to_account_id();
		dispatch(&ferdie, FourProofCall::bond { amount: eve.bond });
		let pair = || Balances::total_balance(&eve.who) + Balances::total_balance(&ferdie);
		let (before, issuance) = (pair(), Balances::total_issuance());
		let slots: u32 =
			<<Runtime as pallet_four_proof::Config>::MaxOpenChallenges as sp_core::Get<u32>>::get();
		for _ in 0..slots {
			dispatch(&ferdie, FourProofCall::challenge { asset: eve.asset });
		}
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		dispatch(&charlie, FourProofCall::bond { amount: eve.bond });
		assert_eq!(
			try_dispatch(&charlie, FourProofCall::challenge { asset: eve.asset }),
			Err(pallet_four_proof::Error::<Runtime>::TooManyOpenChallenges.into())
		);
		next_block();
		for _ in 0..slots {
			answer_first_challenge(&eve);
		}
		let burn = UnfoundedChallengeBurn::get() * ChallengeDeposit::get();
		assert_eq!(burn, CAES);
		assert_eq!(pair(), before - Balance::from(slots) * burn);
		assert_eq!(Balances::total_issuance(), issuance - Balance::from(slots) * burn);
		let (answers, work) =
			(Default::default(), hypermesh_primitives::WorkProof { nonces: Default::default() });
		let answer = FourProofCall::<Runtime>::answer_challenge { challenge: 0, answers, work };
		assert_eq!(answer.get_dispatch_info().class, DispatchClass::Operational);
	});
}

/// Attack 9 (for assets): registering assets used to cost only the fee, and a
/// retired asset stayed in storage for good. Each asset now holds a deposit (1 CAES,
/// about 340 times its registration fee) while it is registered, and retiring it
/// removes its record and gives the deposit back.
#[test]
fn attack_assets_hold_a_deposit_and_retiring_removes_them() {
	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(2);
		let provider = register_public_cpu(0);
		let reason = pallet_asset_registry::HoldReason::AssetDeposit.into();
		let deposit = crate::configs::hypermesh::AssetDeposit::get();
		assert_eq!(deposit, CAES);
		assert_eq!(Balances::balance_on_hold(&reason, &provider.who), deposit);
		let total = Balances::total_balance(&provider.who);
		dispatch(&provider.who, AssetRegistryCall::retire { asset: provider.asset });
		assert_eq!(AssetRegistry::asset(&provider.asset), None);
		assert_eq!(Balances::balance_on_hold(&reason, &provider.who), 0);
		assert_eq!(Balances::total_balance(&provider.who), total);
	});
}

/// Attack 9: filling the privacy pallet's and the proxy pallet's storage for the
/// price of fees. Every record holds a deposit from the account that made it: Eve's
/// network, the members she adds (who pay nothing), her allowance, her trusted
/// entry and her endpoint; removing them gives every deposit back. An account that
/// cannot pay the deposit makes no record.
#[test]
fn attack_every_record_a_user_makes_holds_a_deposit() {
	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		run_to(2);
		let eve = Sr25519Keyring::Eve.to_account_id();
		let bob = Sr25519Keyring::Bob.to_account_id();
		let deposit = crate::configs::hypermesh::RecordDeposit::get();
		let privacy = pallet_privacy::HoldReason::RecordDeposit.into();
		let endpoint = pallet_mesh_proxy::HoldReason::EndpointDeposit.into();
		let total = Balances::total_balance(&eve);
		let network = pallet_privacy::NextNetworkId::<Runtime>::get();
		dispatch(&eve, PrivacyCall::create_network {});
		dispatch(&eve, PrivacyCall::add_member { network, who: bob.clone().into() });
		dispatch(&eve, PrivacyCall::allow_account { who: bob.clone().into() });
		dispatch(&eve, PrivacyCall::trust_network { network });
		let stoq = b"eve.example:4433".to_vec().try_into().expect("a short endpoint");
		dispatch(&eve, crate::MeshProxyCall::set_provider_endpoint { endpoint: stoq });
		assert_eq!(Balances::balance_on_hold(&privacy, &eve), 4 * deposit);
		assert_eq!(Balances::balance_on_hold(&endpoint, &eve), deposit);
		assert_eq!(Balances::balance_on_hold(&privacy, &bob), 0);

		dispatch(&eve, crate::MeshProxyCall::clear_provider_endpoint {});
		dispatch(&eve, PrivacyCall::untrust_network { network });
		dispatch(&eve, PrivacyCall::disallow_account { who: bob.clone().into() });
		dispatch(&eve, PrivacyCall::remove_member { network, who: bob.clone().into() });
		dispatch(&eve, PrivacyCall::remove_network { network });
		assert_eq!(Balances::balance_on_hold(&privacy, &eve), 0);
		assert_eq!(Balances::balance_on_hold(&endpoint, &eve), 0);
		assert_eq!(Balances::total_balance(&eve), total);

		let pauper = AccountId::from([7u8; 32]);
		dispatch(
			&eve,
			pallet_balances::Call::<Runtime>::transfer_keep_alive {
				dest: pauper.clone().into(),
				value: deposit,
			},
		);
		assert_eq!(
			try_dispatch(&pauper, PrivacyCall::create_network {}),
			Err(pallet_privacy::Error::<Runtime>::InsufficientBalance.into())
		);
	});
}
