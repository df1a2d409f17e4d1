//! A test runtime for the asset registry, with small test doubles for its
//! collaborators (proof verifier, access policy, challenges).
//!
//! The doubles keep their state in unhashed storage under `mock/…` keys, so a failed
//! call rolls their changes back like the real pallets' and each test starts clean.

use core::cell::{Cell, RefCell};

use codec::Encode;
use frame_support::{
	derive_impl,
	storage::unhashed,
	traits::{ConstU32, ConstU64, Hooks},
};
use hypermesh_primitives::{
	traits::{AccessPolicy, ChallengeInspect, ProofContext, ProofVerifier},
	AssetId, CapacitySpec, PrivacyLevel, PrivacyPolicy, ProfileKind, ProofBundle, SpaceProof,
	StakeProof, TimeProof, WorkProof,
};
use sp_core::H256;
use sp_runtime::{BuildStorage, DispatchError, DispatchResult, Percent};

use crate as pallet_asset_registry;

type Block = frame_system::mocking::MockBlock<Test>;

/// Accounts in the test runtime.
pub type AccountId = u64;
/// Balances in the test runtime.
pub type Balance = u64;
/// Block numbers in the test runtime.
pub type BlockNumber = u64;

/// A provider (owner of the test assets).
pub const PROVIDER: AccountId = 1;
/// A consumer.
pub const CONSUMER: AccountId = 2;
/// Another consumer.
pub const CONSUMER2: AccountId = 3;
/// An account party to nothing.
pub const STRANGER: AccountId = 4;
/// Every endowed account starts with this much.
pub const ENDOWMENT: Balance = 1_000_000;
/// The price per block of a whole asset in the default test policy.
pub const PRICE_PER_BLOCK: Balance = 100;
/// The default test policy's concurrency limit.
pub const MAX_CONCURRENT: u32 = 3;
/// The default test policy's longest duration.
pub const MAX_DURATION: BlockNumber = 100;
/// Blocks after its last proof during which an asset may be allocated.
pub const LIVENESS_WINDOW: BlockNumber = 50;
frame_support::parameter_types! {
	/// The deposit an asset holds while registered: none unless a test sets it, so
	/// that balances elsewhere need not count it.
	pub storage AssetDeposit: Balance = 0;
}

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		AssetRegistry: pallet_asset_registry,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

impl pallet_asset_registry::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Proofs = MockProofs;
	type Access = MockAccess;
	type Challenges = MockChallenges;
	type WeightInfo = ();
	type MaxAssetsPerOwner = ConstU32<3>;
	type MaxAllocationsPerAsset = ConstU32<5>;
	type MaxExpiriesPerBlock = ConstU32<3>;
	type LivenessWindow = ConstU64<LIVENESS_WINDOW>;
	type AssetDeposit = AssetDeposit;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// The proof context the verifier double saw last.
pub type Context = ProofContext<AccountId>;
/// A bundle with the test runtime's types.
pub type Bundle = ProofBundle<Balance, BlockNumber>;
/// A policy with the test runtime's types.
pub type Policy = PrivacyPolicy<Balance, BlockNumber>;

thread_local! {
	static LAST_CONTEXT: RefCell<Option<Context>> = const { RefCell::new(None) };
	static NEXT_NONCE: Cell<u64> = const { Cell::new(1) };
}

/// Test double of the four-proof verifier.
///
/// It accepts a bundle unless its work carries no nonce (`MockProofRejected`) or the
/// signer already used its time nonce (`MockProofReplayed`); accepted nonces are
/// recorded in storage. It remembers the last context it was asked about.
pub struct MockProofs;

impl MockProofs {
	/// Makes `owner`'s stake short: allocations of its assets are refused.
	pub fn unstake(owner: AccountId) {
		unhashed::put(&(b"mock/proofs/unstaked", owner).encode(), &true);
	}

	/// Whether the bond of `asset` was released.
	pub fn bond_released(asset: &AssetId) -> bool {
		unhashed::exists(&(b"mock/proofs/released", asset).encode())
	}

	/// The last context the verifier was asked to check.
	pub fn last_context() -> Option<Context> {
		LAST_CONTEXT.with(|c| c.borrow().clone())
	}
}

