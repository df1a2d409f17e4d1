//! Test runtime: system, balances and this pallet, with small test doubles for
//! the asset registry ([`MockAssets`]) and provider standing ([`MockStanding`]).

use core::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64},
};
use hypermesh_primitives::{
	traits::{AssetInspect, ProviderStanding},
	AssetClass, AssetId, AssetRecord, AssetState, CapacitySpec, GlobalAddress, MeshNetworkId,
	ProfileKind,
};
use sp_core::H256;
use sp_runtime::{BuildStorage, DispatchResult, Percent};

use crate as pallet_mesh_proxy;

type Block = frame_system::mocking::MockBlock<Test>;
/// Account ids of the test runtime.
pub type AccountId = u64;
/// Block numbers of the test runtime.
pub type BlockNumber = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Proxy: pallet_mesh_proxy,
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
	type RuntimeHoldReason = RuntimeHoldReason;
}

/// The minimum proxy bond of the test runtime.
pub const MIN_BOND: u64 = 100;
/// The most proxies of the test runtime.
pub const MAX_PROXIES: u32 = 6;
/// The heartbeat period of the test runtime.
pub const HEARTBEAT_PERIOD: BlockNumber = 10;
/// The balance every endowed account starts with.
pub const ENDOWMENT: u64 = 10_000;
/// Accounts endowed at genesis: 1 to 20.
pub const ENDOWED: core::ops::RangeInclusive<AccountId> = 1..=20;

/// The deposit of a provider endpoint in the test runtime.
pub const ENDPOINT_DEPOSIT: u64 = 5;

parameter_types! {
	pub const MinProxyBond: u64 = MIN_BOND;
	pub const EndpointDeposit: u64 = ENDPOINT_DEPOSIT;
}

impl pallet_mesh_proxy::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Assets = MockAssets;
	type Standing = MockStanding;
	type WeightInfo = ();
	type MinProxyBond = MinProxyBond;
	type EndpointDeposit = EndpointDeposit;
	type MaxProxies = ConstU32<MAX_PROXIES>;
	type HeartbeatPeriod = ConstU64<HEARTBEAT_PERIOD>;
}

thread_local! {
	static ASSETS: RefCell<BTreeMap<AssetId, AssetRecord<AccountId, BlockNumber>>> =
		const { RefCell::new(BTreeMap::new()) };
	static FAILED_CHALLENGES: RefCell<BTreeMap<AccountId, u32>> =
		const { RefCell::new(BTreeMap::new()) };
	static BANNED: RefCell<BTreeSet<AccountId>> = const { RefCell::new(BTreeSet::new()) };
}

/// Test double of the asset registry: an in-memory map of asset records,
/// filled by [`add_asset`]. Addresses are found by scanning the records.
pub struct MockAssets;

impl AssetInspect<AccountId, BlockNumber> for MockAssets {
	fn asset(asset: &AssetId) -> Option<AssetRecord<AccountId, BlockNumber>> {
		ASSETS.with(|assets| assets.borrow().get(asset).cloned())
	}

	fn asset_by_address(address: &GlobalAddress) -> Option<AssetId> {
		ASSETS.with(|assets| {
			assets.borrow().iter().find(|(_, record)| &record.address == address).map(|(id, _)| *id)
		})
	}

	fn mark_failed(asset: &AssetId) -> DispatchResult {
		ASSETS.with(|assets| {
			if let Some(record) = assets.borrow_mut().get_mut(asset) {
				record.state = AssetState::Failed;
			}
		});
		Ok(())
	}

	fn mark_proven(asset: &AssetId) -> DispatchResult {
		ASSETS.with(|assets| {
			if let Some(record) = assets.borrow_mut().get_mut(asset) {
				if matches!(record.state, AssetState::Unproven | AssetState::Failed) {
					record.state = AssetState::Available;
				}
			}
		});
		Ok(())
	}
}

/// Registers a memory asset of `owner` with the test double and returns its id
/// and global address.
pub fn add_asset(owner: AccountId, nonce: u64) -> (AssetId, GlobalAddress) {
	let id = AssetId::derive(&owner, AssetClass::Memory, nonce);
	let address = GlobalAddress::new(MeshNetworkId([1; 5]), AssetClass::Memory, &id);
	let record = AssetRecord {
		owner,
		spec: CapacitySpec::Memory { bytes: 1 << 30 },
		state: AssetState::Available,
		address,
		commitment: H256::zero(),
		plot_sectors: 1,
		profile: ProfileKind::Testing,
		registered_at: 0,
		last_heartbeat: 0,
		active_allocations: 0,
		allocated_share: Percent::zero(),
		unserved_blocks: 0,
		service_counted_to: 0,
	};
	ASSETS.with(|assets| assets.borrow_mut().insert(id, record));
	(id, address)
}

/// Test double of provider standing: lost challenges and bans set by
/// [`set_failed_challenges`] and [`ban`].
pub struct MockStanding;

impl ProviderStanding<AccountId> for MockStanding {
	fn failed_challenges(who: &AccountId) -> u32 {
		FAILED_CHALLENGES.with(|failed| failed.borrow().get(who).copied().unwrap_or(0))
	}

	fn is_banned(who: &AccountId) -> bool {
		BANNED.with(|banned| banned.borrow().contains(who))
	}
}

/// Records that `who` lost `count` challenges.
pub fn set_failed_challenges(who: AccountId, count: u32) {
	FAILED_CHALLENGES.with(|failed| failed.borrow_mut().insert(who, count));
}

/// Bans `who`.
pub fn ban(who: AccountId) {
	BANNED.with(|banned| banned.borrow_mut().insert(who));
}

fn reset_doubles() {
	ASSETS.with(|assets| assets.borrow_mut().clear());
	FAILED_CHALLENGES.with(|failed| failed.borrow_mut().clear());
	BANNED.with(|banned| banned.borrow_mut().clear());
}

/// Genesis storage: accounts 1 to 20 endowed with [`ENDOWMENT`], block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	reset_doubles();
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: ENDOWED.map(|who| (who, ENDOWMENT)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` on fresh genesis storage, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Proxy::do_try_state().expect("invariants hold after the test");
	});
}
