//! A test runtime for the privacy pallet, with a small asset registry test double.

use std::{
	cell::RefCell,
	collections::{BTreeMap, BTreeSet},
};

use frame_support::{derive_impl, parameter_types};
use hypermesh_primitives::{
	asset::GIB, traits::AssetInspect, AssetClass, AssetId, AssetRecord, AssetState, CapacitySpec,
	GlobalAddress, MeshNetworkId, ProfileKind,
};
use sp_core::H256;
use sp_runtime::{BuildStorage, DispatchError, DispatchResult, Percent};

use crate as pallet_privacy;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Privacy: pallet_privacy,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

/// The most members a network may have in tests.
pub const MAX_MEMBERS: u32 = 4;
/// The most networks an account may own in tests.
pub const MAX_NETWORKS_PER_OWNER: u32 = 3;
/// The most networks an account may trust in tests.
pub const MAX_TRUSTED_NETWORKS: u32 = 3;
/// The most accounts an owner may allow in tests.
pub const MAX_ALLOWED_ACCOUNTS: u32 = 3;
/// The highest `max_concurrent` in tests.
pub const MAX_CONCURRENT: u32 = 8;
/// The highest `max_duration` in tests.
pub const MAX_DURATION: u64 = 1_000;

parameter_types! {
	pub const MaxMembers: u32 = MAX_MEMBERS;
	pub const MaxNetworksPerOwner: u32 = MAX_NETWORKS_PER_OWNER;
	pub const MaxTrustedNetworks: u32 = MAX_TRUSTED_NETWORKS;
	pub const MaxAllowedAccounts: u32 = MAX_ALLOWED_ACCOUNTS;
	pub const MaxConcurrentAllocations: u32 = MAX_CONCURRENT;
	pub const MaxDuration: u64 = MAX_DURATION;
	/// The deposit of a record: none unless a test sets it, so that the other tests
	/// need no balances.
	pub storage RecordDeposit: u64 = 0;
}

impl pallet_privacy::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RecordDeposit = RecordDeposit;
	type Assets = TestAssets;
	type WeightInfo = ();
	type MaxMembers = MaxMembers;
	type MaxNetworksPerOwner = MaxNetworksPerOwner;
	type MaxTrustedNetworks = MaxTrustedNetworks;
	type MaxAllowedAccounts = MaxAllowedAccounts;
	type MaxConcurrentAllocations = MaxConcurrentAllocations;
	type MaxDuration = MaxDuration;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestAssets;
}

thread_local! {
	/// The test double's assets: id -> (owner, state, registered profile).
	static ASSETS: RefCell<BTreeMap<AssetId, (u64, AssetState, ProfileKind)>> = const { RefCell::new(BTreeMap::new()) };
	/// The test double's assets with an active allocation.
	static ALLOCATED: RefCell<BTreeSet<AssetId>> = const { RefCell::new(BTreeSet::new()) };
}

/// Test double for the asset registry: a map from asset id to owner and state, kept in
/// thread-local memory. It answers what the privacy pallet asks (who owns an asset) with
/// an otherwise fixed record: a 1 GiB memory asset registered at block 1.
pub struct TestAssets;

impl TestAssets {
	/// Registers a new asset owned by `owner` and returns its id. It has the default
	/// policy until its owner sets one.
	pub fn register(owner: u64) -> AssetId {
		Self::register_with_profile(owner, ProfileKind::Testing)
	}

	/// Registers a new asset owned by `owner` under `profile`.
	pub fn register_with_profile(owner: u64, profile: ProfileKind) -> AssetId {
		ASSETS.with(|assets| {
			let mut assets = assets.borrow_mut();
			let id = AssetId::derive(&owner, AssetClass::Memory, assets.len() as u64);
			assets.insert(id, (owner, AssetState::Available, profile));
			id
		})
	}

	/// Forgets every asset.
	pub fn clear() {
		ASSETS.with(|assets| assets.borrow_mut().clear());
		ALLOCATED.with(|allocated| allocated.borrow_mut().clear());
	}

	/// Gives `asset` one active allocation.
	pub fn allocate(asset: &AssetId) {
		ALLOCATED.with(|allocated| allocated.borrow_mut().insert(*asset));
	}

	fn record(
		id: &AssetId,
		owner: u64,
		state: AssetState,
		profile: ProfileKind,
	) -> AssetRecord<u64, u64> {
		AssetRecord {
			owner,
			spec: CapacitySpec::Memory { bytes: GIB },
			state,
			address: Self::address(id),
			commitment: H256::zero(),
			plot_sectors: 1,
			profile,
			registered_at: 1,
			last_heartbeat: 1,
			active_allocations: ALLOCATED.with(|allocated| allocated.borrow().contains(id).into()),
			allocated_share: Percent::zero(),
			unserved_blocks: 0,
			service_counted_to: 1,
		}
	}

	fn address(id: &AssetId) -> GlobalAddress {
		GlobalAddress::new(MeshNetworkId([0; 5]), AssetClass::Memory, id)
	}
}

impl AssetInspect<u64, u64> for TestAssets {
	fn asset(asset: &AssetId) -> Option<AssetRecord<u64, u64>> {
		ASSETS.with(|assets| {
			assets
				.borrow()
				.get(asset)
				.map(|(owner, state, profile)| Self::record(asset, *owner, *state, *profile))
		})
	}

	fn asset_by_address(address: &GlobalAddress) -> Option<AssetId> {
		ASSETS
			.with(|assets| assets.borrow().keys().find(|id| Self::address(id) == *address).copied())
	}

	fn mark_failed(asset: &AssetId) -> DispatchResult {
		ASSETS.with(|assets| match assets.borrow_mut().get_mut(asset) {
			Some((_, state, _)) => {
				*state = AssetState::Failed;
				Ok(())
			}
			None => Err(DispatchError::Other("unknown asset")),
		})
	}

	fn mark_proven(asset: &AssetId) -> DispatchResult {
		ASSETS.with(|assets| match assets.borrow_mut().get_mut(asset) {
			Some((_, state, _)) => {
				if matches!(*state, AssetState::Unproven | AssetState::Failed) {
					*state = AssetState::Available;
				}
				Ok(())
			}
			None => Err(DispatchError::Other("unknown asset")),
		})
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for TestAssets {
	fn create_asset(owner: &u64) -> AssetId {
		Self::register(*owner)
	}
}

/// Fresh externalities at block 1 (so events are recorded), with no assets.
pub fn new_test_ext() -> sp_io::TestExternalities {
	TestAssets::clear();
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` in fresh externalities, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Privacy::do_try_state().expect("invariants hold after the test");
	});
}
