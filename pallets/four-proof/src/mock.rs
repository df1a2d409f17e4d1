//! A test runtime: System, Balances, Timestamp and this pallet, with small test
//! doubles for the asset registry ([`MockAssets`]) and the privacy pallet
//! ([`MockPolicies`]).

use codec::Encode;
use frame_support::{
	derive_impl, parameter_types,
	storage::unhashed,
	traits::{ConstU32, ConstU64, Hooks},
};
use hypermesh_primitives::{
	address::MeshNetworkId,
	prover::Plot,
	space::plot_seed,
	traits::{AccessPolicy, AssetInspect, ProofContext},
	AssetClass, AssetId, AssetRecord, AssetState, CapacitySpec, GlobalAddress, Operation,
	PrivacyLevel, PrivacyPolicy, ProfileKind, ProofBundle, RequirementProfile, UnitBonds,
};
use sp_core::H256;
use sp_runtime::{BuildStorage, DispatchError, DispatchResult, Perbill, Percent, TokenError};

use crate as pallet_four_proof;

type Block = frame_system::mocking::MockBlock<Test>;
/// The mock's balance type.
pub type Balance = u128;
/// The mock's account id type.
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		FourProof: pallet_four_proof,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

impl pallet_timestamp::Config for Test {
	type Moment = u64;
	type OnTimestampSet = ();
	type MinimumPeriod = ConstU64<1>;
	type WeightInfo = ();
}

/// Blocks unbonded funds stay held and slashable.
pub const UNBONDING_DELAY: u64 = 20;

/// Milliseconds between blocks of the mock chain.
pub const BLOCK_MS: u64 = 6_000;

parameter_types! {
	pub const TestingProfile: RequirementProfile<Balance> = RequirementProfile {
		unit_bonds: UnitBonds::uniform(100),
		time_offset_ms: 30_000,
		min_plot_sectors: 8,
		space_samples: 2,
		work_base_bits: 2,
	};
	pub const DefaultProfile: RequirementProfile<Balance> = RequirementProfile {
		unit_bonds: UnitBonds::uniform(1_000),
		time_offset_ms: 10_000,
		min_plot_sectors: 16,
		space_samples: 4,
		work_base_bits: 4,
	};
	pub const ProductionProfile: RequirementProfile<Balance> = RequirementProfile {
		unit_bonds: UnitBonds::uniform(10_000),
		time_offset_ms: 5_000,
		min_plot_sectors: 32,
		space_samples: 8,
		work_base_bits: 6,
	};
	pub const SlashFraction: Perbill = Perbill::from_percent(10);
	pub const ChallengerShare: Perbill = Perbill::from_percent(50);
	pub const UnfoundedChallengeBurn: Perbill = Perbill::from_percent(10);
}

impl pallet_four_proof::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = Timestamp;
	type Randomness = MockRandomness;
	type Assets = MockAssets;
	type Policies = MockPolicies;
	type WeightInfo = ();
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId>;
	type AnchorWindow = ConstU64<5>;
	type ChallengeDeposit = ChallengeDeposit;
	type ResponseWindow = ConstU64<10>;
	type UnbondingDelay = ConstU64<UNBONDING_DELAY>;
	type SlashFraction = SlashFraction;
	type ChallengerShare = ChallengerShare;
	type UnfoundedChallengeBurn = UnfoundedChallengeBurn;
	type MaxFailures = ConstU32<3>;
	type MaxOpenChallenges = ConstU32<3>;
	type MaxDeadlinesPerBlock = ConstU32<5>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockAssets;
}

parameter_types! {
	pub const ChallengeDeposit: Balance = 50;
}

thread_local! {
	/// How many blocks earlier than the truth [`MockRandomness`] says its randomness
	/// was known; 0 but in the test of a lagging source.
	pub static RANDOMNESS_LAG: core::cell::Cell<u64> = const { core::cell::Cell::new(0) };
}

/// The runtime's source ([`pallet_four_proof::ParentBlockHash`]), optionally
/// claiming to be older than it is ([`RANDOMNESS_LAG`]).
pub struct MockRandomness;

impl frame_support::traits::Randomness<H256, u64> for MockRandomness {
	fn random(subject: &[u8]) -> (H256, u64) {
		let (output, known_since) =
			<pallet_four_proof::ParentBlockHash<Test> as frame_support::traits::Randomness<
				H256,
				u64,
			>>::random(subject);
		(output, known_since.saturating_sub(RANDOMNESS_LAG.with(|lag| lag.get())))
	}
}

/// Test double of the asset registry. Records live in unhashed storage of the
/// test externalities, so every test starts empty. `mark_failed` sets the state
/// to Failed, and refuses unknown assets ([`TokenError::UnknownAsset`]) and those a
/// test made it refuse ([`MockAssets::refuse_marks`], [`DispatchError::Unavailable`]);
/// errors that survive SCALE encoding, so events can carry them.
pub struct MockAssets;

