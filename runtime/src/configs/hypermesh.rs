//! Configuration of the HyperMesh pallets: asset registry, four proofs,
//! privacy and proxy. The pallets cooperate through the traits of
//! `hypermesh-primitives`, wired here.

use alloc::{vec, vec::Vec};
use frame_support::{parameter_types, traits::ConstU32};
use hypermesh_primitives::{ProfileKind, RequirementProfile, UnitBonds};
use sp_runtime::Perbill;

use crate::{
	AccountId, AssetRegistry, Balance, Balances, BlockNumber, FourProof, Privacy, Runtime,
	RuntimeHoldReason, Timestamp, CAES, DAYS, MILLI_CAES, MINUTES,
};

parameter_types! {
	/// The requirement profiles a new chain starts with (genesis presets), and the
	/// ones a chain from before profiles were stored gets on upgrade. Governance
	/// changes them on chain (`FourProof::set_profile`).
	pub GenesisProfiles: Vec<(ProfileKind, RequirementProfile<Balance>)> = vec![
		(ProfileKind::Testing, TestingProfile::get()),
		(ProfileKind::Default, DefaultProfile::get()),
		(ProfileKind::Production, ProductionProfile::get()),
	];
	/// The weakest profile a chain upgraded from before stored profiles accepts.
	pub const UpgradeMinimumProfile: ProfileKind = ProfileKind::Default;
	/// Light requirements for development and tests: a small plot, little work, one
	/// CAES of bond per capacity unit.
	pub const TestingProfile: RequirementProfile<Balance> = RequirementProfile {
		unit_bonds: UnitBonds::uniform(CAES),
		time_offset_ms: 30_000,
		min_plot_sectors: 16,
		space_samples: 2,
		work_base_bits: 4,
	};
	/// The requirements for ordinary use. A unit's bond follows what it can earn:
	/// 100 CAES behind a CPU thread or a container core, 50 behind each GiB of a
	/// GPU (4,000 for an 80 GiB accelerator), 10 behind a GiB of memory or 100
	/// Mbit/s, 1 behind a GiB of storage.
	pub const DefaultProfile: RequirementProfile<Balance> = RequirementProfile {
		unit_bonds: UnitBonds {
			cpu: 100 * CAES,
			gpu: 50 * CAES,
			memory: 10 * CAES,
			storage: CAES,
			network: 10 * CAES,
			container: 100 * CAES,
		},
		time_offset_ms: 15_000,
		min_plot_sectors: 1_024,
		space_samples: 8,
		work_base_bits: 8,
	};
	/// Strict requirements for production workloads: ten times Default's bonds.
	pub const ProductionProfile: RequirementProfile<Balance> = RequirementProfile {
		unit_bonds: UnitBonds {
			cpu: 1_000 * CAES,
			gpu: 500 * CAES,
			memory: 100 * CAES,
			storage: 10 * CAES,
			network: 100 * CAES,
			container: 1_000 * CAES,
		},
		time_offset_ms: 6_000,
		min_plot_sectors: 4_096,
		space_samples: 16,
		work_base_bits: 12,
	};
	/// A bundle's anchor must be one of the last 20 blocks (one minute).
	pub const AnchorWindow: BlockNumber = 20;
	/// An asset may be allocated while its last passed proof is at most 30 minutes old.
	pub const LivenessWindow: BlockNumber = 30 * MINUTES;
	/// Deposit an asset's owner holds while the asset is registered: about 340 times
	/// the fee of registering it, for a record of a few hundred bytes and its indices.
	pub const AssetDeposit: Balance = CAES;
	/// Deposit each small record a user makes holds from its maker while stored: a
	/// privacy network, member, trusted network or allowed account, and a provider's
	/// STOQ endpoint. Each is at most about 130 bytes with its counter; the deposit is
	/// about 140 times the fee of the call that makes it.
	pub const RecordDeposit: Balance = 100 * MILLI_CAES;
	/// Deposit held from a challenger until the challenge ends.
	pub const ChallengeDeposit: Balance = 10 * CAES;
	/// A provider has one minute to answer a challenge.
	pub const ResponseWindow: BlockNumber = MINUTES;
	/// Unbonded funds stay held and slashable for 40 minutes: longer than any
	/// challenge that could already be on its way, and longer than the liveness
	/// window, so an asset whose stake is leaving stops being paid (it can no longer
	/// prove itself) before the stake is gone.
	pub const UnbondingDelay: BlockNumber = 40 * MINUTES;
	/// A lost challenge slashes a tenth of the provider's bond ...
	pub const SlashFraction: Perbill = Perbill::from_percent(10);
	/// ... half of which goes to the challenger; the rest is burned.
	pub const ChallengerShare: Perbill = Perbill::from_percent(50);
	/// A challenge answered correctly burns a tenth of its deposit (1 CAES): the
	/// price of a challenge that found nothing.
	pub const UnfoundedChallengeBurn: Perbill = Perbill::from_percent(10);
	/// The longest allocation or policy duration: 30 days.
	pub const MaxDuration: BlockNumber = 30 * DAYS;
	/// Bond a proxy node must hold.
	pub const MinProxyBond: Balance = 100 * CAES;
	/// A proxy counts as live for ten minutes after a heartbeat.
	pub const ProxyHeartbeatPeriod: BlockNumber = 10 * MINUTES;
}

