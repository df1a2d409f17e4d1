//! Tests of the asset registry: each call's success (state and event) and errors,
//! settlement on release and expiry, accounting invariants, and property tests.

use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold},
		Hooks,
	},
	BoundedVec,
};
use hypermesh_primitives::{
	traits::AssetInspect, AssetClass, AssetId, AssetState, CapacitySpec, GlobalAddress,
	MeshNetworkId, Operation, PrivacyLevel, ProfileKind,
};
use sp_core::H256;
use sp_runtime::{ArithmeticError, DispatchError, Percent};

use crate::{mock::*, *};

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::AllocationPayment.into(), &who)
}

fn free(who: AccountId) -> Balance {
	Balances::free_balance(who)
}

fn record(asset: &AssetId) -> AssetRecordOf<Test> {
	Assets::<Test>::get(asset).expect("the asset exists")
}

fn event(e: Event<Test>) -> RuntimeEvent {
	RuntimeEvent::AssetRegistry(e)
}

// ---------------------------------------------------------------- register

#[test]
fn register_works() {
	build_and_execute(|| {
		let commitment = H256::repeat_byte(0xcc);
		assert_ok!(AssetRegistry::register(
			RuntimeOrigin::signed(PROVIDER),
			cpu(8),
			ProfileKind::Default,
			commitment,
			64,
			bundle(),
		));
		let asset = AssetId::derive(&PROVIDER, AssetClass::Cpu, 0);
		let network = MeshNetworkId::from_genesis_hash(System::block_hash(0).as_ref());
		let address = GlobalAddress::new(network, AssetClass::Cpu, &asset);
		let r = record(&asset);
		assert_eq!(r.owner, PROVIDER);
		assert_eq!(r.spec, cpu(8));
		// Unproven until its registration audit is answered.
		assert_eq!(r.state, AssetState::Unproven);
		assert_eq!(r.address, address);
		assert_eq!(r.commitment, commitment);
		assert_eq!(r.plot_sectors, 64);
		assert_eq!(r.profile, ProfileKind::Default);
		assert_eq!((r.registered_at, r.last_heartbeat), (1, 1));
		assert_eq!((r.active_allocations, r.allocated_share), (0, Percent::zero()));
		assert_eq!(AddressIndex::<Test>::get(address), Some(asset));
		assert_eq!(AssetRegistry::assets_by_owner(&PROVIDER), vec![asset]);
		assert_eq!(ProviderNonce::<Test>::get(PROVIDER), 1);
		assert_eq!(
			AssetRegistry::next_asset_id(&PROVIDER, AssetClass::Cpu),
			AssetId::derive(&PROVIDER, AssetClass::Cpu, 1)
		);
		assert_eq!(AssetRegistry::asset(&asset), Some(r.clone()));
		// Nothing is stored for the policy: the asset has the default.
		assert_eq!(MockAccess::stored(&asset), None);
		assert_eq!(MockAccess::current(&asset).profile, ProfileKind::Default);
		System::assert_last_event(event(Event::AssetRegistered {
			asset,
			owner: PROVIDER,
			class: AssetClass::Cpu,
			address,
		}));

		let context = MockProofs::last_context().unwrap();
		assert_eq!(context.operation, Operation::Register);
		assert_eq!((context.who, context.owner), (PROVIDER, PROVIDER));
		assert_eq!((context.commitment, context.plot_sectors), (commitment, 64));
		assert_eq!((context.capacity_units, context.profile), (8, ProfileKind::Default));
	});
}

#[test]
fn register_derives_a_new_id_and_address_each_time() {
	build_and_execute(|| {
		let first = register(PROVIDER);
		let second = register(PROVIDER);
		assert_ne!(first, second);
		assert_ne!(record(&first).address, record(&second).address);
		assert_eq!(record(&first).address.to_ipv6().segments()[0] >> 8, 0xfd);
		assert_eq!(record(&first).address.class(), Some(AssetClass::Cpu));
		assert_eq!(AssetRegistry::assets_by_owner(&PROVIDER), vec![first, second]);
	});
}

#[test]
fn register_fails_for_an_invalid_spec() {
	build_and_execute(|| {
		let bad = CapacitySpec::Cpu { cores: 4, threads: 2, frequency_mhz: 1, features: 0 };
		assert_noop!(
			AssetRegistry::register(
				RuntimeOrigin::signed(PROVIDER),
				bad,
				ProfileKind::Testing,
				H256::zero(),
				1,
				bundle(),
			),
			Error::<Test>::InvalidSpec
		);
		assert_noop!(
			AssetRegistry::register(
				RuntimeOrigin::signed(PROVIDER),
				CapacitySpec::Memory { bytes: 0 },
				ProfileKind::Testing,
				H256::zero(),
				1,
				bundle(),
			),
			Error::<Test>::InvalidSpec
		);
	});
}

#[test]
fn register_fails_when_the_address_is_taken() {
	build_and_execute(|| {
		let asset = AssetId::derive(&PROVIDER, AssetClass::Cpu, 0);
		let address = GlobalAddress::new(AssetRegistry::network_id(), AssetClass::Cpu, &asset);
		let other = register(CONSUMER);
		// Point the address at another live asset, as a colliding id would.
		AddressIndex::<Test>::remove(record(&other).address);
		AddressIndex::<Test>::insert(address, other);
		Assets::<Test>::mutate(other, |r| r.as_mut().unwrap().address = address);
		assert_noop!(
			AssetRegistry::register(
				RuntimeOrigin::signed(PROVIDER),
				cpu(8),
				ProfileKind::Testing,
				H256::zero(),
				1,
				bundle(),
			),
			Error::<Test>::AddressTaken
		);
	});
}

#[test]
fn register_fails_with_too_many_assets() {
	build_and_execute(|| {
		for _ in 0..3 {
			register(PROVIDER);
		}
		assert_noop!(
			AssetRegistry::register(
				RuntimeOrigin::signed(PROVIDER),
				cpu(8),
				ProfileKind::Testing,
				H256::zero(),
				1,
				bundle(),
			),
			Error::<Test>::TooManyAssets
		);
	});
}

#[test]
fn register_fails_when_the_nonce_would_overflow() {
	build_and_execute(|| {
		ProviderNonce::<Test>::insert(PROVIDER, u64::MAX);
		assert_noop!(
			AssetRegistry::register(
				RuntimeOrigin::signed(PROVIDER),
				cpu(8),
				ProfileKind::Testing,
				H256::zero(),
				1,
				bundle(),
			),
			ArithmeticError::Overflow
		);
	});
}

#[test]
fn register_fails_with_bad_or_replayed_proofs() {
	build_and_execute(|| {
		let register_with = |bundle| {
			AssetRegistry::register(
				RuntimeOrigin::signed(PROVIDER),
				cpu(8),
				ProfileKind::Testing,
				H256::zero(),
				1,
				bundle,
			)
		};
		assert_noop!(register_with(bad_bundle()), DispatchError::Other("MockProofRejected"));
		let used = bundle();
		assert_ok!(register_with(used.clone()));
		assert_noop!(register_with(used), DispatchError::Other("MockProofReplayed"));
	});
}

#[test]
fn register_needs_a_signed_origin() {
	build_and_execute(|| {
		assert_noop!(
			AssetRegistry::register(
				RuntimeOrigin::none(),
				cpu(8),
				ProfileKind::Testing,
				H256::zero(),
				1,
				bundle(),
			),
			DispatchError::BadOrigin
		);
	});
}

// ---------------------------------------------------------------- update_spec

#[test]
fn update_spec_works() {
	build_and_execute(|| {
		let asset = register(PROVIDER);
		let update = |spec| {
			AssetRegistry::update_spec(RuntimeOrigin::signed(PROVIDER), asset, spec, bundle())
		};
		// Every spec change opens an audit, so it waits like a heartbeat; and a spec
		// that changes nothing, or one of an asset kept in maintenance, is refused.
		assert_noop!(update(cpu(16)), Error::<Test>::AuditTooSoon);
		run_to_block(1 + LIVENESS_WINDOW / 2);
		assert_noop!(update(cpu(8)), Error::<Test>::SpecUnchanged);
		assert_ok!(AssetRegistry::set_maintenance(RuntimeOrigin::signed(PROVIDER), asset, true));
		assert_noop!(update(cpu(16)), Error::<Test>::InvalidState);
		assert_ok!(AssetRegistry::set_maintenance(RuntimeOrigin::signed(PROVIDER), asset, false));
		assert_ok!(AssetRegistry::update_spec(
			RuntimeOrigin::signed(PROVIDER),
			asset,
			cpu(16),
			bundle()
		));
		assert_eq!(record(&asset).spec, cpu(16));
		System::assert_last_event(event(Event::SpecUpdated { asset }));
		// The new capacity is a new claim: proven for it, and out of service until
		// its audit is answered.
		let context = MockProofs::last_context().unwrap();
		assert_eq!((context.operation, context.capacity_units), (Operation::UpdateSpec, 16));
		assert_eq!(record(&asset).state, AssetState::Unproven);
	});
}

