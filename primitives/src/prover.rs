//! The prover's side of the space and work proofs: building plots, answering
//! sampled labels and solving work challenges. Providers' tools and the
//! runtime's benchmarks use it; the runtime itself only verifies.

use alloc::{collections::BTreeMap, vec::Vec};

use sp_core::H256;

use crate::{
	proof::{meets_difficulty, work_puzzle, WorkProof, WorkRequirement},
	space::{
		label, label_parents, merkle_parent, plot_size_is_valid, sample_indices, LabelOpening,
		SampleAnswer, SpaceAnswers, MAX_SPACE_SAMPLES,
	},
};

/// Why a prover could not build a plot or produce an answer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ProverError {
	/// The plot size is not a power of two between 2 and 2^31.
	InvalidPlotSize,
	/// More samples were asked for than a space answer may carry.
	TooManySamples,
}

/// A provider's plot: every label of one asset's plot and the Merkle tree over
/// them, kept so that sampled labels are answered without recomputing anything.
/// It takes twice the labels' size in memory (the tree's inner nodes).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Plot {
	seed: H256,
	/// `levels[0]` are the labels, each next level the parents of the one below; the
	/// last holds the root.
	levels: Vec<Vec<H256>>,
}

impl Plot {
	/// Computes the `labels` labels of the plot with `seed`, in order; `progress` is
	/// told how many are done every 2^16 labels.
	pub fn build_with_progress(
		seed: H256,
		labels: u32,
		mut progress: impl FnMut(u32),
	) -> Result<Self, ProverError> {
		if !plot_size_is_valid(labels) {
			return Err(ProverError::InvalidPlotSize);
		}
		let mut values: Vec<H256> = Vec::with_capacity(labels as usize);
		let mut parent_labels = Vec::with_capacity(crate::space::LABEL_PARENTS as usize);
		for index in 0..labels {
			parent_labels.clear();
			if index > 0 {
				parent_labels.extend(
					label_parents(&seed, index).iter().map(|parent| values[*parent as usize]),
				);
			}
			values.push(label(&seed, index, &parent_labels));
			if (index + 1) % (1 << 16) == 0 {
				progress(index + 1);
			}
		}
		Ok(Self::from_labels(seed, values))
	}

	/// Computes the `labels` labels of the plot with `seed`.
	pub fn build(seed: H256, labels: u32) -> Result<Self, ProverError> {
		Self::build_with_progress(seed, labels, |_| {})
	}

	/// A plot from labels kept earlier (e.g. on disk); only the Merkle tree is
	/// recomputed. `labels` must hold a power of two of them.
	pub fn from_labels(seed: H256, labels: Vec<H256>) -> Self {
		let mut levels = alloc::vec![labels];
		while levels.last().map_or(false, |level| level.len() > 1) {
			let below = levels.last().map(Vec::as_slice).unwrap_or_default();
			let above = below
				.chunks(2)
				.map(|pair| merkle_parent(&pair[0], &pair[pair.len() - 1]))
				.collect();
			levels.push(above);
		}
		Self { seed, levels }
	}

	/// The labels, in index order.
	pub fn labels(&self) -> &[H256] {
		self.levels.first().map(Vec::as_slice).unwrap_or_default()
	}

	/// The plot's seed.
	pub fn seed(&self) -> H256 {
		self.seed
	}

	/// The Merkle root the provider commits to.
	pub fn commitment(&self) -> H256 {
		self.levels.last().and_then(|root| root.first()).copied().unwrap_or_default()
	}

	/// The number of labels.
	pub fn sectors(&self) -> u32 {
		// A plot is built from a `u32` count, so its length always fits.
		u32::try_from(self.labels().len()).unwrap_or(u32::MAX)
	}

