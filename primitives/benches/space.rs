//! What the proof of space costs an honest provider and a cheating one, measured
//! here: plotting, answering an audit, verifying it, and regenerating a label that
//! was not kept. Run with `cargo bench -p hypermesh-primitives --bench space`;
//! `SPACE_BENCH_LOG2` sets the plot measured (2^22 labels, 128 MiB, by default).
//!
//! The baseline, measured in the same run, is one blake2-256 over a label's input
//! (244 bytes): a label costs about two of them (its parents and its own hash), and
//! everything else is counted in labels.

use std::time::{Duration, Instant};

use hypermesh_primitives::{
	prover::{labels_to_regenerate, Plot},
	space::{label, label_parents, plot_seed, verify_space_answers, LABEL_PARENTS},
	AssetId,
};
use sp_core::H256;

/// The runtime's answer window: 20 blocks of 3 s.
const WINDOW: Duration = Duration::from_secs(60);
/// Samples per audit at the strictest profile.
const SAMPLES: u32 = 16;

fn main() {
	let log2: u32 =
		std::env::var("SPACE_BENCH_LOG2").ok().and_then(|v| v.parse().ok()).unwrap_or(22);
	let labels = 1u32 << log2;
	let asset = AssetId([7; 32]);
	let seed = plot_seed(&asset);

	// Baseline: the hash a label is made of.
	let input = [0x5au8; 15 + 32 + 4 + 32 * LABEL_PARENTS as usize];
	let rounds = 1_000_000u32;
	let started = Instant::now();
	let mut sink = [0u8; 32];
	for round in 0..rounds {
		let mut block = input;
		block[..4].copy_from_slice(&round.to_le_bytes());
		sink = sp_io::hashing::blake2_256(&block);
	}
	let hash_ns = started.elapsed().as_nanos() as f64 / f64::from(rounds);
	std::hint::black_box(sink);

	let started = Instant::now();
	let plot = Plot::build_with_progress(seed, labels, |done| {
		if done % (1 << 22) == 0 {
			eprintln!("plotting: {done} of {labels} labels");
		}
	})
	.expect("a valid size");
	let build = started.elapsed();
	let label_ns = build.as_nanos() as f64 / f64::from(labels);

	let audits = 200u32;
	let randomness = |n: u32| H256(sp_io::hashing::blake2_256(&n.to_le_bytes()));
	let started = Instant::now();
	let answers: Vec<_> =
		(0..audits).map(|n| plot.answer(&randomness(n), &asset, SAMPLES).unwrap()).collect();
	let answer = started.elapsed() / audits;
	let started = Instant::now();
	for (n, answer) in answers.iter().enumerate() {
		let r = randomness(n as u32);
		assert!(
			verify_space_answers(&plot.commitment(), labels, &asset, &r, SAMPLES, answer).is_ok()
		);
	}
	let verify = started.elapsed() / audits;
	let answer_bytes = codec::Encode::encoded_size(&answers[0]);

	// A prover that kept every other label at random regenerates dropped ones.
	let coin = |index: u32| sp_io::hashing::blake2_256(&index.to_le_bytes())[0] < 128;
	let kept: Vec<bool> = (0..labels).map(coin).collect();
	let dropped: Vec<u32> =
		(labels / 2..labels).filter(|index| !kept[*index as usize]).take(10).collect();
	let mut values: Vec<Option<H256>> =
		plot.labels().iter().zip(&kept).map(|(label, kept)| kept.then_some(*label)).collect();
	let started = Instant::now();
	let mut recomputed = 0usize;
	for index in &dropped {
		let order = labels_to_regenerate(&seed, &kept, *index);
		recomputed += order.len();
		for at in order {
			let parents: Vec<H256> = if at == 0 {
				Vec::new()
			} else {
				label_parents(&seed, at).iter().map(|p| values[*p as usize].unwrap()).collect()
			};
			values[at as usize] = Some(label(&seed, at, &parents));
		}
		assert_eq!(values[*index as usize], Some(plot.labels()[*index as usize]));
		// Forget again what was regenerated, for the next label.
		for (value, kept) in values.iter_mut().zip(&kept) {
			if !kept {
				*value = None;
			}
		}
	}
	let regenerate = started.elapsed() / dropped.len() as u32;
	let share = recomputed as f64 / dropped.len() as f64 / f64::from(labels);

	println!("proof of space, plot of 2^{log2} labels ({} MiB)", (u64::from(labels) * 32) >> 20);
	println!("baseline: blake2-256 of a label's input   {hash_ns:>10.0} ns");
	println!(
		"label (parents + hash)                    {label_ns:>10.0} ns   = {:.2} baseline hashes",
		label_ns / hash_ns
	);
	println!(
		"plotting                                  {:>10.2} s    ({:.1} M labels/s)",
		build.as_secs_f64(),
		1e3 / label_ns
	);
	println!("honest answer, {SAMPLES} samples                 {:>10.3} ms   = {:.2e} of the 60 s window ({answer_bytes} bytes)", answer.as_secs_f64() * 1e3, answer.as_secs_f64() / WINDOW.as_secs_f64());
	println!("verification                              {:>10.3} ms", verify.as_secs_f64() * 1e3);
	println!("regenerating a dropped label, kept 1/2    {:>10.3} s    = {:.3} of the window; {:.1} % of the plot recomputed", regenerate.as_secs_f64(), regenerate.as_secs_f64() / WINDOW.as_secs_f64(), share * 100.0);
	println!(
		"regeneration / honest answer              {:>10.0} x",
		regenerate.as_secs_f64() / answer.as_secs_f64()
	);
	for plot_log2 in [12u32, 20, 26, 28, 30, 31] {
		let seconds = share * f64::from(1u32 << plot_log2) * label_ns / 1e9;
		println!(
			"  extrapolated, 2^{plot_log2} labels ({:>6} MiB): regenerating {:>9.2} s = {:>7.3} windows",
			(1u64 << plot_log2) * 32 >> 20,
			seconds,
			seconds / WINDOW.as_secs_f64()
		);
	}
}
