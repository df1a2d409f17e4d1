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
//!   checks it against its balance holds.
//! - **Work** (what/how): a nonce such that `blake2_256(challenge ‖ nonce)`
//!   starts with enough zero bits ([`meets_difficulty`]); the challenge binds a
//!   recent block hash, the asset, the operation and the signer
//!   ([`work_challenge`]); difficulty grows with declared capacity
//!   ([`work_difficulty`]). One hash verifies it.
//! - **Time** (when): a recent block (number and hash) as anchor, the
//!   prover's clock, and a per-account nonce that must be the last accepted
//!   one plus one (so no value a signer sends can exhaust its nonces).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::H256;

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
	/// Stake: the bond a provider must hold.
	pub bond: Balance,
	/// Time: how far, in milliseconds, the prover's clock may be from the chain's.
	pub time_offset_ms: u64,
	/// Space: the fewest labels a plot may have (a power of two).
	pub min_plot_sectors: u32,
	/// Space: labels sampled per challenge (at most
	/// [`MAX_SPACE_SAMPLES`](crate::space::MAX_SPACE_SAMPLES)).
	pub space_samples: u32,
	/// Work: leading zero bits for the smallest capacity; one more per doubling.
	pub work_base_bits: u32,
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

/// Work proof: what the prover can do.
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
pub struct WorkProof {
	/// The nonce that meets the difficulty.
	pub nonce: u64,
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

/// The work challenge for `who` doing `operation` on `asset`, anchored at a block.
pub fn work_challenge(
	anchor_hash: &H256,
	asset: &AssetId,
	operation: Operation,
	who: &[u8],
) -> H256 {
	let mut preimage = b"hypermesh/work".to_vec();
	preimage.extend_from_slice(anchor_hash.as_bytes());
	preimage.extend_from_slice(&asset.0);
	operation.encode_to(&mut preimage);
	preimage.extend_from_slice(who);
	H256(sp_io::hashing::blake2_256(&preimage))
}

/// Leading zero bits required of a provider's work for `capacity_units`:
/// `base_bits` plus one per doubling of capacity, at most [`MAX_WORK_BITS`].
pub fn work_difficulty(base_bits: u32, capacity_units: u64) -> u32 {
	base_bits.saturating_add(capacity_units.max(1).ilog2()).min(MAX_WORK_BITS)
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
	fn work_difficulty_grows_with_capacity_and_is_checked_by_one_hash() {
		assert_eq!(work_difficulty(4, 1), 4);
		assert_eq!(work_difficulty(4, 16), 8);
		assert_eq!(work_difficulty(30, u64::MAX), MAX_WORK_BITS);
		let challenge =
			work_challenge(&H256([3; 32]), &AssetId([2; 32]), Operation::Register, b"who");
		let nonce = (0u64..).find(|n| meets_difficulty(&challenge, *n, 8)).unwrap();
		assert!(meets_difficulty(&challenge, nonce, 8));
		assert!(meets_difficulty(&challenge, nonce, 0));
	}

	#[test]
	fn leading_zero_bits_counts_across_bytes() {
		let mut digest = [0u8; 32];
		assert_eq!(leading_zero_bits(&digest), 256);
		digest[1] = 0b0001_0000;
		assert_eq!(leading_zero_bits(&digest), 11);
	}
}
