//! The proof of space: what a plot is, and how the runtime checks a sample of it.
//!
//! ## The plot
//!
//! A plot of asset `a` is `n` *labels* of 32 bytes (`n` a power of two), computed
//! in order: label `i` is the hash of the plot's seed ([`plot_seed`]), `i` and
//! the labels of its [`LABEL_PARENTS`] parents ([`label_parents`]): the label
//! before it, and five earlier labels drawn from the seed with the distribution
//! of DRSample (Alwen, Blocki, Harsha, CCS 2017: a distance `r` drawn so that
//! `log2 r` is uniform), which makes the graph depth-robust. The provider commits
//! to the Merkle root over the labels ([`plot_commitment`]).
//!
//! Labels are cheap to compute once, in order, and expensive to compute alone: a
//! label not kept needs its parents, which need theirs; the chain parent makes the
//! work sequential, and the long-range parents make it branch, so a prover that
//! dropped a fraction of the plot must recompute a large part of it to answer for
//! a dropped label (quantified in `docs/threat-model.md`).
//!
//! ## A sample
//!
//! A challenge's randomness, drawn by the chain after the commitment was made,
//! selects sample indices ([`sample_indices`]). For each, the answer opens the
//! label and its parents, each with its Merkle path ([`SampleAnswer`]). The
//! verifier ([`verify_space_answers`]) checks every path against the commitment
//! and recomputes the sampled label from its parents' labels: so every answer
//! shows both that the plot holds the label and that the label was computed as
//! the graph requires. No label is recomputed from the seed alone, so the
//! verifier's cost is that of the paths: `(1 + LABEL_PARENTS) × log2 n` hashes
//! per sample.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::{ConstU32, H256};
use sp_runtime::BoundedVec;

use crate::asset::AssetId;

/// Bytes of one label.
pub const LABEL_BYTES: u64 = 32;
/// Parents of every label but the first: the label before it and five earlier ones.
pub const LABEL_PARENTS: u32 = 6;
/// Most samples a space answer may carry.
pub const MAX_SPACE_SAMPLES: u32 = 16;
/// Deepest Merkle path: plots hold at most 2^31 labels (64 GiB).
pub const MAX_MERKLE_DEPTH: u32 = 31;

/// A label of the plot with its Merkle path, leaf first.
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
pub struct LabelOpening {
	/// The label.
	pub label: H256,
	/// Sibling hashes from the label up to the root.
	pub path: BoundedVec<H256, ConstU32<MAX_MERKLE_DEPTH>>,
}

/// The answer for one sample: the sampled label and its parents, opened.
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
pub struct SampleAnswer {
	/// The sampled label.
	pub sample: LabelOpening,
	/// Its parents in the order of [`label_parents`]; none for label 0.
	pub parents: BoundedVec<LabelOpening, ConstU32<LABEL_PARENTS>>,
}

/// The answers to the samples of a space challenge, in sample order.
pub type SpaceAnswers = BoundedVec<SampleAnswer, ConstU32<MAX_SPACE_SAMPLES>>;

/// The seed of the plot of `asset`. It depends on the asset alone (whose id
/// already names the provider that registered it), so the plot stays valid when
/// the asset changes hands and a new owner proves it with the same plot.
pub fn plot_seed(asset: &AssetId) -> H256 {
	let mut preimage = b"hypermesh/plot".to_vec();
	preimage.extend_from_slice(&asset.0);
	H256(sp_io::hashing::blake2_256(&preimage))
}

/// Whether a plot of `labels` labels has a shape the chain accepts: a power of two,
/// at least 2, at most 2^[`MAX_MERKLE_DEPTH`].
pub fn plot_size_is_valid(labels: u32) -> bool {
	labels >= 2 && labels.is_power_of_two() && labels.ilog2() <= MAX_MERKLE_DEPTH
}

/// The parents of label `index` (at least 1) in the plot with `seed`: `index − 1`,
/// then five labels at distances drawn as DRSample draws them. Label 1 has only
/// label 0 before it, so all its parents are 0.
pub fn label_parents(seed: &H256, index: u32) -> [u32; LABEL_PARENTS as usize] {
	let mut parents = [index.saturating_sub(1); LABEL_PARENTS as usize];
	if index < 2 {
		return parents;
	}
	let mut preimage = [0u8; 52];
	preimage[..16].copy_from_slice(b"hypermesh/parent");
	preimage[16..48].copy_from_slice(seed.as_bytes());
	preimage[48..].copy_from_slice(&index.to_le_bytes());
	let digest = sp_io::hashing::blake2_256(&preimage);
	// Buckets of distances [2^(g-1), 2^g], g uniform in 1..=log2(index)+1.
	let buckets = index.ilog2() + 1;
	for (parent, draw) in parents.iter_mut().skip(1).zip(digest.chunks_exact(5)) {
		let bucket = u32::from(draw[0]) % buckets + 1;
		let top = 1u64.checked_shl(bucket).unwrap_or(u64::MAX).min(u64::from(index));
		let bottom = (top / 2).max(2);
		let spread = top.saturating_sub(bottom).saturating_add(1);
		let pick = u64::from(u32::from_le_bytes([draw[1], draw[2], draw[3], draw[4]]));
		let distance = bottom.saturating_add(pick % spread);
		// `2 <= distance <= index`, so the parent lies in 0..index-1.
		*parent = index.saturating_sub(u32::try_from(distance).unwrap_or(index));
	}
	parents
}