#[test]
fn update_spec_errors() {
	build_and_execute(|| {
		let asset = public_asset();
		assert_noop!(
			AssetRegistry::update_spec(
				RuntimeOrigin::signed(PROVIDER),
				AssetId([9; 32]),
				cpu(4),
				bundle()
			),
			Error::<Test>::UnknownAsset
		);
		assert_noop!(
			AssetRegistry::update_spec(RuntimeOrigin::signed(STRANGER), asset, cpu(4), bundle()),
			Error::<Test>::NotAssetOwner
		);
		assert_noop!(
			AssetRegistry::update_spec(
				RuntimeOrigin::signed(PROVIDER),
				asset,
				CapacitySpec::Memory { bytes: 1 << 30 },
				bundle()
			),
			Error::<Test>::ClassMismatch
		);
		assert_noop!(
			AssetRegistry::update_spec(RuntimeOrigin::signed(PROVIDER), asset, cpu(0), bundle()),
			Error::<Test>::InvalidSpec
		);
		allocate(CONSUMER, asset, 10, 5);
		assert_noop!(
			AssetRegistry::update_spec(RuntimeOrigin::signed(PROVIDER), asset, cpu(4), bundle()),
			Error::<Test>::AssetBusy
		);
		let retired = register(PROVIDER);
		assert_ok!(AssetRegistry::retire(RuntimeOrigin::signed(PROVIDER), retired));
		assert_noop!(
			AssetRegistry::update_spec(RuntimeOrigin::signed(PROVIDER), retired, cpu(4), bundle()),
			Error::<Test>::UnknownAsset
		);
	});
}

// ---------------------------------------------------------------- set_maintenance

#[test]
fn set_maintenance_works() {
	build_and_execute(|| {
		let asset = public_asset();
		assert_ok!(AssetRegistry::set_maintenance(RuntimeOrigin::signed(PROVIDER), asset, true));
		assert_eq!(record(&asset).state, AssetState::Maintenance);
		System::assert_last_event(event(Event::MaintenanceSet { asset, enabled: true }));
		assert_noop!(
			AssetRegistry::allocate(
				RuntimeOrigin::signed(CONSUMER),
				asset,
				Percent::from_percent(10),
				5,
				u64::MAX
			),
			Error::<Test>::NotAvailable
		);
		assert_ok!(AssetRegistry::set_maintenance(RuntimeOrigin::signed(PROVIDER), asset, false));
		assert_eq!(record(&asset).state, AssetState::Available);
		System::assert_last_event(event(Event::MaintenanceSet { asset, enabled: false }));

		allocate(CONSUMER, asset, 10, 5);
		assert_ok!(AssetRegistry::set_maintenance(RuntimeOrigin::signed(PROVIDER), asset, true));
		assert_eq!(record(&asset).state, AssetState::Maintenance);
		assert_ok!(AssetRegistry::set_maintenance(RuntimeOrigin::signed(PROVIDER), asset, false));
		assert_eq!(record(&asset).state, AssetState::Allocated);
	});
}

#[test]
fn set_maintenance_errors() {
	build_and_execute(|| {
		let asset = register(PROVIDER);
		assert_noop!(
			AssetRegistry::set_maintenance(RuntimeOrigin::signed(PROVIDER), AssetId([9; 32]), true),
			Error::<Test>::UnknownAsset
		);
		assert_noop!(
			AssetRegistry::set_maintenance(RuntimeOrigin::signed(STRANGER), asset, true),
			Error::<Test>::NotAssetOwner
		);
		assert_ok!(AssetRegistry::mark_failed(&asset));
		assert_noop!(
			AssetRegistry::set_maintenance(RuntimeOrigin::signed(PROVIDER), asset, false),
			Error::<Test>::InvalidState
		);
		let retired = register(PROVIDER);
		assert_ok!(AssetRegistry::retire(RuntimeOrigin::signed(PROVIDER), retired));
		assert_noop!(
			AssetRegistry::set_maintenance(RuntimeOrigin::signed(PROVIDER), retired, true),
			Error::<Test>::UnknownAsset
		);
	});
}

// ---------------------------------------------------------------- transfers

fn offer(asset: AssetId, to: AccountId) {
	assert_ok!(AssetRegistry::offer_transfer(RuntimeOrigin::signed(PROVIDER), asset, to));
}

#[test]
fn a_transfer_takes_an_offer_and_an_acceptance() {
	build_and_execute(|| {
		let asset = register(PROVIDER);
		let kept = register(PROVIDER);
		offer(asset, CONSUMER);
		System::assert_last_event(event(Event::TransferOffered {
			asset,
			from: PROVIDER,
			to: CONSUMER,
		}));
		// Nothing changes hands on the offer alone.
		assert_eq!(record(&asset).owner, PROVIDER);
		assert_eq!(TransferOffers::<Test>::get(asset), Some(CONSUMER));
		assert_ok!(AssetRegistry::accept_transfer(RuntimeOrigin::signed(CONSUMER), asset));
		assert_eq!(record(&asset).owner, CONSUMER);
		// The new owner proves it with its own bond: the old one's is freed, and the
		// asset waits for the new owner's audit.
		assert!(MockProofs::bond_released(&asset));
		assert!(!MockProofs::bond_released(&kept));
		assert_eq!(record(&asset).state, AssetState::Unproven);
		assert_eq!(AssetRegistry::assets_by_owner(&PROVIDER), vec![kept]);
		assert_eq!(AssetRegistry::assets_by_owner(&CONSUMER), vec![asset]);
		assert!(!TransferOffers::<Test>::contains_key(asset));
		System::assert_last_event(event(Event::OwnershipTransferred {
			asset,
			from: PROVIDER,
			to: CONSUMER,
		}));
		// The last asset leaves no empty list behind.
		offer(kept, 5);
		assert_ok!(AssetRegistry::accept_transfer(RuntimeOrigin::signed(5), kept));
		assert!(!OwnerAssets::<Test>::contains_key(PROVIDER));
	});
}

#[test]
fn a_new_offer_replaces_the_old_one() {
	build_and_execute(|| {
		let asset = register(PROVIDER);
		offer(asset, CONSUMER);
		offer(asset, CONSUMER2);
		assert_noop!(
			AssetRegistry::accept_transfer(RuntimeOrigin::signed(CONSUMER), asset),
			Error::<Test>::NoTransferOffer
		);
		assert_ok!(AssetRegistry::accept_transfer(RuntimeOrigin::signed(CONSUMER2), asset));
	});
}

#[test]
fn an_offer_may_be_withdrawn_or_declined() {
	build_and_execute(|| {
		let asset = register(PROVIDER);
		offer(asset, CONSUMER);
		assert_noop!(
			AssetRegistry::cancel_transfer(RuntimeOrigin::signed(STRANGER), asset),
			Error::<Test>::NotAParty
		);
		assert_ok!(AssetRegistry::cancel_transfer(RuntimeOrigin::signed(PROVIDER), asset));
		System::assert_last_event(event(Event::TransferCancelled { asset }));
		assert_noop!(
			AssetRegistry::accept_transfer(RuntimeOrigin::signed(CONSUMER), asset),
			Error::<Test>::NoTransferOffer
		);
		offer(asset, CONSUMER);
		assert_ok!(AssetRegistry::cancel_transfer(RuntimeOrigin::signed(CONSUMER), asset));
		assert_noop!(
			AssetRegistry::cancel_transfer(RuntimeOrigin::signed(PROVIDER), asset),
			Error::<Test>::NoTransferOffer
		);
	});
}