impl ProofVerifier<AccountId, Balance, BlockNumber> for MockProofs {
	fn verify(context: &Context, bundle: &Bundle) -> DispatchResult {
		LAST_CONTEXT.with(|c| *c.borrow_mut() = Some(context.clone()));
		if bundle.work.nonces.is_empty() {
			return Err(DispatchError::Other("MockProofRejected"));
		}
		let key = (b"mock/proofs/used", context.who, bundle.time.nonce).encode();
		if unhashed::exists(&key) {
			return Err(DispatchError::Other("MockProofReplayed"));
		}
		unhashed::put(&key, &true);
		Ok(())
	}

	fn ensure_stake(
		owner: &AccountId,
		_asset: &AssetId,
		_spec: &CapacitySpec,
		_profile: ProfileKind,
	) -> DispatchResult {
		if unhashed::exists(&(b"mock/proofs/unstaked", owner).encode()) {
			return Err(DispatchError::Other("MockStakeShort"));
		}
		Ok(())
	}

	fn release_bond(asset: &AssetId) {
		unhashed::put(&(b"mock/proofs/released", asset).encode(), &true);
	}
}

/// A bundle the verifier double accepts, with a fresh nonce.
pub fn bundle() -> Bundle {
	let nonce = NEXT_NONCE.with(|n| {
		let nonce = n.get();
		n.set(nonce + 1);
		nonce
	});
	Bundle {
		space: SpaceProof { commitment: H256::zero(), sectors: 0 },
		stake: StakeProof { amount: 0 },
		work: WorkProof { nonces: vec![1].try_into().unwrap() },
		time: TimeProof { anchor_number: 0, anchor_hash: H256::zero(), timestamp_ms: 0, nonce },
	}
}

/// A bundle the verifier double rejects.
pub fn bad_bundle() -> Bundle {
	let mut bundle = bundle();
	bundle.work.nonces.clear();
	bundle
}

/// Test double of the privacy pallet.
///
/// Policies live in storage per asset; new ones are Private, allow shares up to 100 %,
/// [`MAX_CONCURRENT`] allocations, 1 to [`MAX_DURATION`] blocks at [`PRICE_PER_BLOCK`].
/// Access: the owner always; anyone at FullPublic; otherwise only accounts on the
/// asset's allow list ([`MockAccess::allow`]); others get `MockAccessDenied`.
pub struct MockAccess;

impl MockAccess {
	fn policy_key(asset: &AssetId) -> alloc::vec::Vec<u8> {
		(b"mock/policy", asset).encode()
	}

	/// Puts `who` on `asset`'s allow list.
	pub fn allow(asset: &AssetId, who: AccountId) {
		unhashed::put(&(b"mock/allow", asset, who).encode(), &true);
	}

	/// The policy set for `asset`, if one was.
	pub fn stored(asset: &AssetId) -> Option<Policy> {
		unhashed::get(&Self::policy_key(asset))
	}

	/// The policy of `asset`, at the profile it was registered with.
	pub fn current(asset: &AssetId) -> Policy {
		let registered =
			crate::Assets::<Test>::get(asset).map_or(ProfileKind::Testing, |r| r.profile);
		Self::policy(asset, registered)
	}

	/// Changes `asset`'s policy (its default, the first time).
	pub fn update(asset: &AssetId, change: impl FnOnce(&mut Policy)) {
		let mut policy = Self::current(asset);
		change(&mut policy);
		unhashed::put(&Self::policy_key(asset), &policy);
	}
}

impl AccessPolicy<AccountId, Balance, BlockNumber> for MockAccess {
	fn policy(asset: &AssetId, registered: ProfileKind) -> Policy {
		Self::stored(asset).unwrap_or(Policy {
			level: PrivacyLevel::Private,
			max_share: Percent::one(),
			max_concurrent: MAX_CONCURRENT,
			min_duration: 1,
			max_duration: MAX_DURATION,
			price_per_block: PRICE_PER_BLOCK,
			profile: registered,
		})
	}

	fn remove_policy(asset: &AssetId) {
		unhashed::kill(&Self::policy_key(asset));
	}

	fn ensure_access(asset: &AssetId, owner: &AccountId, consumer: &AccountId) -> DispatchResult {
		let level = Self::stored(asset).map_or(PrivacyLevel::Private, |p| p.level);
		if owner == consumer
			|| level == PrivacyLevel::FullPublic
			|| unhashed::exists(&(b"mock/allow", asset, consumer).encode())
		{
			Ok(())
		} else {
			Err(DispatchError::Other("MockAccessDenied"))
		}
	}
}

