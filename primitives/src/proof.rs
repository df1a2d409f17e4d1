//! The four proofs every provider operation (register, heartbeat) carries, and
//! the arithmetic that both the runtime (verifying) and providers (proving)
//! share. Consumer operations carry none: the runtime establishes their four
//! proofs from the signed call (see the asset registry).
//!
//! - **Space** (where): the operation names the asset's plot commitment
//!   ([`SpaceProof`]); the proof itself follows, because a sample chosen before the
//!   commitment is on chain proves nothing. Each register and heartbeat opens an
//!   *audit* of the plot (a challenge), whose randomness the chain draws in a later
//!   block; the answer opens the sampled labels ([`crate::space`]).
//! - **Stake** (who): the amount the provider declares bonded; the runtime
//!   checks it against its balance holds, which must cover the bonds of all its
//!   assets: each asset needs its capacity units times its class's unit bond
//!   ([`RequirementProfile::asset_bond`]).
//! - **Work** (what/how): one solution per declared capacity unit (threads of a
//!   CPU, GPUs, GiB, …; at most [`MAX_WORK_SOLUTIONS`]), each a nonce such that
//!   `blake2_256(puzzle ‖ nonce)` starts with the profile's zero bits
//!   ([`work_requirement`], [`verify_work`]). The puzzles derive from a challenge
//!   that binds the randomness (the audit's seed, or the bundle's anchor), the
//!   asset, the operation, the signer and a nonce (the challenge's id, or the
//!   bundle's proof nonce), so no solution serves twice ([`work_challenge`]). The
//!   expected work grows with the declared capacity; one hash per solution
//!   verifies it.
//! - **Time** (when): a recent block (number and hash) as anchor, the
//!   prover's clock, and a per-account nonce that must be the last accepted
//!   one plus one (so no value a signer sends can exhaust its nonces).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::{ConstU32, H256};
use sp_runtime::{
	traits::{AtLeast32BitUnsigned, SaturatedConversion},
	BoundedVec,
};

use crate::asset::AssetClass;

use crate::asset::AssetId;

/// Hardest work difficulty, in leading zero bits, whatever the capacity.
pub const MAX_WORK_BITS: u32 = 24;

/// The provider operation a bundle is made for. Consumers' operations (allocate,
/// release) carry no bundle: the runtime establishes their proofs from the signed
/// call itself.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum Operation {
	/// A provider registers an asset.
	#[codec(index = 0)]
	Register,
	/// A provider shows its asset is alive.
	#[codec(index = 1)]
	Heartbeat,
	/// A provider changes what its asset declares.
	#[codec(index = 2)]
	UpdateSpec,
	/// A provider answers a challenge.
	#[codec(index = 4)]
	Answer,
}

/// The named sets of requirements an asset's proofs are held to, from the
/// weakest to the strictest.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum ProfileKind {
	/// Light requirements for development and tests.
	#[codec(index = 0)]
	Testing,
	/// The requirements for ordinary use.
	#[codec(index = 1)]
	Default,
	/// Strict requirements for production workloads.
	#[codec(index = 2)]
	Production,
}

/// What a profile requires of the four proofs.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct RequirementProfile<Balance> {
	/// Stake: the bond each capacity unit of an asset needs, by class; see
	/// [`RequirementProfile::asset_bond`].
	pub unit_bonds: UnitBonds<Balance>,
	/// Time: how far, in milliseconds, the prover's clock may be from the chain's.
	pub time_offset_ms: u64,
	/// Space: the fewest labels a plot may have (a power of two).
	pub min_plot_sectors: u32,
	/// Space: labels sampled per challenge (at most
	/// [`MAX_SPACE_SAMPLES`](crate::space::MAX_SPACE_SAMPLES)).
	pub space_samples: u32,
	/// Work: leading zero bits of each solution; an asset shows one solution per
	/// capacity unit ([`work_requirement`]).
	pub work_base_bits: u32,
}

impl<Balance: AtLeast32BitUnsigned + Copy> RequirementProfile<Balance> {
	/// The bond an asset of `class` declaring `capacity_units` units
	/// ([`CapacitySpec::capacity_units`](crate::CapacitySpec::capacity_units)) needs
	/// behind it: its units times its class's unit bond, saturating.
	pub fn asset_bond(&self, class: AssetClass, capacity_units: u64) -> Balance {
		self.unit_bonds.of(class).saturating_mul(capacity_units.saturated_into())
	}