#[test]
fn offer_transfer_errors() {
	build_and_execute(|| {
		let asset = public_asset();
		assert_noop!(
			AssetRegistry::offer_transfer(
				RuntimeOrigin::signed(PROVIDER),
				AssetId([9; 32]),
				CONSUMER
			),
			Error::<Test>::UnknownAsset
		);
		assert_noop!(
			AssetRegistry::offer_transfer(RuntimeOrigin::signed(STRANGER), asset, CONSUMER),
			Error::<Test>::NotAssetOwner
		);
		assert_noop!(
			AssetRegistry::offer_transfer(RuntimeOrigin::signed(PROVIDER), asset, PROVIDER),
			Error::<Test>::AlreadyOwner
		);
		let retired = register(PROVIDER);
		assert_ok!(AssetRegistry::retire(RuntimeOrigin::signed(PROVIDER), retired));
		assert_noop!(
			AssetRegistry::offer_transfer(RuntimeOrigin::signed(PROVIDER), retired, CONSUMER),
			Error::<Test>::UnknownAsset
		);
	});
}

#[test]
fn accept_transfer_errors() {
	build_and_execute(|| {
		let asset = public_asset();
		assert_noop!(
			AssetRegistry::accept_transfer(RuntimeOrigin::signed(CONSUMER), asset),
			Error::<Test>::NoTransferOffer
		);
		offer(asset, CONSUMER2);
		for _ in 0..3 {
			register(CONSUMER2);
		}
		assert_noop!(
			AssetRegistry::accept_transfer(RuntimeOrigin::signed(CONSUMER2), asset),
			Error::<Test>::TooManyAssets
		);
		offer(asset, CONSUMER);
		MockChallenges::set_open(&asset, 1);
		assert_noop!(
			AssetRegistry::accept_transfer(RuntimeOrigin::signed(CONSUMER), asset),
			Error::<Test>::AssetChallenged
		);
		MockChallenges::set_open(&asset, 0);
		allocate(STRANGER, asset, 10, 5);
		assert_noop!(
			AssetRegistry::accept_transfer(RuntimeOrigin::signed(CONSUMER), asset),
			Error::<Test>::AssetBusy
		);
	});
}

#[test]
fn retiring_drops_a_pending_offer() {
	build_and_execute(|| {
		let asset = register(PROVIDER);
		offer(asset, CONSUMER);
		assert_ok!(AssetRegistry::retire(RuntimeOrigin::signed(PROVIDER), asset));
		assert!(!TransferOffers::<Test>::contains_key(asset));
		assert_noop!(
			AssetRegistry::accept_transfer(RuntimeOrigin::signed(CONSUMER), asset),
			Error::<Test>::NoTransferOffer
		);
	});
}

// ---------------------------------------------------------------- retire

#[test]
fn retire_works() {
	build_and_execute(|| {
		AssetDeposit::set(&25);
		let asset = register(PROVIDER);
		let address = record(&asset).address;
		let deposit = HoldReason::AssetDeposit.into();
		assert_eq!(Balances::balance_on_hold(&deposit, &PROVIDER), 25);
		assert_ok!(AssetRegistry::retire(RuntimeOrigin::signed(PROVIDER), asset));
		// The record is gone, the deposit back and the bond committed to it freed.
		assert_eq!(AssetRegistry::asset(&asset), None);
		assert!(MockProofs::bond_released(&asset));
		assert_eq!(Balances::balance_on_hold(&deposit, &PROVIDER), 0);
		assert_eq!(AddressIndex::<Test>::get(address), None);
		assert_eq!(AssetRegistry::asset_by_address(&address), None);
		assert!(AssetRegistry::assets_by_owner(&PROVIDER).is_empty());
		assert_eq!(MockAccess::stored(&asset), None);
		System::assert_last_event(event(Event::AssetRetired { asset }));
		// A retired asset takes no allocations and the provider may register anew.
		assert_noop!(
			AssetRegistry::allocate(
				RuntimeOrigin::signed(PROVIDER),
				asset,
				Percent::from_percent(10),
				5,
				u64::MAX
			),
			Error::<Test>::UnknownAsset
		);
		assert_ne!(register(PROVIDER), asset);
	});
}

#[test]
fn retire_errors() {
	build_and_execute(|| {
		let asset = public_asset();
		assert_noop!(
			AssetRegistry::retire(RuntimeOrigin::signed(PROVIDER), AssetId([9; 32])),
			Error::<Test>::UnknownAsset
		);
		assert_noop!(
			AssetRegistry::retire(RuntimeOrigin::signed(STRANGER), asset),
			Error::<Test>::NotAssetOwner
		);
		let id = allocate(CONSUMER, asset, 10, 5);
		assert_noop!(
			AssetRegistry::retire(RuntimeOrigin::signed(PROVIDER), asset),
			Error::<Test>::AssetBusy
		);
		assert_ok!(AssetRegistry::release(RuntimeOrigin::signed(CONSUMER), id));
		assert_ok!(AssetRegistry::retire(RuntimeOrigin::signed(PROVIDER), asset));
		assert_noop!(
			AssetRegistry::retire(RuntimeOrigin::signed(PROVIDER), asset),
			Error::<Test>::UnknownAsset
		);
	});
}

// ---------------------------------------------------------------- allocate

#[test]
fn allocate_works() {
	build_and_execute(|| {
		let asset = register(PROVIDER);
		MockAccess::allow(&asset, CONSUMER);
		assert_ok!(AssetRegistry::allocate(
			RuntimeOrigin::signed(CONSUMER),
			asset,
			Percent::from_percent(25),
			10,
			250
		));
		// 25 % of 100 per block for 10 blocks.
		let price = 250;
		let allocation = Allocations::<Test>::get(0).unwrap();
		assert_eq!(allocation.consumer, CONSUMER);
		assert_eq!(allocation.asset, asset);
		assert_eq!(allocation.share, Percent::from_percent(25));
		assert_eq!((allocation.start, allocation.expires_at, allocation.price), (1, 11, price));
		assert_eq!(held(CONSUMER), price);
		assert_eq!(free(CONSUMER), ENDOWMENT - price);
		assert_eq!(AssetAllocations::<Test>::get(asset).into_inner(), vec![0]);
		assert_eq!(Expiries::<Test>::get(11).into_inner(), vec![0]);
		assert_eq!(NextAllocationId::<Test>::get(), 1);
		let r = record(&asset);
		assert_eq!(r.state, AssetState::Allocated);
		assert_eq!((r.active_allocations, r.allocated_share), (1, Percent::from_percent(25)));
		assert_eq!(AssetRegistry::allocations_of(&asset), vec![(0, allocation)]);
		System::assert_last_event(event(Event::Allocated {
			allocation: 0,
			asset,
			consumer: CONSUMER,
			share: Percent::from_percent(25),
			expires_at: 11,
			price,
		}));
	});
}

#[test]
fn allocate_rounds_the_price_up_and_holds_nothing_when_free() {
	build_and_execute(|| {
		let asset = public_asset();
		MockAccess::update(&asset, |p| p.price_per_block = 10);
		// 33 % of 10 is 3.3: the consumer pays 4.
		allocate(CONSUMER, asset, 33, 1);
		assert_eq!(Allocations::<Test>::get(0).unwrap().price, 4);
		assert_eq!(held(CONSUMER), 4);
		MockAccess::update(&asset, |p| p.price_per_block = 0);
		allocate(CONSUMER2, asset, 10, 1);
		assert_eq!(Allocations::<Test>::get(1).unwrap().price, 0);
		assert_eq!(held(CONSUMER2), 0);
	});
}

#[test]
fn the_owner_may_allocate_its_private_asset() {
	build_and_execute(|| {
		let asset = register(PROVIDER);
		allocate(PROVIDER, asset, 50, 4);
		assert_eq!(record(&asset).state, AssetState::Allocated);
	});
}

#[test]
fn allocate_fails_for_unknown_or_unavailable_assets() {
	build_and_execute(|| {
		let allocate_on = |asset| {
			AssetRegistry::allocate(
				RuntimeOrigin::signed(CONSUMER),
				asset,
				Percent::from_percent(10),
				5,
				u64::MAX,
			)
		};
		assert_noop!(allocate_on(AssetId([9; 32])), Error::<Test>::UnknownAsset);
		let asset = public_asset();
		assert_ok!(AssetRegistry::mark_failed(&asset));
		assert_noop!(allocate_on(asset), Error::<Test>::NotAvailable);
	});
}

