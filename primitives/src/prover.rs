//! The prover's side of the space and work proofs: building plots, answering
//! sampled sectors and solving work challenges. Providers' tools and the
//! runtime's benchmarks use it; the runtime itself only verifies.

use alloc::vec::Vec;

use binary_merkle_tree::merkle_proof_raw;
use sp_core::H256;
use sp_runtime::traits::BlakeTwo256;

use crate::{
	asset::AssetId,
	proof::{
		meets_difficulty, plot_commitment, sample_indices, sector_value, SectorAnswer, SpaceAnswers,
	},
};

/// Why a prover could not produce an answer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ProverError {
	/// More samples were asked for than a space answer may carry.
	TooManySamples,
	/// A Merkle path is deeper than the proof format allows.
	PathTooDeep,
}

/// A provider's plot: every sector value of one asset, kept so sampled
/// sectors can be answered without recomputing them.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Plot {
	seed: H256,
	sectors: Vec<H256>,
	commitment: H256,
}

impl Plot {
	/// Computes the `sectors` sectors of the plot with `seed`.
	pub fn build(seed: H256, sectors: u32) -> Self {
		let sectors: Vec<H256> = (0..sectors).map(|index| sector_value(&seed, index)).collect();
		let commitment = plot_commitment(sectors.iter().copied());
		Self { seed, sectors, commitment }
	}

	/// A plot from sector values kept earlier (e.g. on disk); only the Merkle
	/// root is recomputed.
	pub fn from_sectors(seed: H256, sectors: Vec<H256>) -> Self {
		let commitment = plot_commitment(sectors.iter().copied());
		Self { seed, sectors, commitment }
	}

	/// The sector values, in index order.
	pub fn sector_values(&self) -> &[H256] {
		&self.sectors
	}

	/// The plot's seed.
	pub fn seed(&self) -> H256 {
		self.seed
	}

	/// The Merkle root the provider commits to.
	pub fn commitment(&self) -> H256 {
		self.commitment
	}

	/// The number of sectors.
	pub fn sectors(&self) -> u32 {
		// A plot is built from a `u32` count, so its length always fits.
		u32::try_from(self.sectors.len()).unwrap_or(u32::MAX)
	}

	/// The sectors that `randomness` samples for `asset`, with their Merkle paths.
	pub fn answer(
		&self,
		randomness: &H256,
		asset: &AssetId,
		samples: u32,
	) -> Result<SpaceAnswers, ProverError> {
		let answers = sample_indices(randomness, asset, self.sectors(), samples)
			.map(|index| {
				let proof = merkle_proof_raw::<BlakeTwo256, _>(self.sectors.iter().copied(), index);
				Ok(SectorAnswer {
					index,
					value: sector_value(&self.seed, index),
					path: proof.proof.try_into().map_err(|_| ProverError::PathTooDeep)?,
				})
			})
			.collect::<Result<Vec<_>, ProverError>>()?;
		answers.try_into().map_err(|_| ProverError::TooManySamples)
	}
}

/// The smallest nonce that answers `challenge` with `bits` leading zero bits.
/// Expected cost: 2^bits hashes.
pub fn solve_work(challenge: &H256, bits: u32) -> u64 {
	(0u64..=u64::MAX).find(|nonce| meets_difficulty(challenge, *nonce, bits)).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::proof::{plot_seed, verify_space_answers, MAX_SPACE_SAMPLES};

	#[test]
	fn a_built_plot_answers_what_the_verifier_accepts() {
		let asset = AssetId([4; 32]);
		let seed = plot_seed(&asset);
		let plot = Plot::build(seed, 100);
		let randomness = H256([6; 32]);
		let answers = plot.answer(&randomness, &asset, 8).unwrap();
		assert_eq!(
			verify_space_answers(&plot.commitment(), 100, &seed, &randomness, &asset, 8, &answers),
			Ok(())
		);
		assert_eq!(
			plot.answer(&randomness, &asset, MAX_SPACE_SAMPLES + 1),
			Err(ProverError::TooManySamples)
		);
	}
}
