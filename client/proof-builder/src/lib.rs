//! # HyperMesh proof builder
//!
//! What a provider needs to prove an asset operation: it builds and stores
//! plots, answers challenges and audits (space and work), and assembles the
//! [`ProofBundle`] that `register` and `heartbeat` carry. (Consumers need nothing from it:
//! `allocate` and `release` carry no proofs.) The arithmetic is the one the runtime verifies with
//! ([`hypermesh_primitives::proof`], [`hypermesh_primitives::prover`]); this
//! crate adds the choices a prover makes and the files it keeps.
//!
//! Tests use it against a runtime and a running node; the node's offchain
//! worker will use it to answer challenges automatically.
//!
//! - [`Anchor`]: the chain state a bundle is made against.
//! - [`Prover`]: one account's proofs, with the plots of its assets.
//! - [`PlotStore`]: plots kept on disk between runs.

#![warn(missing_docs)]

mod store;

pub use store::{PlotStore, StoreError};

use codec::Encode;
use hypermesh_primitives::{
	proof::{work_challenge, work_requirement},
	prover::{solve_work, Plot, ProverError},
	space::{plot_seed, SpaceAnswers},
	AssetId, Operation, ProofBundle, RequirementProfile, SpaceProof, StakeProof, TimeProof,
	WorkProof,
};
use sp_core::H256;
use std::collections::HashMap;

/// Why a bundle could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
	/// The prover keeps no plot for the asset.
	#[error("no plot for asset {0:?}")]
	NoPlot(AssetId),
	/// The plot cannot be built, or cannot answer the challenge.
	#[error("space proof: {0:?}")]
	Space(ProverError),
}

/// The chain state a bundle is made against: a recent block and the time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor<BlockNumber> {
	/// A recent block's number (the runtime accepts blocks within its anchor window).
	pub number: BlockNumber,
	/// That block's hash.
	pub hash: H256,
	/// The prover's clock, in milliseconds since the Unix epoch.
	pub now_ms: u64,
	/// The last proof nonce the chain accepted from the signer.
	pub last_nonce: u64,
}

/// Builds the proofs of one account, keeping the plots of its assets.
pub struct Prover<AccountId> {
	who: AccountId,
	plots: HashMap<AssetId, Plot>,
}

impl<AccountId: Encode> Prover<AccountId> {
	/// A prover signing as `who`.
	pub fn new(who: AccountId) -> Self {
		Self { who, plots: HashMap::new() }
	}

	/// Builds the plot of `labels` labels (a power of two) for `asset` (owned by
	/// this prover) and keeps it; returns its commitment.
	pub fn create_plot(&mut self, asset: AssetId, labels: u32) -> Result<H256, BuildError> {
		let plot = Plot::build(plot_seed(&asset), labels).map_err(BuildError::Space)?;
		let commitment = plot.commitment();
		self.plots.insert(asset, plot);
		Ok(commitment)
	}

	/// Keeps a plot built earlier (e.g. loaded from a [`PlotStore`]).
	pub fn insert_plot(&mut self, asset: AssetId, plot: Plot) {
		self.plots.insert(asset, plot);
	}

	/// The plot kept for `asset`.
	pub fn plot(&self, asset: &AssetId) -> Option<&Plot> {
		self.plots.get(asset)
	}

	/// The bundle for a provider operation (`Register` or `Heartbeat`) on `asset`,
	/// declaring `bond` as the signer's held bond.
	pub fn provider_bundle<Balance, BlockNumber: Copy>(
		&self,
		operation: Operation,
		asset: &AssetId,
		capacity_units: u64,
		profile: &RequirementProfile<Balance>,
		bond: Balance,
		anchor: &Anchor<BlockNumber>,
	) -> Result<ProofBundle<Balance, BlockNumber>, BuildError> {
		let plot = self.plots.get(asset).ok_or(BuildError::NoPlot(*asset))?;
		let time = time_proof(anchor);
		let work = self.work((operation, time.nonce), asset, &anchor.hash, capacity_units, profile);
		Ok(ProofBundle {
			space: SpaceProof { commitment: plot.commitment(), sectors: plot.sectors() },
			stake: StakeProof { amount: bond },
			work,
			time,
		})
	}