/// Test double of the four-proof pallet's challenges: a count of open challenges per
/// asset, set by [`MockChallenges::set_open`].
pub struct MockChallenges;

impl MockChallenges {
	/// Makes `asset` have `count` open challenges.
	pub fn set_open(asset: &AssetId, count: u32) {
		unhashed::put(&(b"mock/challenges", asset).encode(), &count);
	}
}

impl ChallengeInspect for MockChallenges {
	fn open_challenges(asset: &AssetId) -> u32 {
		unhashed::get(&(b"mock/challenges", asset).encode()).unwrap_or(0)
	}
}

/// Benchmark helper for the test runtime, built on the doubles above.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId, Balance, BlockNumber> for MockBenchmarkHelper {
	fn prepare_provider(who: &AccountId, _profile: ProfileKind) {
		use frame_support::traits::fungible::Mutate;
		Balances::set_balance(who, ENDOWMENT);
	}

	fn plot(_asset: &AssetId, _profile: ProfileKind) -> (H256, u32) {
		(H256::repeat_byte(7), 1024)
	}

	fn bundle(_context: &Context) -> Bundle {
		let key = b"mock/bench/nonce";
		let nonce = unhashed::get::<u64>(key).unwrap_or(1_000_000);
		unhashed::put(key, &(nonce + 1));
		let mut bundle = bundle();
		bundle.time.nonce = nonce;
		bundle
	}

	fn pass_audit(_owner: &AccountId, asset: &AssetId) {
		let _ =
			<AssetRegistry as hypermesh_primitives::traits::AssetInspect<_, _>>::mark_proven(asset);
	}

	fn prepare_worst_case_access(asset: &AssetId, _owner: &AccountId, consumer: &AccountId) {
		MockAccess::update(asset, |policy| {
			policy.level = PrivacyLevel::P2P;
			policy.max_concurrent = 5;
		});
		MockAccess::allow(asset, *consumer);
	}
}

/// Builds the genesis state: [`ENDOWMENT`] for accounts 1 to 6.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=6).map(|who| (who, ENDOWMENT)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` at block 1 of a fresh chain, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		AssetRegistry::do_try_state().expect("invariants hold after the test");
	});
}

/// Advances to block `n`, running the registry's `on_initialize` for each block.
pub fn run_to_block(n: BlockNumber) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		AssetRegistry::on_initialize(next);
	}
}

/// A valid CPU spec with `threads` threads.
pub fn cpu(threads: u32) -> CapacitySpec {
	CapacitySpec::Cpu { cores: 1, threads, frequency_mhz: 3_000, features: 0 }
}

/// Registers a CPU asset for `owner` and brings it into service, as the correct
/// answer to its registration audit would; returns its id.
pub fn register(owner: AccountId) -> AssetId {
	let nonce = crate::ProviderNonce::<Test>::get(owner);
	frame_support::assert_ok!(AssetRegistry::register(
		RuntimeOrigin::signed(owner),
		cpu(8),
		ProfileKind::Testing,
		H256::repeat_byte(0xcc),
		64,
		bundle(),
	));
	let asset = AssetId::derive(&owner, hypermesh_primitives::AssetClass::Cpu, nonce);
	frame_support::assert_ok!(<AssetRegistry as hypermesh_primitives::traits::AssetInspect<
		_,
		_,
	>>::mark_proven(&asset));
	asset
}

/// Registers a FullPublic CPU asset for [`PROVIDER`] and returns its id.
pub fn public_asset() -> AssetId {
	let asset = register(PROVIDER);
	MockAccess::update(&asset, |policy| policy.level = PrivacyLevel::FullPublic);
	asset
}

/// Allocates `share` % of `asset` to `consumer` for `duration` blocks and returns the
/// allocation id.
pub fn allocate(consumer: AccountId, asset: AssetId, share: u8, duration: BlockNumber) -> u64 {
	let id = crate::NextAllocationId::<Test>::get();
	frame_support::assert_ok!(AssetRegistry::allocate(
		RuntimeOrigin::signed(consumer),
		asset,
		Percent::from_percent(share),
		duration,
		Balance::MAX
	));
	id
}