#[test]
fn allocate_returns_the_access_error_as_is() {
	build_and_execute(|| {
		let asset = register(PROVIDER);
		assert_noop!(
			AssetRegistry::allocate(
				RuntimeOrigin::signed(CONSUMER),
				asset,
				Percent::from_percent(10),
				5,
				u64::MAX
			),
			DispatchError::Other("MockAccessDenied")
		);
	});
}

#[test]
fn an_asset_without_a_policy_of_its_own_has_the_default() {
	build_and_execute(|| {
		let asset = register(PROVIDER);
		assert_eq!(MockAccess::stored(&asset), None);
		let policy = MockAccess::current(&asset);
		let registered = AssetRegistry::asset(&asset).unwrap().profile;
		assert_eq!((policy.level, policy.profile), (PrivacyLevel::Private, registered));
		assert_noop!(
			AssetRegistry::allocate(
				RuntimeOrigin::signed(CONSUMER),
				asset,
				Percent::from_percent(10),
				5,
				u64::MAX
			),
			DispatchError::Other("MockAccessDenied")
		);
	});
}

#[test]
fn allocate_checks_share_and_duration() {
	build_and_execute(|| {
		let asset = public_asset();
		MockAccess::update(&asset, |p| {
			p.min_duration = 3;
			p.max_duration = 10;
		});
		let allocate_with = |share, duration| {
			AssetRegistry::allocate(
				RuntimeOrigin::signed(CONSUMER),
				asset,
				Percent::from_percent(share),
				duration,
				u64::MAX,
			)
		};
		assert_noop!(allocate_with(0, 5), Error::<Test>::ZeroShare);
		assert_noop!(allocate_with(10, 2), Error::<Test>::DurationOutOfRange);
		assert_noop!(allocate_with(10, 11), Error::<Test>::DurationOutOfRange);
		assert_ok!(allocate_with(10, 3));
		assert_ok!(allocate_with(10, 10));
		// A zero duration is refused even when the policy's minimum is zero.
		MockAccess::update(&asset, |p| p.min_duration = 0);
		assert_noop!(allocate_with(10, 0), Error::<Test>::DurationOutOfRange);
	});
}

#[test]
fn allocate_fails_beyond_the_policy_max_share() {
	build_and_execute(|| {
		let asset = public_asset();
		MockAccess::update(&asset, |p| p.max_share = Percent::from_percent(50));
		allocate(CONSUMER, asset, 30, 5);
		assert_noop!(
			AssetRegistry::allocate(
				RuntimeOrigin::signed(CONSUMER2),
				asset,
				Percent::from_percent(21),
				5,
				u64::MAX
			),
			Error::<Test>::CapacityExceeded
		);
		allocate(CONSUMER2, asset, 20, 5);
		assert_eq!(record(&asset).allocated_share, Percent::from_percent(50));
	});
}

#[test]
fn allocate_respects_the_concurrency_limit() {
	build_and_execute(|| {
		let asset = public_asset();
		let first = allocate(CONSUMER, asset, 10, 5);
		allocate(CONSUMER, asset, 10, 6);
		allocate(CONSUMER, asset, 10, 7);
		let over = || {
			AssetRegistry::allocate(
				RuntimeOrigin::signed(CONSUMER),
				asset,
				Percent::from_percent(10),
				8,
				u64::MAX,
			)
		};
		assert_noop!(over(), Error::<Test>::TooManyAllocations);
		assert_ok!(AssetRegistry::release(RuntimeOrigin::signed(CONSUMER), first));
		assert_ok!(over());
		assert_eq!(record(&asset).active_allocations, MAX_CONCURRENT);
	});
}

#[test]
fn allocate_respects_the_chain_limit_per_asset() {
	build_and_execute(|| {
		let asset = public_asset();
		MockAccess::update(&asset, |p| p.max_concurrent = 100);
		for duration in 1..=5 {
			allocate(CONSUMER, asset, 10, duration);
		}
		assert_noop!(
			AssetRegistry::allocate(
				RuntimeOrigin::signed(CONSUMER),
				asset,
				Percent::from_percent(10),
				6,
				u64::MAX
			),
			Error::<Test>::TooManyAllocations
		);
	});
}

#[test]
fn allocate_fails_on_price_overflow_and_price_limit() {
	build_and_execute(|| {
		let asset = public_asset();
		MockAccess::update(&asset, |p| p.price_per_block = u64::MAX);
		assert_noop!(
			AssetRegistry::allocate(
				RuntimeOrigin::signed(CONSUMER),
				asset,
				Percent::from_percent(10),
				2,
				u64::MAX
			),
			ArithmeticError::Overflow
		);
		MockAccess::update(&asset, |p| p.price_per_block = 100);
		// 10 % of 100 × 5 = 50.
		assert_noop!(
			AssetRegistry::allocate(
				RuntimeOrigin::signed(CONSUMER),
				asset,
				Percent::from_percent(10),
				5,
				49
			),
			Error::<Test>::PriceLimitExceeded
		);
		assert_ok!(AssetRegistry::allocate(
			RuntimeOrigin::signed(CONSUMER),
			asset,
			Percent::from_percent(10),
			5,
			50
		));
	});
}

#[test]
fn allocate_fails_when_the_expiry_block_is_full() {
	build_and_execute(|| {
		let asset = public_asset();
		MockAccess::update(&asset, |p| p.max_concurrent = 10);
		for _ in 0..3 {
			allocate(CONSUMER, asset, 10, 5);
		}
		assert_noop!(
			AssetRegistry::allocate(
				RuntimeOrigin::signed(CONSUMER),
				asset,
				Percent::from_percent(10),
				5,
				u64::MAX
			),
			Error::<Test>::ExpiryQueueFull
		);
		allocate(CONSUMER, asset, 10, 6);
	});
}