/// Most allocations one asset may have at once.
type MaxAllocationsPerAsset = ConstU32<64>;

impl pallet_asset_registry::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Proofs = FourProof;
	type Access = Privacy;
	type Challenges = FourProof;
	type WeightInfo = pallet_asset_registry::weights::SubstrateWeight<Runtime>;
	type MaxAssetsPerOwner = ConstU32<256>;
	type MaxAllocationsPerAsset = MaxAllocationsPerAsset;
	type MaxExpiriesPerBlock = ConstU32<256>;
	type LivenessWindow = LivenessWindow;
	type AssetDeposit = AssetDeposit;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::RegistryHelper;
}

impl pallet_four_proof::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = Timestamp;
	// The parent block's hash until the chain has a VRF (BABE).
	type Randomness = pallet_four_proof::ParentBlockHash<Runtime>;
	type Assets = AssetRegistry;
	type Policies = Privacy;
	type WeightInfo = pallet_four_proof::weights::SubstrateWeight<Runtime>;
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId>;
	type AnchorWindow = AnchorWindow;
	type ChallengeDeposit = ChallengeDeposit;
	type ResponseWindow = ResponseWindow;
	type UnbondingDelay = UnbondingDelay;
	type SlashFraction = SlashFraction;
	type ChallengerShare = ChallengerShare;
	type UnfoundedChallengeBurn = UnfoundedChallengeBurn;
	type MaxFailures = ConstU32<3>;
	type MaxOpenChallenges = ConstU32<4>;
	type MaxDeadlinesPerBlock = ConstU32<64>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::AssetsHelper;
}

impl pallet_privacy::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RecordDeposit = RecordDeposit;
	type Assets = AssetRegistry;
	type WeightInfo = pallet_privacy::weights::SubstrateWeight<Runtime>;
	type MaxMembers = ConstU32<1_024>;
	type MaxNetworksPerOwner = ConstU32<16>;
	type MaxTrustedNetworks = ConstU32<16>;
	type MaxAllowedAccounts = ConstU32<1_024>;
	type MaxConcurrentAllocations = MaxAllocationsPerAsset;
	type MaxDuration = MaxDuration;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::AssetsHelper;
}

impl pallet_mesh_proxy::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Assets = AssetRegistry;
	type Standing = FourProof;
	type WeightInfo = pallet_mesh_proxy::weights::SubstrateWeight<Runtime>;
	type MinProxyBond = MinProxyBond;
	type EndpointDeposit = RecordDeposit;
	type MaxProxies = ConstU32<256>;
	type HeartbeatPeriod = ProxyHeartbeatPeriod;
}

