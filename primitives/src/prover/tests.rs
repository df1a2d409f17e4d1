//! The proof of space, checked from both sides: what an honest plot answers, what
//! the verifier refuses, and what a prover that did not keep its plot can do.

use super::*;
use crate::{
	space::{
		label_parents, plot_commitment, plot_seed, sample_indices, verify_space_answers,
		SpaceError, LABEL_PARENTS, MAX_SPACE_SAMPLES,
	},
	AssetId,
};

const LABELS: u32 = 1 << 10;

fn asset() -> AssetId {
	AssetId([4; 32])
}

fn plot() -> Plot {
	Plot::build(plot_seed(&asset()), LABELS).unwrap()
}

/// Randomness number `n` of a sequence of challenges.
fn randomness(n: u32) -> H256 {
	H256(sp_io::hashing::blake2_256(&n.to_le_bytes()))
}

/// A random-looking fraction in [0, 1) for label `index`, fixed per test.
fn coin(index: u32) -> f64 {
	let digest = sp_io::hashing::blake2_256(&(b"coin", index).encode());
	f64::from(u32::from_le_bytes([digest[0], digest[1], digest[2], digest[3]])) / 2f64.powi(32)
}

use codec::Encode;

#[test]
fn a_built_plot_answers_what_the_verifier_accepts() {
	let plot = plot();
	assert_eq!(plot.commitment(), plot_commitment(plot.labels()));
	for n in 0..32 {
		let answers = plot.answer(&randomness(n), &asset(), 8).unwrap();
		assert_eq!(
			verify_space_answers(&plot.commitment(), LABELS, &asset(), &randomness(n), 8, &answers),
			Ok(())
		);
	}
	assert_eq!(
		plot.answer(&randomness(0), &asset(), MAX_SPACE_SAMPLES + 1),
		Err(ProverError::TooManySamples)
	);
}

#[test]
fn plots_are_powers_of_two_from_two_labels() {
	assert_eq!(Plot::build(H256::zero(), 1000), Err(ProverError::InvalidPlotSize));
	assert_eq!(Plot::build(H256::zero(), 1), Err(ProverError::InvalidPlotSize));
	assert!(Plot::build(H256::zero(), 2).is_ok());
	let plot = plot();
	let answers = plot.answer(&randomness(0), &asset(), 2).unwrap();
	assert_eq!(
		verify_space_answers(&plot.commitment(), 1000, &asset(), &randomness(0), 2, &answers),
		Err(SpaceError::InvalidPlotSize)
	);
}

#[test]
fn tampered_answers_are_refused() {
	let plot = plot();
	let (commitment, r) = (plot.commitment(), randomness(7));
	let check = |answers: &[SampleAnswer]| {
		verify_space_answers(&commitment, LABELS, &asset(), &r, 4, answers)
	};
	let good = plot.answer(&r, &asset(), 4).unwrap();
	assert_eq!(check(&good[..3]), Err(SpaceError::WrongSampleCount));
	assert!(verify_space_answers(&commitment, LABELS, &asset(), &randomness(8), 4, &good).is_err());

	let mut bad = good.clone();
	bad[1].sample.label = H256::zero();
	assert_eq!(check(&bad), Err(SpaceError::BadMerklePath));
	let mut bad = good.clone();
	bad[2].parents[3].label = H256::zero();
	assert_eq!(check(&bad), Err(SpaceError::BadMerklePath));
	let mut bad = good.clone();
	bad[0].parents.pop();
	assert_eq!(check(&bad), Err(SpaceError::WrongParentCount));
	let mut bad = good.clone();
	bad[3].sample.path.pop();
	assert_eq!(check(&bad), Err(SpaceError::BadMerklePath));
}

#[test]
fn a_label_not_computed_from_its_parents_fails_when_it_is_sampled() {
	let honest = plot();
	let forged = 700;
	let mut labels = honest.labels().to_vec();
	labels[forged as usize] = H256([1; 32]);
	let cheat = Plot::from_labels(honest.seed(), labels);
	// A challenge that samples the forged label: its openings are all in the
	// committed tree, but the label is not the hash of its parents.
	let r = (0..)
		.map(randomness)
		.find(|r| sample_indices(r, &asset(), LABELS, 1).next() == Some(forged))
		.unwrap();
	let answers = cheat.answer(&r, &asset(), 1).unwrap();
	assert_eq!(
		verify_space_answers(&cheat.commitment(), LABELS, &asset(), &r, 1, &answers),
		Err(SpaceError::WrongLabel)
	);
	// A label whose parent is forged fails too: its honest value does not hash
	// from the forged parent.
	let child = (forged + 1..LABELS)
		.find(|child| label_parents(&honest.seed(), *child).contains(&forged))
		.unwrap();
	let r = (0..)
		.map(randomness)
		.find(|r| sample_indices(r, &asset(), LABELS, 1).next() == Some(child))
		.unwrap();
	let answers = cheat.answer(&r, &asset(), 1).unwrap();
	assert_eq!(
		verify_space_answers(&cheat.commitment(), LABELS, &asset(), &r, 1, &answers),
		Err(SpaceError::WrongLabel)
	);
}