/// Label `index` of the plot with `seed`, from its parents' labels (none for
/// label 0, else the labels of [`label_parents`] in that order).
pub fn label(seed: &H256, index: u32, parent_labels: &[H256]) -> H256 {
	let mut preimage = alloc::vec::Vec::with_capacity(15 + 32 + 4 + 32 * parent_labels.len());
	preimage.extend_from_slice(b"hypermesh/label");
	preimage.extend_from_slice(seed.as_bytes());
	preimage.extend_from_slice(&index.to_le_bytes());
	parent_labels.iter().for_each(|parent| preimage.extend_from_slice(parent.as_bytes()));
	H256(sp_io::hashing::blake2_256(&preimage))
}

/// The parent of two Merkle nodes.
pub fn merkle_parent(left: &H256, right: &H256) -> H256 {
	let mut preimage = [0u8; 64];
	preimage[..32].copy_from_slice(left.as_bytes());
	preimage[32..].copy_from_slice(right.as_bytes());
	H256(sp_io::hashing::blake2_256(&preimage))
}

/// The Merkle root over `labels` (a power of two of them): leaves are the labels
/// themselves, each inner node is [`merkle_parent`] of its children.
pub fn plot_commitment(labels: &[H256]) -> H256 {
	let mut level = labels.to_vec();
	while level.len() > 1 {
		level =
			level.chunks(2).map(|pair| merkle_parent(&pair[0], &pair[pair.len() - 1])).collect();
	}
	level.first().copied().unwrap_or_default()
}

/// Whether `opening` shows label `index` in a plot of `2^depth` labels with root
/// `commitment`.
pub fn verify_opening(commitment: &H256, depth: u32, index: u32, opening: &LabelOpening) -> bool {
	if opening.path.len() != depth as usize {
		return false;
	}
	let mut node = opening.label;
	let mut position = index;
	for sibling in opening.path.iter() {
		node = if position % 2 == 0 {
			merkle_parent(&node, sibling)
		} else {
			merkle_parent(sibling, &node)
		};
		position /= 2;
	}
	node == *commitment
}

/// The `count` label indices of a plot of `labels` labels (a power of two) that
/// `randomness` selects for `asset`.
pub fn sample_indices(
	randomness: &H256,
	asset: &AssetId,
	labels: u32,
	count: u32,
) -> impl Iterator<Item = u32> {
	let randomness = *randomness;
	let asset = *asset;
	let mask = labels.saturating_sub(1);
	(0..count).map(move |sample| {
		let mut preimage = [0u8; 68];
		preimage[..32].copy_from_slice(randomness.as_bytes());
		preimage[32..64].copy_from_slice(&asset.0);
		preimage[64..].copy_from_slice(&sample.to_le_bytes());
		let digest = sp_io::hashing::blake2_256(&preimage);
		u32::from_le_bytes([digest[0], digest[1], digest[2], digest[3]]) & mask
	})
}

/// Why a space answer is refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SpaceError {
	/// The plot's size is not a power of two between 2 and 2^31.
	InvalidPlotSize,
	/// The number of answers differs from the number of samples required.
	WrongSampleCount,
	/// A sample opens another number of parents than its label has.
	WrongParentCount,
	/// A Merkle path does not lead to the commitment.
	BadMerklePath,
	/// A sampled label is not the hash of its parents' labels.
	WrongLabel,
}

/// Checks `answers` against the plot `commitment` of `labels` labels of `asset`,
/// for the `samples` samples that `randomness` selects.
pub fn verify_space_answers(
	commitment: &H256,
	labels: u32,
	asset: &AssetId,
	randomness: &H256,
	samples: u32,
	answers: &[SampleAnswer],
) -> Result<(), SpaceError> {
	if !plot_size_is_valid(labels) {
		return Err(SpaceError::InvalidPlotSize);
	}
	if answers.len() != samples as usize {
		return Err(SpaceError::WrongSampleCount);
	}
	let depth = labels.ilog2();
	let seed = plot_seed(asset);
	for (index, answer) in sample_indices(randomness, asset, labels, samples).zip(answers) {
		let parents: &[u32] = if index == 0 { &[] } else { &label_parents(&seed, index) };
		if answer.parents.len() != parents.len() {
			return Err(SpaceError::WrongParentCount);
		}
		let opened = core::iter::once((index, &answer.sample))
			.chain(parents.iter().copied().zip(answer.parents.iter()));
		for (at, opening) in opened {
			if !verify_opening(commitment, depth, at, opening) {
				return Err(SpaceError::BadMerklePath);
			}
		}
		let parent_labels: alloc::vec::Vec<H256> =
			answer.parents.iter().map(|opening| opening.label).collect();
		if label(&seed, index, &parent_labels) != answer.sample.label {
			return Err(SpaceError::WrongLabel);
		}
	}
	Ok(())
}
