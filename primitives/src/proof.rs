//! The four proofs every provider operation (register, heartbeat) carries, and
//! the arithmetic that both the runtime (verifying) and providers (proving)
//! share; a challenge answer carries the space and work parts. Consumer
//! operations carry none: the runtime establishes their four proofs from the
//! signed call (see the asset registry).
//!
//! - **Space** (where): the provider fills a *plot* of `n` sectors, each the
//!   end of a chain of [`PLOT_ITERATIONS`] sequential blake2 hashes seeded by
//!   [`plot_seed`] of the asset, and commits to the Merkle root over the sectors. A
//!   challenge samples sector indices from a block hash ([`sample_indices`]);
//!   the answer gives each sampled sector with its Merkle path. The verifier
//!   recomputes the sampled sectors and checks the paths: a provider that did
//!   not keep the plot must recompute whole sectors, which takes sequential work.
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

use binary_merkle_tree::{merkle_root_raw, verify_proof, Leaf};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::{ConstU32, H256};
use sp_runtime::{traits::BlakeTwo256, BoundedVec};

use crate::asset::AssetId;

/// Sequential hashes that produce one plot sector.
pub const PLOT_ITERATIONS: u32 = 64;
/// Most sectors a space answer may carry.
pub const MAX_SPACE_SAMPLES: u32 = 16;
/// Deepest Merkle path accepted: plots hold at most 2^32 sectors.
pub const MAX_MERKLE_DEPTH: u32 = 32;
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
	/// Space: the fewest sectors a plot may have.
	pub min_plot_sectors: u32,
	/// Space: sectors sampled per challenge (at most [`MAX_SPACE_SAMPLES`]).
	pub space_samples: u32,
	/// Work: leading zero bits for the smallest capacity; one more per doubling.
	pub work_base_bits: u32,
}

/// One sampled sector of a plot, with its Merkle path.
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
pub struct SectorAnswer {
	/// The sector's index in the plot.
	pub index: u32,
	/// The sector's value.
	pub value: H256,
	/// Sibling hashes from the sector up to the root.
	pub path: BoundedVec<H256, ConstU32<MAX_MERKLE_DEPTH>>,
}

/// Sampled sectors answering a space challenge.
pub type SpaceAnswers = BoundedVec<SectorAnswer, ConstU32<MAX_SPACE_SAMPLES>>;

/// Space proof: where the asset is — the provider's plot, its commitment and the
/// sectors the anchor samples.
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
	/// Merkle root over the plot's sectors.
	pub commitment: H256,
	/// Number of sectors in the plot.
	pub sectors: u32,
	/// The sampled sectors.
	pub answers: SpaceAnswers,
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
	/// That block's hash; also the randomness for space samples and work.
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

/// The seed of the plot of `asset`. It depends on the asset alone (whose id
/// already names the provider that registered it), so the plot stays valid when
/// the asset changes hands and a new owner proves it with the same plot.
pub fn plot_seed(asset: &AssetId) -> H256 {
	let mut preimage = b"hypermesh/plot".to_vec();
	preimage.extend_from_slice(&asset.0);
	H256(sp_io::hashing::blake2_256(&preimage))
}

/// The value of sector `index` of the plot with `seed`: [`PLOT_ITERATIONS`]
/// sequential hashes.
pub fn sector_value(seed: &H256, index: u32) -> H256 {
	let mut preimage = [0u8; 36];
	preimage[..32].copy_from_slice(seed.as_bytes());
	preimage[32..].copy_from_slice(&index.to_le_bytes());
	let mut value = sp_io::hashing::blake2_256(&preimage);
	for _ in 1..PLOT_ITERATIONS {
		value = sp_io::hashing::blake2_256(&value);
	}
	H256(value)
}

/// The Merkle root over a plot's sector values.
pub fn plot_commitment<I: IntoIterator<Item = H256>>(sectors: I) -> H256 {
	merkle_root_raw::<BlakeTwo256, _>(sectors)
}