impl MockAssets {
	fn key(asset: &AssetId) -> alloc::vec::Vec<u8> {
		[&b"mock/asset/"[..], &asset.0[..]].concat()
	}

	/// Stores `record` as asset `asset`.
	pub fn insert(asset: &AssetId, record: &AssetRecord<AccountId, u64>) {
		unhashed::put(&Self::key(asset), record);
	}

	fn refusal_key(asset: &AssetId) -> alloc::vec::Vec<u8> {
		[&b"mock/refuse/"[..], &asset.0[..]].concat()
	}

	/// Makes `mark_failed` refuse `asset`, as a registry might.
	pub fn refuse_marks(asset: &AssetId) {
		unhashed::put(&Self::refusal_key(asset), &());
	}

	/// Removes asset `asset`.
	pub fn remove(asset: &AssetId) {
		unhashed::kill(&Self::key(asset));
	}

	/// Changes the state of asset `asset`.
	pub fn set_state(asset: &AssetId, state: AssetState) {
		if let Some(mut record) = Self::asset(asset) {
			record.state = state;
			Self::insert(asset, &record);
		}
	}

	/// A record of a CPU asset of `units` threads owned by `owner`, with a plot of
	/// `plot_sectors` sectors committed to by `commitment`, at `profile`, with a
	/// heartbeat now.
	pub fn record(
		owner: AccountId,
		asset: &AssetId,
		commitment: H256,
		plot_sectors: u32,
		profile: ProfileKind,
		units: u32,
	) -> AssetRecord<AccountId, u64> {
		let now = System::block_number();
		AssetRecord {
			owner,
			spec: CapacitySpec::Cpu {
				cores: units,
				threads: units,
				frequency_mhz: 1_000,
				features: 0,
			},
			state: AssetState::Available,
			address: GlobalAddress::new(MeshNetworkId([0xfd; 5]), AssetClass::Cpu, asset),
			commitment,
			plot_sectors,
			profile,
			registered_at: now,
			last_heartbeat: now,
			active_allocations: 0,
			allocated_share: Percent::zero(),
			unserved_blocks: 0,
			service_counted_to: now,
		}
	}
}

impl AssetInspect<AccountId, u64> for MockAssets {
	fn asset(asset: &AssetId) -> Option<AssetRecord<AccountId, u64>> {
		unhashed::get(&Self::key(asset))
	}

	/// Not used by this pallet: always `None`.
	fn asset_by_address(_address: &GlobalAddress) -> Option<AssetId> {
		None
	}

	fn mark_failed(asset: &AssetId) -> DispatchResult {
		let mut record = Self::asset(asset).ok_or(TokenError::UnknownAsset)?;
		if unhashed::exists(&Self::refusal_key(asset)) {
			return Err(DispatchError::Unavailable);
		}
		record.state = AssetState::Failed;
		Self::insert(asset, &record);
		Ok(())
	}