#[test]
fn allocate_fails_when_the_consumer_cannot_pay() {
	build_and_execute(|| {
		let asset = public_asset();
		let poor = 42;
		assert_noop!(
			AssetRegistry::allocate(
				RuntimeOrigin::signed(poor),
				asset,
				Percent::from_percent(10),
				5,
				u64::MAX
			),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn allocate_fails_when_the_owner_stake_is_short() {
	build_and_execute(|| {
		let asset = public_asset();
		MockProofs::unstake(PROVIDER);
		assert_noop!(
			AssetRegistry::allocate(
				RuntimeOrigin::signed(CONSUMER),
				asset,
				Percent::from_percent(10),
				5,
				u64::MAX
			),
			DispatchError::Other("MockStakeShort")
		);
	});
}

#[test]
fn allocate_needs_a_recent_proof_of_the_asset() {
	build_and_execute(|| {
		// Registered at block 1: live up to block 1 + LIVENESS_WINDOW.
		let asset = public_asset();
		let try_allocate = || {
			AssetRegistry::allocate(
				RuntimeOrigin::signed(CONSUMER),
				asset,
				Percent::from_percent(10),
				5,
				u64::MAX,
			)
		};
		run_to_block(1 + LIVENESS_WINDOW);
		allocate(CONSUMER, asset, 10, 5);
		run_to_block(2 + LIVENESS_WINDOW);
		assert_noop!(try_allocate(), Error::<Test>::AssetNotLive);
		// A heartbeat alone does not make it live again: the answer to its audit does.
		assert_ok!(AssetRegistry::heartbeat(RuntimeOrigin::signed(PROVIDER), asset, bundle()));
		assert_noop!(try_allocate(), Error::<Test>::AssetNotLive);
		assert_ok!(AssetRegistry::mark_proven(&asset));
		allocate(CONSUMER, asset, 10, 5);
	});
}

#[test]
fn allocate_and_release_ask_the_verifier_nothing() {
	build_and_execute(|| {
		let asset = public_asset();
		let before = MockProofs::last_context();
		let id = allocate(CONSUMER, asset, 10, 5);
		assert_ok!(AssetRegistry::release(RuntimeOrigin::signed(CONSUMER), id));
		assert_eq!(MockProofs::last_context(), before);
	});
}

#[test]
fn allocate_fails_when_allocation_ids_run_out() {
	build_and_execute(|| {
		let asset = public_asset();
		NextAllocationId::<Test>::put(u64::MAX);
		assert_noop!(
			AssetRegistry::allocate(
				RuntimeOrigin::signed(CONSUMER),
				asset,
				Percent::from_percent(10),
				5,
				u64::MAX
			),
			ArithmeticError::Overflow
		);
	});
}

// ---------------------------------------------------------------- release

#[test]
fn release_pays_the_used_part_and_refunds_the_rest() {
	build_and_execute(|| {
		let asset = public_asset();
		// 50 % of 100 per block for 10 blocks: 500, from block 1 to 11.
		let id = allocate(CONSUMER, asset, 50, 10);
		assert_eq!(held(CONSUMER), 500);
		run_to_block(5);
		assert_ok!(AssetRegistry::release(RuntimeOrigin::signed(CONSUMER), id));
		// 4 of 10 blocks used: 200 paid, 300 back.
		assert_eq!(free(PROVIDER), ENDOWMENT + 200);
		assert_eq!(free(CONSUMER), ENDOWMENT - 200);
		assert_eq!(held(CONSUMER), 0);
		System::assert_last_event(event(Event::Released {
			allocation: id,
			paid: 200,
			refunded: 300,
			unserved: 0,
		}));
		assert_eq!(Allocations::<Test>::get(id), None);
		assert!(!AssetAllocations::<Test>::contains_key(asset));
		assert!(!Expiries::<Test>::contains_key(11));
		let r = record(&asset);
		assert_eq!(r.state, AssetState::Available);
		assert_eq!((r.active_allocations, r.allocated_share), (0, Percent::zero()));
	});
}

#[test]
fn release_rounds_the_payment_down() {
	build_and_execute(|| {
		let asset = public_asset();
		MockAccess::update(&asset, |p| p.price_per_block = 101);
		// 10 % of 101 × 3 = 30.3, rounded up to 31; after 1 block, 31/3 = 10.33 → 10.
		let id = allocate(CONSUMER, asset, 10, 3);
		assert_eq!(held(CONSUMER), 31);
		run_to_block(2);
		assert_ok!(AssetRegistry::release(RuntimeOrigin::signed(PROVIDER), id));
		assert_eq!(free(PROVIDER), ENDOWMENT + 10);
		assert_eq!(free(CONSUMER), ENDOWMENT - 10);
		System::assert_last_event(event(Event::Released {
			allocation: id,
			paid: 10,
			refunded: 21,
			unserved: 0,
		}));
	});
}

#[test]
fn release_in_the_allocation_block_refunds_everything() {
	build_and_execute(|| {
		let asset = public_asset();
		let id = allocate(CONSUMER, asset, 20, 10);
		assert_ok!(AssetRegistry::release(RuntimeOrigin::signed(PROVIDER), id));
		assert_eq!(free(CONSUMER), ENDOWMENT);
		assert_eq!(free(PROVIDER), ENDOWMENT);
		System::assert_last_event(event(Event::Released {
			allocation: id,
			paid: 0,
			refunded: 200,
			unserved: 0,
		}));
	});
}

#[test]
fn release_keeps_other_allocations_and_the_in_use_state() {
	build_and_execute(|| {
		let asset = public_asset();
		let first = allocate(CONSUMER, asset, 20, 10);
		let second = allocate(CONSUMER2, asset, 30, 10);
		assert_ok!(AssetRegistry::set_in_use(RuntimeOrigin::signed(PROVIDER), asset, true));
		assert_ok!(AssetRegistry::release(RuntimeOrigin::signed(CONSUMER), first));
		let r = record(&asset);
		assert_eq!(r.state, AssetState::InUse);
		assert_eq!((r.active_allocations, r.allocated_share), (1, Percent::from_percent(30)));
		assert_eq!(AssetAllocations::<Test>::get(asset).into_inner(), vec![second]);
		assert_eq!(Expiries::<Test>::get(11).into_inner(), vec![second]);
		assert_ok!(AssetRegistry::release(RuntimeOrigin::signed(CONSUMER2), second));
		assert_eq!(record(&asset).state, AssetState::Available);
	});
}

#[test]
fn release_errors() {
	build_and_execute(|| {
		let asset = public_asset();
		let id = allocate(CONSUMER, asset, 50, 10);
		assert_noop!(
			AssetRegistry::release(RuntimeOrigin::signed(CONSUMER), 99),
			Error::<Test>::UnknownAllocation
		);
		assert_noop!(
			AssetRegistry::release(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::NotAParty
		);
	});
}

// ---------------------------------------------------------------- expiry

#[test]
fn expiry_settles_in_on_initialize_with_exact_balances() {
	build_and_execute(|| {
		let asset = public_asset();
		// 40 % of 100 × 10 = 400, expiring at block 11.
		let id = allocate(CONSUMER, asset, 40, 10);
		run_to_block(10);
		assert!(Allocations::<Test>::contains_key(id));
		assert_eq!(held(CONSUMER), 400);
		run_to_block(11);
		assert_eq!(Allocations::<Test>::get(id), None);
		assert_eq!(free(PROVIDER), ENDOWMENT + 400);
		assert_eq!(free(CONSUMER), ENDOWMENT - 400);
		assert_eq!(held(CONSUMER), 0);
		System::assert_last_event(event(Event::Expired {
			allocation: id,
			paid: 400,
			refunded: 0,
			unserved: 0,
		}));
		assert!(!Expiries::<Test>::contains_key(11));
		assert_eq!(record(&asset).state, AssetState::Available);
		assert_noop!(
			AssetRegistry::release(RuntimeOrigin::signed(CONSUMER), id),
			Error::<Test>::UnknownAllocation
		);
	});
}

#[test]
fn expiry_settles_every_allocation_of_the_block() {
	build_and_execute(|| {
		let asset = public_asset();
		let other = register(CONSUMER2);
		let a = allocate(CONSUMER, asset, 10, 4);
		let b = allocate(STRANGER, asset, 20, 4);
		let c = allocate(CONSUMER2, other, 50, 4);
		let d = allocate(CONSUMER, asset, 10, 6);
		assert_eq!(Expiries::<Test>::get(5).into_inner(), vec![a, b, c]);
		run_to_block(5);
		for (id, paid) in [(a, 40), (b, 80), (c, 200)] {
			System::assert_has_event(event(Event::Expired {
				allocation: id,
				paid,
				refunded: 0,
				unserved: 0,
			}));
		}
		assert_eq!(free(CONSUMER2), ENDOWMENT);
		assert_eq!(free(CONSUMER), ENDOWMENT - 40 - 60);
		assert_eq!(held(CONSUMER), 60);
		assert_eq!(AssetRegistry::allocations_of(&asset).len(), 1);
		assert_eq!(record(&asset).allocated_share, Percent::from_percent(10));
		assert_eq!(record(&other).state, AssetState::Available);
		assert!(Allocations::<Test>::contains_key(d));
	});
}

#[test]
fn expiry_keeps_maintenance_and_failed_states() {
	build_and_execute(|| {
		let asset = public_asset();
		let other = public_asset();
		allocate(CONSUMER, asset, 10, 3);
		allocate(CONSUMER, other, 10, 3);
		assert_ok!(AssetRegistry::set_maintenance(RuntimeOrigin::signed(PROVIDER), asset, true));
		assert_ok!(AssetRegistry::mark_failed(&other));
		run_to_block(4);
		assert_eq!(record(&asset).state, AssetState::Maintenance);
		assert_eq!(record(&other).state, AssetState::Failed);
		assert_eq!(record(&asset).active_allocations, 0);
	});
}

#[test]
fn on_initialize_weight_grows_with_the_expiries() {
	build_and_execute(|| {
		let asset = public_asset();
		allocate(CONSUMER, asset, 10, 2);
		allocate(CONSUMER, asset, 10, 2);
		System::set_block_number(3);
		let weight = AssetRegistry::on_initialize(3);
		assert_eq!(weight, <() as WeightInfo>::on_initialize_expiries(2));
		assert_eq!(AssetRegistry::on_initialize(4), <() as WeightInfo>::on_initialize_expiries(0));
	});
}

#[test]
fn a_consumer_pays_nothing_for_the_blocks_its_asset_was_failed() {
	build_and_execute(|| {
		let asset = public_asset();
		// 50 % of 100 per block for 10 blocks: 500, from block 1 to 11.
		let id = allocate(CONSUMER, asset, 50, 10);
		run_to_block(4);
		assert_ok!(AssetRegistry::mark_failed(&asset));
		run_to_block(7);
		assert_ok!(AssetRegistry::mark_proven(&asset));
		run_to_block(11);
		// Blocks 5 to 7 were Failed: 7 of 10 blocks are paid.
		System::assert_has_event(event(Event::Expired {
			allocation: id,
			paid: 350,
			refunded: 150,
			unserved: 3,
		}));
		assert_eq!(free(PROVIDER), ENDOWMENT + 350);
		assert_eq!(free(CONSUMER), ENDOWMENT - 350);
		assert_eq!(record(&asset).unserved_blocks, 3);
	});
}

#[test]
fn a_consumer_pays_nothing_for_the_blocks_its_asset_went_unproven() {
	build_and_execute(|| {
		// Registered at block 1, so live up to block 1 + LIVENESS_WINDOW.
		let asset = public_asset();
		let live_until = 1 + LIVENESS_WINDOW;
		run_to_block(live_until - 10);
		// 50 % of 100 for 20 blocks: 1,000.
		let id = allocate(CONSUMER, asset, 50, 20);
		// Unproven for 4 blocks, then a heartbeat whose audit is answered.
		run_to_block(live_until + 4);
		assert_ok!(AssetRegistry::heartbeat(RuntimeOrigin::signed(PROVIDER), asset, bundle()));
		assert_ok!(AssetRegistry::mark_proven(&asset));
		run_to_block(live_until + 6);
		assert_ok!(AssetRegistry::release(RuntimeOrigin::signed(CONSUMER), id));
		// 16 blocks elapsed, 4 of them unproven: 12 paid of 20.
		System::assert_last_event(event(Event::Released {
			allocation: id,
			paid: 600,
			refunded: 400,
			unserved: 4,
		}));
	});
}

#[test]
fn an_allocation_started_after_a_failure_is_not_refunded_for_it() {
	build_and_execute(|| {
		let asset = public_asset();
		assert_ok!(AssetRegistry::mark_failed(&asset));
		run_to_block(5);
		assert_ok!(AssetRegistry::mark_proven(&asset));
		let id = allocate(CONSUMER, asset, 10, 5);
		assert_eq!(Allocations::<Test>::get(id).unwrap().unserved_at_start, 4);
		run_to_block(10);
		System::assert_has_event(event(Event::Expired {
			allocation: id,
			paid: 50,
			refunded: 0,
			unserved: 0,
		}));
	});
}

#[test]
fn the_v2_migration_retires_assets_of_the_old_plot_kind() {
	use crate::migrations::v2::MigrateToV2;
	use codec::Encode;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	build_and_execute(|| {
		let asset = public_asset();
		let address = record(&asset).address;
		// 50 % of 100 per block for 10 blocks: 500, from block 1 to 11.
		let id = allocate(CONSUMER, asset, 50, 10);
		run_to_block(5);
		// As before version 2: no deposit, and a retired record whose state (index 5)
		// no longer exists.
		let old = AssetId([0x0d; 32]);
		let mut bytes = record(&asset).encode();
		bytes[8 + cpu(8).encoded_size()] = 5;
		frame_support::storage::unhashed::put_raw(&Assets::<Test>::hashed_key_for(old), &bytes);

		StorageVersion::new(1).put::<AssetRegistry>();
		MigrateToV2::<Test>::on_runtime_upgrade();
		assert_eq!(AssetRegistry::on_chain_storage_version(), StorageVersion::new(2));
		assert_eq!(Assets::<Test>::iter_keys().count(), 0);
		assert_eq!(AddressIndex::<Test>::get(address), None);
		assert!(AssetRegistry::assets_by_owner(&PROVIDER).is_empty());
		assert_eq!(MockAccess::stored(&asset), None);
		// The allocation is settled at the upgrade: 4 of its 10 blocks are paid.
		assert!(Allocations::<Test>::get(id).is_none());
		assert_eq!(free(CONSUMER), ENDOWMENT - 200);
		System::assert_has_event(event(Event::AssetRetired { asset }));
	});
}

#[test]
fn a_challenged_asset_keeps_its_spec() {
	build_and_execute(|| {
		let asset = register(PROVIDER);
		run_to_block(1 + LIVENESS_WINDOW / 2);
		MockChallenges::set_open(&asset, 1);
		assert_noop!(
			AssetRegistry::update_spec(RuntimeOrigin::signed(PROVIDER), asset, cpu(64), bundle()),
			Error::<Test>::AssetChallenged
		);
		MockChallenges::set_open(&asset, 0);
		assert_ok!(AssetRegistry::update_spec(
			RuntimeOrigin::signed(PROVIDER),
			asset,
			cpu(64),
			bundle()
		));
	});
}

#[test]
fn the_v1_migration_starts_counting_service_at_the_upgrade() {
	use crate::migrations::v1::{AllocationV0, AssetRecordV0, MigrateToV1};
	use codec::Encode;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	new_test_ext().execute_with(|| {
		let asset = AssetId([5; 32]);
		let old = AssetRecordV0::<AccountId, BlockNumber> {
			owner: PROVIDER,
			spec: CapacitySpec::Memory { bytes: 1 << 30 },
			state: AssetState::Allocated,
			address: GlobalAddress::default(),
			commitment: H256::repeat_byte(1),
			plot_sectors: 8,
			profile: ProfileKind::Testing,
			registered_at: 1,
			last_heartbeat: 1,
			active_allocations: 1,
			allocated_share: Percent::from_percent(10),
		};
		frame_support::storage::unhashed::put_raw(
			&Assets::<Test>::hashed_key_for(asset),
			&old.encode(),
		);
		let allocation = AllocationV0::<AccountId, Balance, BlockNumber> {
			consumer: CONSUMER,
			asset,
			share: Percent::from_percent(10),
			start: 1,
			expires_at: 20,
			price: 190,
		};
		frame_support::storage::unhashed::put_raw(
			&Allocations::<Test>::hashed_key_for(7),
			&allocation.encode(),
		);
		StorageVersion::new(0).put::<AssetRegistry>();
		System::set_block_number(9);
		MigrateToV1::<Test>::on_runtime_upgrade();

		assert_eq!(AssetRegistry::on_chain_storage_version(), StorageVersion::new(1));
		let record = record(&asset);
		assert_eq!(
			(record.owner, record.plot_sectors, record.active_allocations),
			(PROVIDER, 8, 1)
		);
		assert_eq!((record.unserved_blocks, record.service_counted_to), (0, 9));
		let allocation = Allocations::<Test>::get(7).unwrap();
		assert_eq!((allocation.price, allocation.expires_at), (190, 20));
		assert_eq!(allocation.unserved_at_start, 0);
	});
}

// ---------------------------------------------------------------- heartbeat

#[test]
fn heartbeat_works() {
	build_and_execute(|| {
		let asset = register(PROVIDER);
		// Proven at block 1: the next heartbeat is due half a liveness window later.
		let due = 1 + LIVENESS_WINDOW / 2;
		run_to_block(due - 1);
		assert_noop!(
			AssetRegistry::heartbeat(RuntimeOrigin::signed(PROVIDER), asset, bundle()),
			Error::<Test>::AuditTooSoon
		);
		run_to_block(due);
		assert_ok!(AssetRegistry::heartbeat(RuntimeOrigin::signed(PROVIDER), asset, bundle()));
		// The heartbeat asks for an audit; the liveness waits for its answer.
		assert_eq!(record(&asset).last_heartbeat, 1);
		System::assert_last_event(event(Event::HeartbeatRecorded { asset }));
		let context = MockProofs::last_context().unwrap();
		assert_eq!(context.operation, Operation::Heartbeat);
		assert_eq!((context.who, context.owner), (PROVIDER, PROVIDER));
	});
}

#[test]
fn a_heartbeat_does_not_clear_a_lost_challenge_its_audit_answer_does() {
	build_and_execute(|| {
		let asset = public_asset();
		assert_ok!(AssetRegistry::mark_failed(&asset));
		run_to_block(3);
		assert_ok!(AssetRegistry::heartbeat(RuntimeOrigin::signed(PROVIDER), asset, bundle()));
		assert_eq!(record(&asset).state, AssetState::Failed);
		assert_eq!(record(&asset).last_heartbeat, 1);
		assert_ok!(AssetRegistry::mark_proven(&asset));
		assert_eq!(record(&asset).state, AssetState::Available);
		assert_eq!(record(&asset).last_heartbeat, 3);
	});
}

#[test]
fn a_recovered_asset_returns_to_the_state_its_allocations_give() {
	build_and_execute(|| {
		let asset = public_asset();
		assert_ok!(AssetRegistry::mark_failed(&asset));
		run_to_block(4);
		assert_ok!(AssetRegistry::mark_proven(&asset));
		assert_eq!(record(&asset).state, AssetState::Available);
		assert_eq!(record(&asset).last_heartbeat, 4);
		System::assert_last_event(event(Event::AssetProven {
			asset,
			state: AssetState::Available,
		}));
		allocate(CONSUMER, asset, 10, 5);
		assert_ok!(AssetRegistry::mark_failed(&asset));
		assert_ok!(AssetRegistry::mark_proven(&asset));
		assert_eq!(record(&asset).state, AssetState::Allocated);
		// An asset in Maintenance stays there; only its liveness starts again.
		assert_ok!(AssetRegistry::set_maintenance(RuntimeOrigin::signed(PROVIDER), asset, true));
		run_to_block(6);
		assert_ok!(AssetRegistry::mark_proven(&asset));
		assert_eq!(record(&asset).state, AssetState::Maintenance);
		assert_eq!(record(&asset).last_heartbeat, 6);
	});
}

#[test]
fn heartbeat_errors() {
	build_and_execute(|| {
		let asset = register(PROVIDER);
		assert_noop!(
			AssetRegistry::heartbeat(RuntimeOrigin::signed(PROVIDER), AssetId([9; 32]), bundle()),
			Error::<Test>::UnknownAsset
		);
		assert_noop!(
			AssetRegistry::heartbeat(RuntimeOrigin::signed(STRANGER), asset, bundle()),
			Error::<Test>::NotAssetOwner
		);
		run_to_block(1 + LIVENESS_WINDOW / 2);
		assert_noop!(
			AssetRegistry::heartbeat(RuntimeOrigin::signed(PROVIDER), asset, bad_bundle()),
			DispatchError::Other("MockProofRejected")
		);
		assert_ok!(AssetRegistry::retire(RuntimeOrigin::signed(PROVIDER), asset));
		assert_noop!(
			AssetRegistry::heartbeat(RuntimeOrigin::signed(PROVIDER), asset, bundle()),
			Error::<Test>::UnknownAsset
		);
	});
}

// ---------------------------------------------------------------- set_in_use

#[test]
fn set_in_use_works() {
	build_and_execute(|| {
		let asset = public_asset();
		allocate(CONSUMER, asset, 10, 5);
		assert_ok!(AssetRegistry::set_in_use(RuntimeOrigin::signed(PROVIDER), asset, true));
		assert_eq!(record(&asset).state, AssetState::InUse);
		System::assert_last_event(event(Event::UsageReported { asset, in_use: true }));
		// InUse still accepts allocations.
		allocate(CONSUMER2, asset, 10, 5);
		assert_eq!(record(&asset).state, AssetState::InUse);
		assert_ok!(AssetRegistry::set_in_use(RuntimeOrigin::signed(PROVIDER), asset, false));
		assert_eq!(record(&asset).state, AssetState::Allocated);
		System::assert_last_event(event(Event::UsageReported { asset, in_use: false }));
	});
}

#[test]
fn set_in_use_errors() {
	build_and_execute(|| {
		let asset = public_asset();
		assert_noop!(
			AssetRegistry::set_in_use(RuntimeOrigin::signed(PROVIDER), AssetId([9; 32]), true),
			Error::<Test>::UnknownAsset
		);
		assert_noop!(
			AssetRegistry::set_in_use(RuntimeOrigin::signed(STRANGER), asset, true),
			Error::<Test>::NotAssetOwner
		);
		assert_noop!(
			AssetRegistry::set_in_use(RuntimeOrigin::signed(PROVIDER), asset, true),
			Error::<Test>::NotAllocated
		);
		allocate(CONSUMER, asset, 10, 5);
		assert_ok!(AssetRegistry::set_maintenance(RuntimeOrigin::signed(PROVIDER), asset, true));
		assert_noop!(
			AssetRegistry::set_in_use(RuntimeOrigin::signed(PROVIDER), asset, true),
			Error::<Test>::InvalidState
		);
	});
}

// ---------------------------------------------------------------- AssetInspect

#[test]
fn asset_inspect_works() {
	build_and_execute(|| {
		let asset = register(PROVIDER);
		let r = record(&asset);
		assert_eq!(<AssetRegistry as AssetInspect<_, _>>::asset(&asset), Some(r.clone()));
		assert_eq!(AssetRegistry::asset_by_address(&r.address), Some(asset));
		assert_eq!(<AssetRegistry as AssetInspect<_, _>>::asset(&AssetId([9; 32])), None);
		assert_eq!(AssetRegistry::asset_by_address(&GlobalAddress([0xfd; 16])), None);
		assert_ok!(AssetRegistry::mark_failed(&asset));
		assert_eq!(record(&asset).state, AssetState::Failed);
		System::assert_last_event(event(Event::AssetFailed { asset }));
		assert_noop!(AssetRegistry::mark_failed(&AssetId([9; 32])), Error::<Test>::UnknownAsset);
		let retired = register(PROVIDER);
		assert_ok!(AssetRegistry::retire(RuntimeOrigin::signed(PROVIDER), retired));
		assert_noop!(AssetRegistry::mark_failed(&retired), Error::<Test>::UnknownAsset);
	});
}

// ---------------------------------------------------------------- accounting

#[test]
fn shares_and_counts_follow_allocations() {
	build_and_execute(|| {
		let asset = public_asset();
		MockAccess::update(&asset, |p| {
			p.max_share = Percent::from_percent(90);
			p.max_concurrent = 5;
		});
		let a = allocate(CONSUMER, asset, 40, 10);
		let b = allocate(CONSUMER2, asset, 30, 20);
		let c = allocate(STRANGER, asset, 20, 30);
		assert_eq!(record(&asset).allocated_share, Percent::from_percent(90));
		assert_eq!(record(&asset).active_allocations, 3);
		assert_noop!(
			AssetRegistry::allocate(
				RuntimeOrigin::signed(CONSUMER),
				asset,
				Percent::from_percent(1),
				5,
				u64::MAX
			),
			Error::<Test>::CapacityExceeded
		);
		assert_ok!(AssetRegistry::release(RuntimeOrigin::signed(CONSUMER2), b));
		assert_eq!(record(&asset).allocated_share, Percent::from_percent(60));
		run_to_block(11);
		assert!(!Allocations::<Test>::contains_key(a));
		assert_eq!(record(&asset).allocated_share, Percent::from_percent(20));
		assert_eq!(
			AssetRegistry::allocations_of(&asset).into_iter().map(|(id, _)| id).collect::<Vec<_>>(),
			vec![c]
		);
		AssetRegistry::do_try_state().unwrap();
	});
}

#[test]
fn try_state_detects_broken_accounting() {
	build_and_execute(|| {
		let asset = public_asset();
		let id = allocate(CONSUMER, asset, 10, 5);
		AssetRegistry::do_try_state().unwrap();
		Assets::<Test>::mutate(asset, |r| r.as_mut().unwrap().allocated_share = Percent::one());
		assert!(AssetRegistry::do_try_state().is_err());
		Assets::<Test>::mutate(asset, |r| {
			r.as_mut().unwrap().allocated_share = Percent::from_percent(10)
		});
		Expiries::<Test>::remove(6);
		assert!(AssetRegistry::do_try_state().is_err());
		Expiries::<Test>::insert(6, BoundedVec::truncate_from(vec![id]));
		OwnerAssets::<Test>::remove(PROVIDER);
		assert!(AssetRegistry::do_try_state().is_err());
		OwnerAssets::<Test>::insert(PROVIDER, BoundedVec::truncate_from(vec![asset]));
		AssetRegistry::do_try_state().unwrap();
	});
}

#[test]
fn runtime_api_helpers() {
	build_and_execute(|| {
		assert!(AssetRegistry::assets_by_owner(&PROVIDER).is_empty());
		let asset = public_asset();
		assert!(AssetRegistry::allocations_of(&asset).is_empty());
		let id = allocate(CONSUMER, asset, 10, 5);
		assert_eq!(
			AssetRegistry::allocations_of(&asset),
			vec![(id, Allocations::<Test>::get(id).unwrap())]
		);
	});
}

#[test]
fn hold_reason_reaches_the_runtime() {
	assert_eq!(
		RuntimeHoldReason::from(HoldReason::AllocationPayment),
		RuntimeHoldReason::AssetRegistry(HoldReason::AllocationPayment)
	);
}

// ---------------------------------------------------------------- properties

mod properties {
	use super::*;
	use codec::DecodeLimit;
	use proptest::prelude::*;
	use sp_runtime::traits::Dispatchable;

	#[derive(Clone, Debug)]
	enum Op {
		Allocate { consumer: AccountId, asset: usize, share: u8, duration: u64 },
		Release { pick: usize, by_owner: bool },
		Advance { blocks: u64 },
		Heartbeat { asset: usize },
		Maintenance { asset: usize, enabled: bool },
		Fail { asset: usize },
		Recover { asset: usize },
		InUse { asset: usize, in_use: bool },
	}

	fn op() -> impl Strategy<Value = Op> {
		prop_oneof![
			4 => (2u64..=5, 0usize..3, 0u8..=70, 0u64..=25).prop_map(
				|(consumer, asset, share, duration)| Op::Allocate { consumer, asset, share, duration }
			),
			2 => (any::<usize>(), any::<bool>())
				.prop_map(|(pick, by_owner)| Op::Release { pick, by_owner }),
			2 => (1u64..=12).prop_map(|blocks| Op::Advance { blocks }),
			1 => (0usize..3).prop_map(|asset| Op::Heartbeat { asset }),
			1 => (0usize..3, any::<bool>())
				.prop_map(|(asset, enabled)| Op::Maintenance { asset, enabled }),
			1 => (0usize..3).prop_map(|asset| Op::Fail { asset }),
			1 => (0usize..3).prop_map(|asset| Op::Recover { asset }),
			1 => (0usize..3, any::<bool>()).prop_map(|(asset, in_use)| Op::InUse { asset, in_use }),
		]
	}

	fn apply(assets: &[AssetId], op: Op) {
		let _ = match op {
			Op::Allocate { consumer, asset, share, duration } => AssetRegistry::allocate(
				RuntimeOrigin::signed(consumer),
				assets[asset],
				Percent::from_parts(share),
				duration,
				u64::MAX,
			),
			Op::Release { pick, by_owner } => {
				let ids: Vec<u64> = Allocations::<Test>::iter_keys().collect();
				if ids.is_empty() {
					return;
				}
				let id = ids[pick % ids.len()];
				let allocation = Allocations::<Test>::get(id).unwrap();
				let who =
					if by_owner { record(&allocation.asset).owner } else { allocation.consumer };
				AssetRegistry::release(RuntimeOrigin::signed(who), id)
			}
			Op::Advance { blocks } => {
				run_to_block(System::block_number() + blocks);
				Ok(())
			}
			Op::Heartbeat { asset } => {
				AssetRegistry::heartbeat(RuntimeOrigin::signed(PROVIDER), assets[asset], bundle())
			}
			Op::Maintenance { asset, enabled } => AssetRegistry::set_maintenance(
				RuntimeOrigin::signed(PROVIDER),
				assets[asset],
				enabled,
			),
			Op::Fail { asset } => AssetRegistry::mark_failed(&assets[asset]),
			Op::Recover { asset } => AssetRegistry::mark_proven(&assets[asset]),
			Op::InUse { asset, in_use } => {
				AssetRegistry::set_in_use(RuntimeOrigin::signed(PROVIDER), assets[asset], in_use)
			}
		};
	}

	proptest! {
		#![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

		#[test]
		fn random_allocation_sequences_keep_the_invariants(ops in proptest::collection::vec(op(), 1..60)) {
			new_test_ext().execute_with(|| {
				let assets: Vec<AssetId> = (0..3).map(|_| public_asset()).collect();
				MockAccess::update(&assets[0], |p| p.max_share = Percent::from_percent(80));
				MockAccess::update(&assets[1], |p| p.max_concurrent = 5);
				MockAccess::update(&assets[2], |p| p.price_per_block = 7);
				let total_before: Balance = (1..=6).map(|who| Balances::total_balance(&who)).sum();
				for op in ops {
					apply(&assets, op);
					AssetRegistry::do_try_state().unwrap();
					for asset in &assets {
						let max = MockAccess::current(asset).max_share;
						assert!(record(asset).allocated_share <= max);
						assert!(record(asset).active_allocations <= MockAccess::current(asset).max_concurrent);
					}
				}
				// Settlement only moves funds between the parties.
				let total_after: Balance = (1..=6).map(|who| Balances::total_balance(&who)).sum();
				assert_eq!(total_before, total_after);
				run_to_block(System::block_number() + MAX_DURATION + 1);
				assert_eq!(Allocations::<Test>::iter().count(), 0);
				for who in 1..=6 {
					assert_eq!(held(who), 0);
				}
				AssetRegistry::do_try_state().unwrap();
			});
		}

		#[test]
		fn arbitrary_allocate_arguments_never_panic(
			share in any::<u8>(),
			duration in any::<u64>(),
			price_limit in any::<u64>(),
			price_per_block in any::<u64>(),
			max_share in any::<u8>(),
			min_duration in any::<u64>(),
			max_duration in any::<u64>(),
			consumer in 1u64..10,
			known in any::<bool>(),
			start in 1u64..u64::MAX,
		) {
			new_test_ext().execute_with(|| {
				System::set_block_number(start);
				let asset = public_asset();
				MockAccess::update(&asset, |p| {
					p.price_per_block = price_per_block;
					p.max_share = Percent::from_parts(max_share);
					p.min_duration = min_duration;
					p.max_duration = max_duration;
				});
				let target = if known { asset } else { AssetId([share; 32]) };
				let _ = AssetRegistry::allocate(RuntimeOrigin::signed(consumer), target, Percent::from_parts(share), duration, price_limit);
				AssetRegistry::do_try_state().unwrap();
				let ids: Vec<u64> = Allocations::<Test>::iter_keys().collect();
				for id in ids {
					let _ = AssetRegistry::release(RuntimeOrigin::signed(consumer), id);
				}
				AssetRegistry::do_try_state().unwrap();
			});
		}

		#[test]
		fn arbitrary_register_arguments_never_panic(
			class in 0u8..6,
			a in any::<u32>(),
			b in any::<u64>(),
			c in any::<u32>(),
			model in proptest::collection::vec(any::<u8>(), 0..64),
			sectors in any::<u32>(),
		) {
			let spec = match class {
				0 => CapacitySpec::Cpu { cores: a, threads: c, frequency_mhz: a, features: b },
				1 => CapacitySpec::Gpu {
					count: a,
					memory_bytes: b,
					compute_units: c,
					model: BoundedVec::truncate_from(model),
				},
				2 => CapacitySpec::Memory { bytes: b },
				3 => CapacitySpec::Storage { bytes: b, iops: a },
				4 => CapacitySpec::Network { bandwidth_bps: b },
				_ => CapacitySpec::Container { cpu_millis: a, memory_bytes: b, max_image_bytes: b },
			};
			new_test_ext().execute_with(|| {
				let result = AssetRegistry::register(
					RuntimeOrigin::signed(PROVIDER),
					spec.clone(),
					ProfileKind::Production,
					H256::repeat_byte(1),
					sectors,
					bundle(),
				);
				prop_assert_eq!(result.is_ok(), spec.validate().is_ok());
				if let Some(asset) = AssetRegistry::assets_by_owner(&PROVIDER).first() {
					let _ = AssetRegistry::update_spec(RuntimeOrigin::signed(PROVIDER), *asset, spec, bundle());
				}
				AssetRegistry::do_try_state().unwrap();
				Ok(())
			})?;
		}

		#[test]
		fn arbitrary_call_bytes_never_panic(
			index in 0u8..11,
			bytes in proptest::collection::vec(any::<u8>(), 0..400),
			who in 1u64..8,
			with_asset in any::<bool>(),
		) {
			new_test_ext().execute_with(|| {
				let asset = public_asset();
				allocate(CONSUMER, asset, 10, 5);
				let mut input = vec![index];
				if with_asset {
					// Point the call at the live asset when it takes one first.
					input.extend_from_slice(&asset.0);
				}
				input.extend_from_slice(&bytes);
				if let Ok(call) = crate::Call::<Test>::decode_with_depth_limit(32, &mut &input[..]) {
					let _ = RuntimeCall::AssetRegistry(call).dispatch(RuntimeOrigin::signed(who));
				}
				run_to_block(20);
				AssetRegistry::do_try_state().unwrap();
			});
		}
	}
}
