//! Weights for `pallet_four_proof`.
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

/// Weight functions needed for `pallet_four_proof`.
pub trait WeightInfo {
	fn bond() -> Weight;
	fn unbond() -> Weight;
	fn challenge() -> Weight;
	fn answer_challenge() -> Weight;
	fn answer_challenge_wrong() -> Weight;
	fn on_initialize_deadlines(c: u32) -> Weight;
	fn verify_register() -> Weight;
	fn verify_allocate() -> Weight;
}

/// Weights for `pallet_four_proof` using the HyperMesh node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Balances::Holds`
	/// Storage: `System::Account`
	fn bond() -> Weight {
		Weight::from_parts(50_000_000, 3_593)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `FourProof::OpenAgainst`
	/// Storage: `Balances::Holds`
	/// Storage: `System::Account`
	fn unbond() -> Weight {
		Weight::from_parts(50_000_000, 3_593)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `AssetRegistry::Assets`
	/// Storage: `FourProof::AssetChallenges`
	/// Storage: `FourProof::Deadlines`
	/// Storage: `FourProof::NextChallengeId`
	/// Storage: `FourProof::OpenAgainst`
	/// Storage: `Balances::Holds`
	/// Storage: `System::Account`
	/// Storage: `System::ParentHash`
	fn challenge() -> Weight {
		Weight::from_parts(70_000_000, 3_593)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	/// Storage: `FourProof::Challenges`
	/// Storage: `FourProof::ChallengeProvider`
	/// Storage: `AssetRegistry::Assets`
	/// Storage: `Privacy::Policies`
	/// Storage: `FourProof::AssetChallenges`
	/// Storage: `FourProof::Deadlines`
	/// Storage: `FourProof::OpenAgainst`
	/// Storage: `Balances::Holds`
	/// Storage: `System::Account`
	fn answer_challenge() -> Weight {
		Weight::from_parts(150_000_000, 3_593)
			.saturating_add(T::DbWeight::get().reads(11_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	/// Storage: `FourProof::Challenges`
	/// Storage: `FourProof::ChallengeProvider`
	/// Storage: `AssetRegistry::Assets`
	/// Storage: `Privacy::Policies`
	/// Storage: `FourProof::Failures`
	/// Storage: `FourProof::Banned`
	/// Storage: `FourProof::AssetChallenges`
	/// Storage: `FourProof::Deadlines`
	/// Storage: `FourProof::OpenAgainst`
	/// Storage: `Balances::Holds`
	/// Storage: `System::Account`
	fn answer_challenge_wrong() -> Weight {
		Weight::from_parts(170_000_000, 3_593)
			.saturating_add(T::DbWeight::get().reads(15_u64))
			.saturating_add(T::DbWeight::get().writes(13_u64))
	}
	/// Storage: `FourProof::Deadlines`
	/// Storage: `FourProof::Challenges`
	/// Storage: `FourProof::ChallengeProvider`
	/// Storage: `AssetRegistry::Assets`
	/// Storage: `FourProof::Failures`
	/// Storage: `FourProof::Banned`
	/// Storage: `FourProof::AssetChallenges`
	/// Storage: `FourProof::OpenAgainst`
	/// Storage: `Balances::Holds`
	/// Storage: `System::Account`
	/// The range of component `c` is `[0, MaxDeadlinesPerBlock]`.
	fn on_initialize_deadlines(c: u32) -> Weight {
		Weight::from_parts(10_000_000, 3_593)
			// Standard Error: 0
			.saturating_add(Weight::from_parts(120_000_000, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((12_u64).saturating_mul(c.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((12_u64).saturating_mul(c.into())))
	}
	/// Storage: `FourProof::Banned`
	/// Storage: `System::BlockHash`
	/// Storage: `Timestamp::Now`
	/// Storage: `FourProof::ProofNonces`
	/// Storage: `Balances::Holds`
	fn verify_register() -> Weight {
		Weight::from_parts(150_000_000, 3_593)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `System::BlockHash`
	/// Storage: `Timestamp::Now`
	/// Storage: `FourProof::ProofNonces`
	/// Storage: `System::Account`
	fn verify_allocate() -> Weight {
		Weight::from_parts(40_000_000, 3_593)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	/// Storage: `Balances::Holds`
	/// Storage: `System::Account`
	fn bond() -> Weight {
		Weight::from_parts(50_000_000, 3_593)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	/// Storage: `FourProof::OpenAgainst`
	/// Storage: `Balances::Holds`
	/// Storage: `System::Account`
	fn unbond() -> Weight {
		Weight::from_parts(50_000_000, 3_593)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	/// Storage: `AssetRegistry::Assets`
	/// Storage: `FourProof::AssetChallenges`
	/// Storage: `FourProof::Deadlines`
	/// Storage: `FourProof::NextChallengeId`
	/// Storage: `FourProof::OpenAgainst`
	/// Storage: `Balances::Holds`
	/// Storage: `System::Account`
	/// Storage: `System::ParentHash`
	fn challenge() -> Weight {
		Weight::from_parts(70_000_000, 3_593)
			.saturating_add(RocksDbWeight::get().reads(9_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	/// Storage: `FourProof::Challenges`
	/// Storage: `FourProof::ChallengeProvider`
	/// Storage: `AssetRegistry::Assets`
	/// Storage: `Privacy::Policies`
	/// Storage: `FourProof::AssetChallenges`
	/// Storage: `FourProof::Deadlines`
	/// Storage: `FourProof::OpenAgainst`
	/// Storage: `Balances::Holds`
	/// Storage: `System::Account`
	fn answer_challenge() -> Weight {
		Weight::from_parts(150_000_000, 3_593)
			.saturating_add(RocksDbWeight::get().reads(11_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	/// Storage: `FourProof::Challenges`
	/// Storage: `FourProof::ChallengeProvider`
	/// Storage: `AssetRegistry::Assets`
	/// Storage: `Privacy::Policies`
	/// Storage: `FourProof::Failures`
	/// Storage: `FourProof::Banned`
	/// Storage: `FourProof::AssetChallenges`
	/// Storage: `FourProof::Deadlines`
	/// Storage: `FourProof::OpenAgainst`
	/// Storage: `Balances::Holds`
	/// Storage: `System::Account`
	fn answer_challenge_wrong() -> Weight {
		Weight::from_parts(170_000_000, 3_593)
			.saturating_add(RocksDbWeight::get().reads(15_u64))
			.saturating_add(RocksDbWeight::get().writes(13_u64))
	}
	/// Storage: `FourProof::Deadlines`
	/// Storage: `FourProof::Challenges`
	/// Storage: `FourProof::ChallengeProvider`
	/// Storage: `AssetRegistry::Assets`
	/// Storage: `FourProof::Failures`
	/// Storage: `FourProof::Banned`
	/// Storage: `FourProof::AssetChallenges`
	/// Storage: `FourProof::OpenAgainst`
	/// Storage: `Balances::Holds`
	/// Storage: `System::Account`
	/// The range of component `c` is `[0, MaxDeadlinesPerBlock]`.
	fn on_initialize_deadlines(c: u32) -> Weight {
		Weight::from_parts(10_000_000, 3_593)
			// Standard Error: 0
			.saturating_add(Weight::from_parts(120_000_000, 0).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().reads((12_u64).saturating_mul(c.into())))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(RocksDbWeight::get().writes((12_u64).saturating_mul(c.into())))
	}
	/// Storage: `FourProof::Banned`
	/// Storage: `System::BlockHash`
	/// Storage: `Timestamp::Now`
	/// Storage: `FourProof::ProofNonces`
	/// Storage: `Balances::Holds`
	fn verify_register() -> Weight {
		Weight::from_parts(150_000_000, 3_593)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	/// Storage: `System::BlockHash`
	/// Storage: `Timestamp::Now`
	/// Storage: `FourProof::ProofNonces`
	/// Storage: `System::Account`
	fn verify_allocate() -> Weight {
		Weight::from_parts(40_000_000, 3_593)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
}