	/// The bond an asset declaring `spec` needs ([`Self::asset_bond`] of its class
	/// and capacity units).
	pub fn spec_bond(&self, spec: &crate::CapacitySpec) -> Balance {
		self.asset_bond(spec.class(), spec.capacity_units())
	}
}

/// Stake: the bond one capacity unit needs, per asset class. Units differ by class
/// (a thread, a GPU's GiB, a GiB, 100 Mbit/s, a core), and so does what a unit
/// earns, so each class has its own price of standing behind one.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct UnitBonds<Balance> {
	/// Per CPU thread.
	pub cpu: Balance,
	/// Per GiB of GPU memory (a GPU's units are its count times its GiB).
	pub gpu: Balance,
	/// Per GiB of memory.
	pub memory: Balance,
	/// Per GiB of storage.
	pub storage: Balance,
	/// Per 100 Mbit/s of bandwidth.
	pub network: Balance,
	/// Per container core.
	pub container: Balance,
}

impl<Balance: Copy> UnitBonds<Balance> {
	/// The same unit bond for every class.
	pub const fn uniform(bond: Balance) -> Self {
		UnitBonds {
			cpu: bond,
			gpu: bond,
			memory: bond,
			storage: bond,
			network: bond,
			container: bond,
		}
	}

	/// The unit bond of `class`.
	pub fn of(&self, class: AssetClass) -> Balance {
		match class {
			AssetClass::Cpu => self.cpu,
			AssetClass::Gpu => self.gpu,
			AssetClass::Memory => self.memory,
			AssetClass::Storage => self.storage,
			AssetClass::Network => self.network,
			AssetClass::Container => self.container,
		}
	}
}

/// Space proof: where the asset is — the provider's plot, by its commitment. The
/// plot is sampled by the audit the operation opens (see the crate docs).
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct SpaceProof {
	/// Merkle root over the plot's labels.
	pub commitment: H256,
	/// Number of labels in the plot.
	pub sectors: u32,
}

/// Stake proof: who stands behind the operation.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct StakeProof<Balance> {
	/// The bond the signer holds.
	pub amount: Balance,
}

/// Most solutions a work proof may carry.
pub const MAX_WORK_SOLUTIONS: u32 = 64;

/// Work proof: what the prover can do.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct WorkProof {
	/// One nonce per required solution: nonce `i` solves puzzle `i`
	/// ([`work_puzzle`]).
	pub nonces: BoundedVec<u64, ConstU32<MAX_WORK_SOLUTIONS>>,
}

/// What a work proof must show: `solutions` solutions of `bits` leading zero bits.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct WorkRequirement {
	/// Leading zero bits of each solution.
	pub bits: u32,
	/// Solutions required.
	pub solutions: u32,
}

impl WorkRequirement {
	/// The hashes a prover computes on average to meet it: `solutions × 2^bits`.
	pub fn expected_hashes(&self) -> u64 {
		u64::from(self.solutions).saturating_mul(1u64 << self.bits.min(63))
	}
}

/// Time proof: when the bundle was made.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct TimeProof<BlockNumber> {
	/// A recent block's number.
	pub anchor_number: BlockNumber,
	/// That block's hash; also the randomness for the work.
	pub anchor_hash: H256,
	/// The prover's clock, in milliseconds since the Unix epoch.
	pub timestamp_ms: u64,
	/// The signer's proof nonce: the last one accepted plus one.
	pub nonce: u64,
}

/// The four proofs carried by every provider operation.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct ProofBundle<Balance, BlockNumber> {
	/// Where.
	pub space: SpaceProof,
	/// Who.
	pub stake: StakeProof<Balance>,
	/// What and how.
	pub work: WorkProof,
	/// When.
	pub time: TimeProof<BlockNumber>,
}

/// The work challenge for `who` doing `operation` on `asset`, from `randomness`
/// (an audit's seed, or a bundle's anchor hash), numbered `nonce` (the challenge's
/// id, or the bundle's proof nonce).
pub fn work_challenge(
	randomness: &H256,
	asset: &AssetId,
	operation: Operation,
	who: &[u8],
	nonce: u64,
) -> H256 {
	let mut preimage = b"hypermesh/work".to_vec();
	preimage.extend_from_slice(randomness.as_bytes());
	preimage.extend_from_slice(&asset.0);
	operation.encode_to(&mut preimage);
	preimage.extend_from_slice(who);
	preimage.extend_from_slice(&nonce.to_le_bytes());
	H256(sp_io::hashing::blake2_256(&preimage))
}