/// The `count` sector indices of a plot of `sectors` sectors that the
/// `randomness` (a block hash) selects for `asset`.
pub fn sample_indices(
	randomness: &H256,
	asset: &AssetId,
	sectors: u32,
	count: u32,
) -> impl Iterator<Item = u32> {
	let randomness = *randomness;
	let asset = *asset;
	(0..count).map(move |sample| {
		let mut preimage = [0u8; 68];
		preimage[..32].copy_from_slice(randomness.as_bytes());
		preimage[32..64].copy_from_slice(&asset.0);
		preimage[64..].copy_from_slice(&sample.to_le_bytes());
		let digest = sp_io::hashing::blake2_256(&preimage);
		u32::from_le_bytes([digest[0], digest[1], digest[2], digest[3]]) % sectors.max(1)
	})
}

/// Why a space answer is refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SpaceError {
	/// The number of answers differs from the number of samples required.
	WrongSampleCount,
	/// An answer is for another sector than the one sampled.
	WrongSector,
	/// A sector's value is not what the plot seed gives.
	WrongSectorValue,
	/// A Merkle path does not lead to the commitment.
	BadMerklePath,
}

/// Checks `answers` against the plot `commitment` of `sectors` sectors seeded
/// by `seed`, for the samples `randomness` selects.
pub fn verify_space_answers(
	commitment: &H256,
	sectors: u32,
	seed: &H256,
	randomness: &H256,
	asset: &AssetId,
	samples: u32,
	answers: &[SectorAnswer],
) -> Result<(), SpaceError> {
	if answers.len() != samples as usize {
		return Err(SpaceError::WrongSampleCount);
	}
	for (expected, answer) in sample_indices(randomness, asset, sectors, samples).zip(answers) {
		if answer.index != expected {
			return Err(SpaceError::WrongSector);
		}
		if answer.value != sector_value(seed, answer.index) {
			return Err(SpaceError::WrongSectorValue);
		}
		let leaf: Leaf<H256> = Leaf::Hash(answer.value);
		if !verify_proof::<BlakeTwo256, _, _>(
			commitment,
			answer.path.iter().copied(),
			sectors,
			answer.index,
			leaf,
		) {
			return Err(SpaceError::BadMerklePath);
		}
	}
	Ok(())
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
	use binary_merkle_tree::merkle_proof_raw;

	fn plot(seed: &H256, sectors: u32) -> alloc::vec::Vec<H256> {
		(0..sectors).map(|i| sector_value(seed, i)).collect()
	}

	fn answers(
		seed: &H256,
		values: &[H256],
		randomness: &H256,
		asset: &AssetId,
		n: u32,
	) -> alloc::vec::Vec<SectorAnswer> {
		sample_indices(randomness, asset, values.len() as u32, n)
			.map(|index| SectorAnswer {
				index,
				value: sector_value(seed, index),
				path: merkle_proof_raw::<BlakeTwo256, _>(values.iter().copied(), index)
					.proof
					.try_into()
					.unwrap(),
			})
			.collect()
	}

	#[test]
	fn honest_space_answers_verify_and_tampered_ones_do_not() {
		let asset = AssetId([1; 32]);
		let seed = plot_seed(&asset);
		let values = plot(&seed, 37);
		let root = plot_commitment(values.iter().copied());
		let randomness = H256([9; 32]);
		let mut good = answers(&seed, &values, &randomness, &asset, 4);
		assert_eq!(verify_space_answers(&root, 37, &seed, &randomness, &asset, 4, &good), Ok(()));
		assert_eq!(
			verify_space_answers(&root, 37, &seed, &randomness, &asset, 5, &good),
			Err(SpaceError::WrongSampleCount)
		);
		let other = H256([8; 32]);
		assert!(verify_space_answers(&root, 37, &seed, &other, &asset, 4, &good).is_err());
		good[0].path[0] = H256::zero();
		assert_eq!(
			verify_space_answers(&root, 37, &seed, &randomness, &asset, 4, &good),
			Err(SpaceError::BadMerklePath)
		);
		good[0].value = H256::zero();
		assert_eq!(
			verify_space_answers(&root, 37, &seed, &randomness, &asset, 4, &good),
			Err(SpaceError::WrongSectorValue)
		);
	}

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