	/// Label `index` with its Merkle path.
	pub fn open(&self, index: u32) -> LabelOpening {
		let mut position = index as usize;
		let mut path = Vec::with_capacity(self.levels.len().saturating_sub(1));
		for level in &self.levels[..self.levels.len().saturating_sub(1)] {
			path.push(level[position ^ 1]);
			position /= 2;
		}
		LabelOpening {
			label: self.labels()[index as usize],
			// A valid plot is at most `MAX_MERKLE_DEPTH` levels deep.
			path: path.try_into().unwrap_or_default(),
		}
	}

	/// The answer for the samples `randomness` selects for `asset`: each sampled
	/// label and its parents, opened.
	pub fn answer(
		&self,
		randomness: &H256,
		asset: &crate::AssetId,
		samples: u32,
	) -> Result<SpaceAnswers, ProverError> {
		answer_with(&self.seed, self.sectors(), randomness, asset, samples, |at| self.open(at))
	}
}

/// The answer for the samples `randomness` selects for `asset` in a plot of
/// `labels` labels with `seed`, each label opened by `open`.
fn answer_with(
	seed: &H256,
	labels: u32,
	randomness: &H256,
	asset: &crate::AssetId,
	samples: u32,
	open: impl Fn(u32) -> LabelOpening,
) -> Result<SpaceAnswers, ProverError> {
	let answers: Vec<SampleAnswer> = sample_indices(randomness, asset, labels, samples)
		.map(|index| {
			let parents: Vec<LabelOpening> = if index == 0 {
				Vec::new()
			} else {
				label_parents(seed, index).iter().map(|at| open(*at)).collect()
			};
			SampleAnswer {
				sample: open(index),
				// Exactly `LABEL_PARENTS` or none.
				parents: parents.try_into().unwrap_or_default(),
			}
		})
		.collect();
	answers.try_into().map_err(|_| ProverError::TooManySamples)
}

/// A plot too large to build, for benchmarks: of its labels only those that an
/// answer to one challenge opens are set (each sampled label is the hash of its
/// parents, the parents that are not sampled are arbitrary), every other label is
/// zero, and only the Merkle nodes above the set labels are kept. It answers that
/// challenge at any plot size up to 2^[`MAX_MERKLE_DEPTH`](crate::space::MAX_MERKLE_DEPTH)
/// labels for the cost of the answer's paths alone, so a benchmark can verify an
/// answer at the deepest path the chain accepts. It proves no space: a sampled label's parents were
/// never derived from theirs.
pub struct SparsePlot {
	seed: H256,
	labels: u32,
	/// Nodes by (level, index): level 0 the set labels, the top level the root.
	nodes: BTreeMap<(u32, u32), H256>,
	/// The node over an all-zero subtree, per level.
	empty: Vec<H256>,
}

impl SparsePlot {
	/// The sparse plot of `labels` labels with `seed` that answers the `samples`
	/// samples `randomness` selects for `asset`.
	pub fn for_challenge(
		seed: H256,
		labels: u32,
		randomness: &H256,
		asset: &crate::AssetId,
		samples: u32,
	) -> Result<Self, ProverError> {
		if !plot_size_is_valid(labels) {
			return Err(ProverError::InvalidPlotSize);
		}
		if samples > MAX_SPACE_SAMPLES {
			return Err(ProverError::TooManySamples);
		}
		let mut sampled: Vec<u32> = sample_indices(randomness, asset, labels, samples).collect();
		sampled.sort_unstable();
		// A label's parents come before it, so in index order every sampled parent is
		// set before the labels that depend on it.
		let mut leaves: BTreeMap<u32, H256> = BTreeMap::new();
		for index in sampled {
			let parents: Vec<H256> = if index == 0 {
				Vec::new()
			} else {
				label_parents(&seed, index)
					.iter()
					.map(|at| *leaves.entry(*at).or_insert_with(|| H256::repeat_byte(0xa5)))
					.collect()
			};
			leaves.insert(index, label(&seed, index, &parents));
		}

		let depth = labels.ilog2();
		let mut empty = alloc::vec![H256::zero()];
		for level in 0..depth as usize {
			empty.push(merkle_parent(&empty[level], &empty[level]));
		}
		let mut nodes = BTreeMap::new();
		let mut level_nodes = leaves;
		for level in 0..depth {
			let blank = empty[level as usize];
			let mut above = BTreeMap::new();
			for index in level_nodes.keys() {
				let node = |at: u32| level_nodes.get(&at).copied().unwrap_or(blank);
				above
					.entry(index / 2)
					.or_insert_with(|| merkle_parent(&node(index & !1), &node(index | 1)));
			}
			nodes.extend(level_nodes.into_iter().map(|(index, node)| ((level, index), node)));
			level_nodes = above;
		}
		nodes.extend(level_nodes.into_iter().map(|(index, node)| ((depth, index), node)));
		Ok(Self { seed, labels, nodes, empty })
	}

