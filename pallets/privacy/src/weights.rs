//! Weights for `pallet_privacy`.
//!
//! PROVISIONAL: not measured yet. Each weight is 50 µs of execution plus the
//! storage reads and writes the call makes. `scripts/weights.sh` replaces this
//! file with weights from benchmark runs (`benchmark pallet` on an optimised
//! node); do not edit it by hand.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_privacy`.
pub trait WeightInfo {
	fn create_network() -> Weight;
	fn add_member() -> Weight;
	fn remove_member() -> Weight;
	fn remove_network() -> Weight;
	fn trust_network() -> Weight;
	fn untrust_network() -> Weight;
	fn allow_account() -> Weight;
	fn disallow_account() -> Weight;
	fn set_policy() -> Weight;
}

/// Weights for `pallet_privacy` using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Privacy::NetworksOwned` (r:1 w:1)
	/// Storage: `Privacy::NextNetworkId` (r:1 w:1)
	/// Storage: `Privacy::Networks` (r:0 w:1)
	fn create_network() -> Weight {
		Weight::from_parts(50_000_000, 3521)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Privacy::Networks` (r:1 w:1)
	/// Storage: `Privacy::Members` (r:1 w:1)
	/// Storage: `Privacy::MembershipCount` (r:1 w:1)
	fn add_member() -> Weight {
		Weight::from_parts(50_000_000, 3537)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Privacy::Networks` (r:1 w:1)
	/// Storage: `Privacy::Members` (r:1 w:1)
	/// Storage: `Privacy::MembershipCount` (r:1 w:1)
	fn remove_member() -> Weight {
		Weight::from_parts(50_000_000, 3537)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Privacy::Networks` (r:1 w:1)
	/// Storage: `Privacy::NetworksOwned` (r:1 w:1)
	fn remove_network() -> Weight {
		Weight::from_parts(50_000_000, 3521)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Privacy::Networks` (r:1 w:0)
	/// Storage: `Privacy::TrustedNetworks` (r:1 w:1)
	fn trust_network() -> Weight {
		Weight::from_parts(50_000_000, 3521)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Privacy::TrustedNetworks` (r:1 w:1)
	fn untrust_network() -> Weight {
		Weight::from_parts(50_000_000, 3521)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Privacy::AllowedAccounts` (r:1 w:1)
	/// Storage: `Privacy::AllowedCount` (r:1 w:1)
	fn allow_account() -> Weight {
		Weight::from_parts(50_000_000, 3553)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Privacy::AllowedAccounts` (r:1 w:1)
	/// Storage: `Privacy::AllowedCount` (r:1 w:1)
	fn disallow_account() -> Weight {
		Weight::from_parts(50_000_000, 3553)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `AssetRegistry::Assets` (r:1 w:0)
	/// Storage: `Privacy::Policies` (r:1 w:1)
	fn set_policy() -> Weight {
		Weight::from_parts(50_000_000, 3700)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	/// Storage: `Privacy::NetworksOwned` (r:1 w:1)
	/// Storage: `Privacy::NextNetworkId` (r:1 w:1)
	/// Storage: `Privacy::Networks` (r:0 w:1)
	fn create_network() -> Weight {
		Weight::from_parts(50_000_000, 3521)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	/// Storage: `Privacy::Networks` (r:1 w:1)
	/// Storage: `Privacy::Members` (r:1 w:1)
	/// Storage: `Privacy::MembershipCount` (r:1 w:1)
	fn add_member() -> Weight {
		Weight::from_parts(50_000_000, 3537)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	/// Storage: `Privacy::Networks` (r:1 w:1)
	/// Storage: `Privacy::Members` (r:1 w:1)
	/// Storage: `Privacy::MembershipCount` (r:1 w:1)
	fn remove_member() -> Weight {
		Weight::from_parts(50_000_000, 3537)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	/// Storage: `Privacy::Networks` (r:1 w:1)
	/// Storage: `Privacy::NetworksOwned` (r:1 w:1)
	fn remove_network() -> Weight {
		Weight::from_parts(50_000_000, 3521)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	/// Storage: `Privacy::Networks` (r:1 w:0)
	/// Storage: `Privacy::TrustedNetworks` (r:1 w:1)
	fn trust_network() -> Weight {
		Weight::from_parts(50_000_000, 3521)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	/// Storage: `Privacy::TrustedNetworks` (r:1 w:1)
	fn untrust_network() -> Weight {
		Weight::from_parts(50_000_000, 3521)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	/// Storage: `Privacy::AllowedAccounts` (r:1 w:1)
	/// Storage: `Privacy::AllowedCount` (r:1 w:1)
	fn allow_account() -> Weight {
		Weight::from_parts(50_000_000, 3553)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	/// Storage: `Privacy::AllowedAccounts` (r:1 w:1)
	/// Storage: `Privacy::AllowedCount` (r:1 w:1)
	fn disallow_account() -> Weight {
		Weight::from_parts(50_000_000, 3553)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	/// Storage: `AssetRegistry::Assets` (r:1 w:0)
	/// Storage: `Privacy::Policies` (r:1 w:1)
	fn set_policy() -> Weight {
		Weight::from_parts(50_000_000, 3700)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
}
