//! Weights for `pallet_mesh_proxy`.
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

/// Weight functions needed for `pallet_mesh_proxy`.
pub trait WeightInfo {
	fn register_proxy() -> Weight;
	fn update_proxy_endpoint() -> Weight;
	fn proxy_heartbeat() -> Weight;
	fn unregister_proxy() -> Weight;
	fn set_provider_endpoint() -> Weight;
	fn clear_provider_endpoint() -> Weight;
}

/// Weights for `pallet_mesh_proxy`, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Proxy::Proxies` (r:1 w:1)
	/// Storage: `Proxy::ProxyList` (r:1 w:1)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Storage: `System::Account` (r:1 w:1)
	fn register_proxy() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `16000`
		// Minimum execution time: 50_000_000 picoseconds.
		Weight::from_parts(50_000_000, 16000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Proxy::Proxies` (r:1 w:1)
	fn update_proxy_endpoint() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `3700`
		// Minimum execution time: 50_000_000 picoseconds.
		Weight::from_parts(50_000_000, 3700)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Proxy::Proxies` (r:1 w:1)
	fn proxy_heartbeat() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `3700`
		// Minimum execution time: 50_000_000 picoseconds.
		Weight::from_parts(50_000_000, 3700)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Proxy::Proxies` (r:1 w:1)
	/// Storage: `Proxy::ProxyList` (r:1 w:1)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Storage: `System::Account` (r:1 w:1)
	fn unregister_proxy() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `16000`
		// Minimum execution time: 50_000_000 picoseconds.
		Weight::from_parts(50_000_000, 16000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Proxy::ProviderEndpoints` (r:0 w:1)
	fn set_provider_endpoint() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: 50_000_000 picoseconds.
		Weight::from_parts(50_000_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Proxy::ProviderEndpoints` (r:1 w:1)
	fn clear_provider_endpoint() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `3600`
		// Minimum execution time: 50_000_000 picoseconds.
		Weight::from_parts(50_000_000, 3600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

// For tests and mocks: the same weights with RocksDB's database weights.
impl WeightInfo for () {
	/// Storage: `Proxy::Proxies` (r:1 w:1)
	/// Storage: `Proxy::ProxyList` (r:1 w:1)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Storage: `System::Account` (r:1 w:1)
	fn register_proxy() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `16000`
		// Minimum execution time: 50_000_000 picoseconds.
		Weight::from_parts(50_000_000, 16000)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	/// Storage: `Proxy::Proxies` (r:1 w:1)
	fn update_proxy_endpoint() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `3700`
		// Minimum execution time: 50_000_000 picoseconds.
		Weight::from_parts(50_000_000, 3700)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	/// Storage: `Proxy::Proxies` (r:1 w:1)
	fn proxy_heartbeat() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `3700`
		// Minimum execution time: 50_000_000 picoseconds.
		Weight::from_parts(50_000_000, 3700)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	/// Storage: `Proxy::Proxies` (r:1 w:1)
	/// Storage: `Proxy::ProxyList` (r:1 w:1)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Storage: `System::Account` (r:1 w:1)
	fn unregister_proxy() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `16000`
		// Minimum execution time: 50_000_000 picoseconds.
		Weight::from_parts(50_000_000, 16000)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	/// Storage: `Proxy::ProviderEndpoints` (r:0 w:1)
	fn set_provider_endpoint() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: 50_000_000 picoseconds.
		Weight::from_parts(50_000_000, 0)
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	/// Storage: `Proxy::ProviderEndpoints` (r:1 w:1)
	fn clear_provider_endpoint() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `3600`
		// Minimum execution time: 50_000_000 picoseconds.
		Weight::from_parts(50_000_000, 3600)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
}