	fn mark_proven(asset: &AssetId) -> DispatchResult {
		let mut record = Self::asset(asset).ok_or(TokenError::UnknownAsset)?;
		if matches!(record.state, AssetState::Unproven | AssetState::Failed) {
			record.state = AssetState::Available;
		}
		record.last_heartbeat = System::block_number();
		Self::insert(asset, &record);
		Ok(())
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockAssets {
	fn next_asset_id(owner: &AccountId) -> AssetId {
		let count: u64 = unhashed::get_or_default(b"mock/asset-count");
		AssetId::derive(owner, AssetClass::Cpu, count)
	}

	fn create_asset(
		owner: &AccountId,
		commitment: H256,
		plot_sectors: u32,
		profile: ProfileKind,
	) -> AssetId {
		let asset = Self::next_asset_id(owner);
		let count: u64 = unhashed::get_or_default(b"mock/asset-count");
		unhashed::put(b"mock/asset-count", &count.saturating_add(1));
		let units = hypermesh_primitives::proof::MAX_WORK_SOLUTIONS;
		Self::insert(
			&asset,
			&Self::record(*owner, &asset, commitment, plot_sectors, profile, units),
		);
		asset
	}

	fn set_plot(asset: &AssetId, commitment: H256, plot_sectors: u32) {
		if let Some(mut record) = Self::asset(asset) {
			record.commitment = commitment;
			record.plot_sectors = plot_sectors;
			Self::insert(asset, &record);
		}
	}
}

/// Test double of the privacy pallet: policies in unhashed storage; access is
/// always granted (this pallet never asks).
pub struct MockPolicies;

impl MockPolicies {
	fn key(asset: &AssetId) -> alloc::vec::Vec<u8> {
		[&b"mock/policy/"[..], &asset.0[..]].concat()
	}

	/// A FullPublic policy at `profile`.
	pub fn policy_with(profile: ProfileKind) -> PrivacyPolicy<Balance, u64> {
		PrivacyPolicy {
			level: PrivacyLevel::FullPublic,
			max_share: Percent::from_percent(100),
			max_concurrent: 4,
			min_duration: 1,
			max_duration: 1_000,
			price_per_block: 1,
			profile,
		}
	}
}

impl MockPolicies {
	/// Sets `asset`'s policy: FullPublic at `profile`.
	pub fn set(asset: &AssetId, profile: ProfileKind) {
		unhashed::put(&Self::key(asset), &Self::policy_with(profile));
	}
}

impl AccessPolicy<AccountId, Balance, u64> for MockPolicies {
	fn policy(asset: &AssetId, registered: ProfileKind) -> PrivacyPolicy<Balance, u64> {
		unhashed::get(&Self::key(asset)).unwrap_or_else(|| Self::policy_with(registered))
	}

	fn remove_policy(asset: &AssetId) {
		unhashed::kill(&Self::key(asset));
	}

	fn ensure_access(
		_asset: &AssetId,
		_owner: &AccountId,
		_consumer: &AccountId,
	) -> DispatchResult {
		Ok(())
	}
}

/// A provider.
pub const ALICE: AccountId = 1;
/// A challenger (also bonded).
pub const BOB: AccountId = 2;
/// A consumer.
pub const CHARLIE: AccountId = 3;
/// An account with almost nothing.
pub const DAVE: AccountId = 4;
/// A second provider.
pub const EVE: AccountId = 5;
/// Free balance every funded account starts with.
pub const FUNDS: Balance = 1_000_000;
/// The block tests start in.
pub const START: u64 = 3;

/// The hash the mock chain gives block `n`.
pub fn hash_of_block(n: u64) -> H256 {
	H256(sp_io::hashing::blake2_256(&(b"mock-block", n).encode()))
}

/// Moves the chain to block `n`, as the executive would: parent hash recorded,
/// clock advanced by [`BLOCK_MS`] per block, `on_initialize` run.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		let parent = hash_of_block(next - 1);
		frame_system::BlockHash::<Test>::insert(next - 1, parent);
		System::set_block_number(next);
		System::set_parent_hash(parent);
		pallet_timestamp::Now::<Test>::put(next * BLOCK_MS);
		FourProof::on_initialize(next);
	}
}

/// A fresh chain with ALICE, BOB, CHARLIE, EVE holding [`FUNDS`] and DAVE 10.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, FUNDS), (BOB, FUNDS), (CHARLIE, FUNDS), (DAVE, 10), (EVE, FUNDS)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_four_proof::GenesisConfig::<Test> {
		profiles: vec![
			(ProfileKind::Testing, TestingProfile::get()),
			(ProfileKind::Default, DefaultProfile::get()),
			(ProfileKind::Production, ProductionProfile::get()),
		],
		minimum_profile: Some(ProfileKind::Testing),
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| run_to_block(START));
	ext
}

/// Runs `test` on a fresh chain at block [`START`], then checks the pallet's
/// invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		FourProof::do_try_state().expect("invariants hold");
	});
}

/// Creates asset number `n` of `owner`: a CPU of `units` threads at `profile`,
/// with a plot of the profile's fewest sectors; returns it and its plot.
pub fn new_asset(owner: AccountId, n: u64, profile: ProfileKind, units: u32) -> (AssetId, Plot) {
	let asset = AssetId::derive(&owner, AssetClass::Cpu, n);
	let sectors = FourProof::defined_profile(profile).min_plot_sectors;
	let plot = Plot::build(plot_seed(&asset), sectors).expect("mock profiles ask powers of two");
	let record =
		MockAssets::record(owner, &asset, plot.commitment(), plot.sectors(), profile, units);
	MockAssets::insert(&asset, &record);
	(asset, plot)
}

/// The proof context of `who` doing `operation` on `asset`, as the registry
/// would build it from the asset's record.
pub fn context(operation: Operation, who: AccountId, asset: &AssetId) -> ProofContext<AccountId> {
	let record = MockAssets::asset(asset).expect("asset exists");
	ProofContext {
		operation,
		who,
		asset: *asset,
		owner: record.owner,
		commitment: record.commitment,
		plot_sectors: record.plot_sectors,
		class: record.spec.class(),
		capacity_units: record.spec.capacity_units(),
		profile: record.profile,
	}
}

/// A valid bundle for `context` now, made with the prover of the primitives.
pub fn bundle(context: &ProofContext<AccountId>) -> ProofBundle<Balance, u64> {
	FourProof::build_bundle(context)
}