/// Benchmark support: the asset registry's benchmarks prove their calls with
/// the four-proof pallet and reach the privacy pallet's worst case; the
/// four-proof and privacy benchmarks work on assets the registry holds.
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks {
	use super::*;
	use hypermesh_primitives::{
		traits::ProofContext, AssetClass, AssetId, CapacitySpec, ProfileKind, ProofBundle,
	};
	use sp_core::H256;

	/// Implements the registry's benchmark helper for this runtime.
	pub struct RegistryHelper;

	impl pallet_asset_registry::BenchmarkHelper<AccountId, Balance, BlockNumber> for RegistryHelper {
		fn prepare_provider(who: &AccountId, profile: ProfileKind) {
			FourProof::benchmark_bond(who, profile);
		}

		fn plot(asset: &AssetId, profile: ProfileKind) -> (H256, u32) {
			let plot = FourProof::benchmark_plot(asset, profile);
			(plot.commitment(), plot.sectors())
		}

		fn bundle(context: &ProofContext<AccountId>) -> ProofBundle<Balance, BlockNumber> {
			FourProof::benchmark_bundle(context)
		}

		fn pass_audit(owner: &AccountId, asset: &AssetId) {
			FourProof::benchmark_pass_audit(owner, asset);
		}

		fn prepare_worst_case_access(asset: &AssetId, owner: &AccountId, consumer: &AccountId) {
			Privacy::benchmark_worst_case_access(asset, owner, consumer);
			// A priced policy, so allocate also holds the consumer's payment.
			let registered =
				AssetRegistry::asset(asset).map_or(ProfileKind::Testing, |r| r.profile);
			let mut policy = Privacy::policy_of(asset, registered);
			policy.price_per_block = MILLI_CAES;
			pallet_privacy::Policies::<Runtime>::insert(asset, policy);
		}
	}

	/// Registers benchmark assets in the registry for the other pallets.
	pub struct AssetsHelper;

	/// The spec of benchmark assets: GPUs with the longest model name, as many
	/// capacity units as an answer shows work for at most.
	fn spec() -> CapacitySpec {
		CapacitySpec::Gpu {
			count: hypermesh_primitives::proof::MAX_WORK_SOLUTIONS,
			memory_bytes: hypermesh_primitives::asset::GIB,
			compute_units: 1,
			model: [b'g'; hypermesh_primitives::asset::MAX_MODEL_LEN as usize]
				.to_vec()
				.try_into()
				.expect("the model name has the maximal length"),
		}
	}

	impl pallet_four_proof::BenchmarkHelper<AccountId> for AssetsHelper {
		fn next_asset_id(owner: &AccountId) -> AssetId {
			AssetRegistry::next_asset_id(owner, AssetClass::Gpu)
		}

		fn create_asset(
			owner: &AccountId,
			commitment: H256,
			plot_sectors: u32,
			profile: ProfileKind,
		) -> AssetId {
			AssetRegistry::benchmark_asset(owner.clone(), spec(), commitment, plot_sectors, profile)
				.expect("a benchmark asset registers")
		}

		fn set_plot(asset: &AssetId, commitment: H256, plot_sectors: u32) {
			pallet_asset_registry::Assets::<Runtime>::mutate(asset, |record| {
				if let Some(record) = record {
					record.commitment = commitment;
					record.plot_sectors = plot_sectors;
				}
			});
		}
	}

	impl pallet_privacy::BenchmarkHelper<AccountId> for AssetsHelper {
		fn create_asset(owner: &AccountId) -> AssetId {
			AssetRegistry::benchmark_asset(
				owner.clone(),
				spec(),
				H256::zero(),
				1,
				ProfileKind::Testing,
			)
			.expect("a benchmark asset registers")
		}
	}
}