	/// The root the plot commits to.
	pub fn commitment(&self) -> H256 {
		self.node(self.labels.ilog2(), 0)
	}

	/// The number of labels.
	pub fn sectors(&self) -> u32 {
		self.labels
	}

	/// The node at `level` and `index`.
	fn node(&self, level: u32, index: u32) -> H256 {
		self.nodes.get(&(level, index)).copied().unwrap_or(self.empty[level as usize])
	}

	/// Label `index` with its Merkle path.
	pub fn open(&self, index: u32) -> LabelOpening {
		let path: Vec<H256> =
			(0..self.labels.ilog2()).map(|level| self.node(level, (index >> level) ^ 1)).collect();
		LabelOpening {
			label: self.node(0, index),
			// A valid plot is at most `MAX_MERKLE_DEPTH` levels deep.
			path: path.try_into().unwrap_or_default(),
		}
	}

	/// The answer to the challenge the plot was made for (see [`Plot::answer`]).
	pub fn answer(
		&self,
		randomness: &H256,
		asset: &crate::AssetId,
		samples: u32,
	) -> Result<SpaceAnswers, ProverError> {
		answer_with(&self.seed, self.labels, randomness, asset, samples, |at| self.open(at))
	}
}

/// The labels a prover that kept only the labels `kept` marks must compute, in
/// order, to learn label `index` of the plot with `seed`: the label, if not kept,
/// and every label not kept that it depends on through labels not kept. How many
/// there are measures what a dropped label costs to regenerate.
pub fn labels_to_regenerate(seed: &H256, kept: &[bool], index: u32) -> Vec<u32> {
	let mut needed = alloc::vec![false; kept.len()];
	let mut pending = alloc::vec![index];
	while let Some(at) = pending.pop() {
		let at_usize = at as usize;
		if kept.get(at_usize).copied().unwrap_or(true) || needed[at_usize] {
			continue;
		}
		needed[at_usize] = true;
		if at > 0 {
			pending.extend(label_parents(seed, at));
		}
	}
	(0..kept.len()).filter(|at| needed[*at]).filter_map(|at| u32::try_from(at).ok()).collect()
}

/// The work that meets `requirement` for `challenge`: for each puzzle the smallest
/// nonce that solves it. Expected cost: [`WorkRequirement::expected_hashes`]; the
/// puzzles are independent, so a prover with more cores solves them in parallel.
pub fn solve_work(challenge: &H256, requirement: WorkRequirement) -> WorkProof {
	let nonces: Vec<u64> = (0..requirement.solutions)
		.map(|index| {
			let puzzle = work_puzzle(challenge, index);
			(0u64..=u64::MAX)
				.find(|nonce| meets_difficulty(&puzzle, *nonce, requirement.bits))
				.unwrap_or(u64::MAX)
		})
		.collect();
	// `work_requirement` never asks more than `MAX_WORK_SOLUTIONS`.
	WorkProof { nonces: nonces.try_into().unwrap_or_default() }
}

#[cfg(test)]
mod tests;