	/// The answer to a challenge or an audit of `asset`, seeded with `seed`, whose work
	/// binds `id` (a challenge's id, or the block an audit was opened in): the sampled
	/// labels and their parents, opened, and the work for the asset's
	/// `capacity_units` at the profile's difficulty.
	pub fn answer_challenge<Balance>(
		&self,
		asset: &AssetId,
		(id, seed): (u64, &H256),
		capacity_units: u64,
		profile: &RequirementProfile<Balance>,
	) -> Result<(SpaceAnswers, WorkProof), BuildError> {
		let plot = self.plots.get(asset).ok_or(BuildError::NoPlot(*asset))?;
		let answers = plot.answer(seed, asset, profile.space_samples).map_err(BuildError::Space)?;
		let work = self.work((Operation::Answer, id), asset, seed, capacity_units, profile);
		Ok((answers, work))
	}

	/// The work for `operation` numbered `nonce` on `asset` from `randomness`.
	fn work<Balance>(
		&self,
		(operation, nonce): (Operation, u64),
		asset: &AssetId,
		randomness: &H256,
		capacity_units: u64,
		profile: &RequirementProfile<Balance>,
	) -> WorkProof {
		let challenge = work_challenge(randomness, asset, operation, &self.who.encode(), nonce);
		solve_work(&challenge, work_requirement(profile.work_base_bits, capacity_units))
	}
}

fn time_proof<BlockNumber: Copy>(anchor: &Anchor<BlockNumber>) -> TimeProof<BlockNumber> {
	TimeProof {
		anchor_number: anchor.number,
		anchor_hash: anchor.hash,
		timestamp_ms: anchor.now_ms,
		nonce: anchor.last_nonce.saturating_add(1),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use hypermesh_primitives::{proof::verify_work, space::verify_space_answers, UnitBonds};

	fn profile() -> RequirementProfile<u128> {
		RequirementProfile {
			unit_bonds: UnitBonds::uniform(10),
			time_offset_ms: 1_000,
			min_plot_sectors: 16,
			space_samples: 4,
			work_base_bits: 6,
		}
	}

	#[test]
	fn bundles_and_answers_are_what_the_verifier_accepts() {
		let who = [7u8; 32];
		let asset = AssetId([1; 32]);
		let mut prover = Prover::new(who);
		let commitment = prover.create_plot(asset, 32).unwrap();
		let anchor = Anchor { number: 9u32, hash: H256([5; 32]), now_ms: 42, last_nonce: 3 };
		let bundle = prover
			.provider_bundle(Operation::Register, &asset, 8, &profile(), 10, &anchor)
			.unwrap();
		assert_eq!(bundle.space, SpaceProof { commitment, sectors: 32 });
		let challenge = work_challenge(&anchor.hash, &asset, Operation::Register, &who.encode(), 4);
		assert!(verify_work(&challenge, work_requirement(6, 8), &bundle.work));
		assert_eq!(bundle.work.nonces.len(), 8);
		assert_eq!(bundle.time.nonce, 4);
		assert_eq!(bundle.stake.amount, 10);

		let seed = H256([6; 32]);
		let (answers, work) = prover.answer_challenge(&asset, (3, &seed), 8, &profile()).unwrap();
		assert_eq!(verify_space_answers(&commitment, 32, &asset, &seed, 4, &answers), Ok(()));
		let challenge = work_challenge(&seed, &asset, Operation::Answer, &who.encode(), 3);
		assert!(verify_work(&challenge, work_requirement(6, 8), &work));
		assert!(matches!(prover.create_plot(asset, 33), Err(BuildError::Space(_))));
	}

	#[test]
	fn bundles_for_unknown_assets_are_refused() {
		let prover = Prover::new([1u8; 32]);
		let anchor = Anchor { number: 1u32, hash: H256::zero(), now_ms: 0, last_nonce: 0 };
		assert!(matches!(
			prover.provider_bundle(
				Operation::Heartbeat,
				&AssetId([2; 32]),
				1,
				&profile(),
				0,
				&anchor
			),
			Err(BuildError::NoPlot(_))
		));
	}
}