#[test]
fn parents_lie_before_their_label_and_reach_far_back() {
	let seed = plot_seed(&asset());
	assert_eq!(label_parents(&seed, 1), [0; LABEL_PARENTS as usize]);
	let mut far = 0u32;
	let mut drawn = 0u32;
	for index in 2..LABELS {
		let parents = label_parents(&seed, index);
		assert_eq!(parents[0], index - 1);
		for parent in &parents[1..] {
			assert!(*parent <= index - 2, "label {index} has parent {parent}");
			drawn += 1;
			far += u32::from(index - parent >= index / 2);
		}
	}
	// Distances are log-uniform: about one in log2(index) + 1 reaches back over half
	// the plot before the label (1/11 here).
	let share = f64::from(far) / f64::from(drawn);
	assert!((0.06..0.2).contains(&share), "share of far parents {share}");
}

#[test]
fn a_prover_that_kept_a_fraction_of_the_plot_passes_as_often_as_stated() {
	// A prover that kept each label with probability f, and recomputes none in the
	// answer window, passes a sample only if it kept the sampled label and all its
	// parents: probability f^d for d distinct labels (d = 1 + LABEL_PARENTS but for
	// coinciding parents of the first labels), f^(7k) for a challenge of k samples.
	let plot = plot();
	let (f, samples, challenges) = (0.95, 2, 4_000);
	let kept: Vec<bool> = (0..LABELS).map(|index| coin(index) < f).collect();
	// The fraction this prover really kept.
	let f = kept.iter().filter(|kept| **kept).count() as f64 / f64::from(LABELS);
	let mut passed = 0u32;
	let mut expected = 0f64;
	for n in 0..challenges {
		let mut needed = Vec::new();
		for index in sample_indices(&randomness(n), &asset(), LABELS, samples) {
			needed.push(index);
			if index > 0 {
				needed.extend(label_parents(&plot.seed(), index));
			}
		}
		needed.sort_unstable();
		needed.dedup();
		expected += f.powi(needed.len() as i32);
		passed += u32::from(needed.iter().all(|index| kept[*index as usize]));
	}
	let (observed, expected) =
		(f64::from(passed) / f64::from(challenges), expected / f64::from(challenges));
	let stated = f.powi((1 + LABEL_PARENTS as i32) * samples as i32);
	assert!(
		(observed - expected).abs() < 0.03,
		"observed {observed}, expected {expected}, kept {f}"
	);
	assert!((expected - stated).abs() < 0.02, "expected {expected}, stated {stated}");
}

#[test]
fn a_dropped_label_costs_a_large_part_of_the_plot_to_regenerate() {
	// A prover that kept half of a plot (each label with probability 1/2) and must
	// answer for a label it dropped recomputes most labels before it: the long-range
	// parents make the missing ancestors branch (six parents, each missing with
	// probability 1/2). One that kept 95 % recomputes a few.
	let labels = 1 << 14;
	let seed = plot_seed(&asset());
	let mean_cost = |f: f64| {
		let kept: Vec<bool> = (0..labels).map(|index| coin(index) < f).collect();
		let dropped: Vec<u32> =
			(labels / 2..labels).filter(|index| !kept[*index as usize]).take(50).collect();
		let total: usize =
			dropped.iter().map(|index| labels_to_regenerate(&seed, &kept, *index).len()).sum();
		total as f64 / dropped.len() as f64
	};
	let half = mean_cost(0.5);
	let most = mean_cost(0.95);
	println!("labels to recompute per dropped label: kept 1/2 → {half}, kept 95 % → {most}");
	assert!(half > f64::from(labels) / 8.0, "kept half: {half}");
	assert!(most < 20.0, "kept 95 %: {most}");
}

#[test]
fn a_sparse_plot_answers_its_challenge_at_the_deepest_path() {
	let labels = 1u32 << crate::space::MAX_MERKLE_DEPTH;
	let seed = plot_seed(&asset());
	let sparse =
		SparsePlot::for_challenge(seed, labels, &randomness(0), &asset(), MAX_SPACE_SAMPLES)
			.unwrap();
	let answers = sparse.answer(&randomness(0), &asset(), MAX_SPACE_SAMPLES).unwrap();
	assert!(answers.iter().all(|answer| answer.sample.path.len() == 31));
	let verify = |randomness: &H256, answers: &[SampleAnswer]| {
		verify_space_answers(
			&sparse.commitment(),
			labels,
			&asset(),
			randomness,
			MAX_SPACE_SAMPLES,
			answers,
		)
	};
	assert_eq!(verify(&randomness(0), &answers), Ok(()));
	// It holds nothing else: another challenge finds zeros where labels should be.
	let other = sparse.answer(&randomness(1), &asset(), MAX_SPACE_SAMPLES).unwrap();
	assert_eq!(verify(&randomness(1), &other), Err(SpaceError::WrongLabel));
	// Small sizes work alike.
	let small = SparsePlot::for_challenge(seed, LABELS, &randomness(2), &asset(), 8).unwrap();
	let answers = small.answer(&randomness(2), &asset(), 8).unwrap();
	assert_eq!(
		verify_space_answers(&small.commitment(), LABELS, &asset(), &randomness(2), 8, &answers),
		Ok(())
	);
}

#[test]
fn a_sparse_plot_answers_samples_that_repeat_or_are_each_others_parents() {
	// With 4 labels and 16 samples, samples repeat and sampled labels are parents of
	// other sampled labels.
	let seed = plot_seed(&asset());
	for n in 0..8 {
		let sparse = SparsePlot::for_challenge(seed, 4, &randomness(n), &asset(), 16).unwrap();
		let answers = sparse.answer(&randomness(n), &asset(), 16).unwrap();
		assert_eq!(
			verify_space_answers(&sparse.commitment(), 4, &asset(), &randomness(n), 16, &answers),
			Ok(())
		);
	}
}