/// What the work of an asset of `capacity_units` units must show at a profile
/// asking `bits` per solution: one solution per unit (at least one, at most
/// [`MAX_WORK_SOLUTIONS`]), each of `bits` (at most [`MAX_WORK_BITS`]).
pub fn work_requirement(bits: u32, capacity_units: u64) -> WorkRequirement {
	let solutions = capacity_units.clamp(1, u64::from(MAX_WORK_SOLUTIONS));
	WorkRequirement {
		bits: bits.min(MAX_WORK_BITS),
		solutions: u32::try_from(solutions).unwrap_or(MAX_WORK_SOLUTIONS),
	}
}

/// Puzzle `index` of a work `challenge`: each solution has its own.
pub fn work_puzzle(challenge: &H256, index: u32) -> H256 {
	let mut preimage = [0u8; 36];
	preimage[..32].copy_from_slice(challenge.as_bytes());
	preimage[32..].copy_from_slice(&index.to_le_bytes());
	H256(sp_io::hashing::blake2_256(&preimage))
}

/// Whether `proof` meets `requirement` for `challenge`: exactly the required number
/// of nonces, nonce `i` solving puzzle `i`.
pub fn verify_work(challenge: &H256, requirement: WorkRequirement, proof: &WorkProof) -> bool {
	proof.nonces.len() == requirement.solutions as usize
		&& proof.nonces.iter().zip(0u32..).all(|(nonce, index)| {
			meets_difficulty(&work_puzzle(challenge, index), *nonce, requirement.bits)
		})
}

/// Whether `nonce` answers `challenge` with at least `bits` leading zero bits.
pub fn meets_difficulty(challenge: &H256, nonce: u64, bits: u32) -> bool {
	let mut preimage = [0u8; 40];
	preimage[..32].copy_from_slice(challenge.as_bytes());
	preimage[32..].copy_from_slice(&nonce.to_le_bytes());
	leading_zero_bits(&sp_io::hashing::blake2_256(&preimage)) >= bits
}

fn leading_zero_bits(digest: &[u8; 32]) -> u32 {
	let mut bits = 0;
	for byte in digest {
		if *byte == 0 {
			bits += 8;
		} else {
			return bits + byte.leading_zeros();
		}
	}
	bits
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn work_grows_with_capacity_and_each_solution_is_checked_by_one_hash() {
		assert_eq!(work_requirement(4, 0), WorkRequirement { bits: 4, solutions: 1 });
		assert_eq!(work_requirement(4, 16), WorkRequirement { bits: 4, solutions: 16 });
		let most = WorkRequirement { bits: MAX_WORK_BITS, solutions: MAX_WORK_SOLUTIONS };
		assert_eq!(work_requirement(30, u64::MAX), most);
		assert_eq!(work_requirement(4, 16).expected_hashes(), 256);

		let challenge =
			work_challenge(&H256([3; 32]), &AssetId([2; 32]), Operation::Register, b"who", 1);
		let requirement = work_requirement(6, 3);
		let solve = |index| {
			(0u64..).find(|n| meets_difficulty(&work_puzzle(&challenge, index), *n, 6)).unwrap()
		};
		let nonces: alloc::vec::Vec<u64> = (0..3).map(solve).collect();
		let proof = WorkProof { nonces: nonces.clone().try_into().unwrap() };
		assert!(verify_work(&challenge, requirement, &proof));
		// Too few, or one nonce reused for another puzzle: refused.
		let short = WorkProof { nonces: nonces[..2].to_vec().try_into().unwrap() };
		assert!(!verify_work(&challenge, requirement, &short));
		let reused = WorkProof { nonces: alloc::vec![nonces[0]; 3].try_into().unwrap() };
		assert!(!verify_work(&challenge, requirement, &reused));
		// Another proof nonce is another challenge.
		let other =
			work_challenge(&H256([3; 32]), &AssetId([2; 32]), Operation::Register, b"who", 2);
		assert_ne!(other, challenge);
	}

	#[test]
	fn leading_zero_bits_counts_across_bytes() {
		let mut digest = [0u8; 32];
		assert_eq!(leading_zero_bits(&digest), 256);
		digest[1] = 0b0001_0000;
		assert_eq!(leading_zero_bits(&digest), 11);
	}
}
