//! Weights for `pallet_asset_registry`.
//!
//! PROVISIONAL: not measured yet. Each weight is an estimated execution time
//! (5–170 µs, larger for proof verification) plus the storage reads and writes
//! the call makes. `scripts/weights.sh` replaces this
//! file with weights from benchmark runs (`benchmark pallet` on an optimised
//! node); do not edit it by hand.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]
#![allow(dead_code)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_asset_registry`.
pub trait WeightInfo {
	fn register() -> Weight;
	fn update_spec() -> Weight;
	fn set_maintenance() -> Weight;
	fn transfer_ownership() -> Weight;
	fn retire() -> Weight;
	fn allocate() -> Weight;
	fn release() -> Weight;
	fn heartbeat() -> Weight;
	fn set_in_use() -> Weight;
	fn on_initialize_expiries(c: u32, ) -> Weight;
}

/// Weights for `pallet_asset_registry` using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Storage: `AssetRegistry::ProviderNonce` (r:1 w:1)
	/// Storage: `AssetRegistry::AddressIndex` (r:1 w:1)
	/// Storage: `AssetRegistry::Assets` (r:1 w:1)
	/// Storage: `AssetRegistry::OwnerAssets` (r:1 w:1)
	/// Proof verification and policy creation (r:8 w:4)
	fn register() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(13_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	/// Storage: `AssetRegistry::Assets` (r:1 w:1)
	fn update_spec() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `AssetRegistry::Assets` (r:1 w:1)
	fn set_maintenance() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `AssetRegistry::Assets` (r:1 w:1)
	/// Storage: `AssetRegistry::OwnerAssets` (r:2 w:2)
	fn transfer_ownership() -> Weight {
		Weight::from_parts(50_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `AssetRegistry::Assets` (r:1 w:1)
	/// Storage: `AssetRegistry::AddressIndex` (r:0 w:1)
	/// Storage: `AssetRegistry::OwnerAssets` (r:1 w:1)
	/// Policy removal (r:0 w:1)
	fn retire() -> Weight {
		Weight::from_parts(50_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `AssetRegistry::Assets` (r:1 w:1)
	/// Storage: `AssetRegistry::NextAllocationId` (r:1 w:1)
	/// Storage: `AssetRegistry::AssetAllocations` (r:1 w:1)
	/// Storage: `AssetRegistry::Expiries` (r:1 w:1)
	/// Storage: `AssetRegistry::Allocations` (r:0 w:1)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Storage: `System::Account` (r:1 w:1)
	/// Access check, policy and proof verification (r:24 w:2)
	fn allocate() -> Weight {
		Weight::from_parts(50_000_000, 16_000)
			.saturating_add(T::DbWeight::get().reads(30_u64))
			.saturating_add(T::DbWeight::get().writes(9_u64))
	}
	/// Storage: `AssetRegistry::Allocations` (r:1 w:1)
	/// Storage: `AssetRegistry::Assets` (r:1 w:1)
	/// Storage: `AssetRegistry::AssetAllocations` (r:1 w:1)
	/// Storage: `AssetRegistry::Expiries` (r:1 w:1)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Storage: `System::Account` (r:2 w:2)
	/// Policy, proof verification and reward (r:10 w:4)
	fn release() -> Weight {
		Weight::from_parts(50_000_000, 16_000)
			.saturating_add(T::DbWeight::get().reads(17_u64))
			.saturating_add(T::DbWeight::get().writes(11_u64))
	}
	/// Storage: `AssetRegistry::Assets` (r:1 w:1)
	/// Policy and proof verification (r:8 w:1)
	fn heartbeat() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `AssetRegistry::Assets` (r:1 w:1)
	fn set_in_use() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `AssetRegistry::Expiries` (r:1 w:1)
	/// Storage: `AssetRegistry::Allocations` (r:1 w:1), per allocation
	/// Storage: `AssetRegistry::Assets` (r:1 w:1), per allocation
	/// Storage: `AssetRegistry::AssetAllocations` (r:1 w:1), per allocation
	/// Storage: `Balances::Holds` (r:1 w:1), per allocation
	/// Storage: `System::Account` (r:2 w:2), per allocation
	/// Policy and reward (r:3 w:2), per allocation
	/// The range of component `c` is `[0, 64]`.
	fn on_initialize_expiries(c: u32, ) -> Weight {
		Weight::from_parts(5_000_000, 1_000)
			.saturating_add(Weight::from_parts(40_000_000, 8_000).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((10_u64).saturating_mul(c.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((9_u64).saturating_mul(c.into())))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Storage: `AssetRegistry::ProviderNonce` (r:1 w:1)
	/// Storage: `AssetRegistry::AddressIndex` (r:1 w:1)
	/// Storage: `AssetRegistry::Assets` (r:1 w:1)
	/// Storage: `AssetRegistry::OwnerAssets` (r:1 w:1)
	/// Proof verification and policy creation (r:8 w:4)
	fn register() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(13_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	/// Storage: `AssetRegistry::Assets` (r:1 w:1)
	fn update_spec() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	/// Storage: `AssetRegistry::Assets` (r:1 w:1)
	fn set_maintenance() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	/// Storage: `AssetRegistry::Assets` (r:1 w:1)
	/// Storage: `AssetRegistry::OwnerAssets` (r:2 w:2)
	fn transfer_ownership() -> Weight {
		Weight::from_parts(50_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	/// Storage: `AssetRegistry::Assets` (r:1 w:1)
	/// Storage: `AssetRegistry::AddressIndex` (r:0 w:1)
	/// Storage: `AssetRegistry::OwnerAssets` (r:1 w:1)
	/// Policy removal (r:0 w:1)
	fn retire() -> Weight {
		Weight::from_parts(50_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	/// Storage: `AssetRegistry::Assets` (r:1 w:1)
	/// Storage: `AssetRegistry::NextAllocationId` (r:1 w:1)
	/// Storage: `AssetRegistry::AssetAllocations` (r:1 w:1)
	/// Storage: `AssetRegistry::Expiries` (r:1 w:1)
	/// Storage: `AssetRegistry::Allocations` (r:0 w:1)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Storage: `System::Account` (r:1 w:1)
	/// Access check, policy and proof verification (r:24 w:2)
	fn allocate() -> Weight {
		Weight::from_parts(50_000_000, 16_000)
			.saturating_add(RocksDbWeight::get().reads(30_u64))
			.saturating_add(RocksDbWeight::get().writes(9_u64))
	}
	/// Storage: `AssetRegistry::Allocations` (r:1 w:1)
	/// Storage: `AssetRegistry::Assets` (r:1 w:1)
	/// Storage: `AssetRegistry::AssetAllocations` (r:1 w:1)
	/// Storage: `AssetRegistry::Expiries` (r:1 w:1)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Storage: `System::Account` (r:2 w:2)
	/// Policy, proof verification and reward (r:10 w:4)
	fn release() -> Weight {
		Weight::from_parts(50_000_000, 16_000)
			.saturating_add(RocksDbWeight::get().reads(17_u64))
			.saturating_add(RocksDbWeight::get().writes(11_u64))
	}
	/// Storage: `AssetRegistry::Assets` (r:1 w:1)
	/// Policy and proof verification (r:8 w:1)
	fn heartbeat() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(9_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	/// Storage: `AssetRegistry::Assets` (r:1 w:1)
	fn set_in_use() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	/// Storage: `AssetRegistry::Expiries` (r:1 w:1)
	/// Storage: `AssetRegistry::Allocations` (r:1 w:1), per allocation
	/// Storage: `AssetRegistry::Assets` (r:1 w:1), per allocation
	/// Storage: `AssetRegistry::AssetAllocations` (r:1 w:1), per allocation
	/// Storage: `Balances::Holds` (r:1 w:1), per allocation
	/// Storage: `System::Account` (r:2 w:2), per allocation
	/// Policy and reward (r:3 w:2), per allocation
	/// The range of component `c` is `[0, 64]`.
	fn on_initialize_expiries(c: u32, ) -> Weight {
		Weight::from_parts(5_000_000, 1_000)
			.saturating_add(Weight::from_parts(40_000_000, 8_000).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().reads((10_u64).saturating_mul(c.into())))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(RocksDbWeight::get().writes((9_u64).saturating_mul(c.into())))
	}
}
