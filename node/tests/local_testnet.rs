//! Four validators of the `local` chain (whose genesis `chain_specs.rs` checks
//! against the checked-in spec): GRANDPA finality
//! tolerates one failed validator, stalls with two, and resumes when they
//! return, without losing any finalized block.

mod common;

use common::{node_binary, LIMIT};
use hypermesh_testnet::{network::LocalTestnet, rpc::Rpc, wait};
use std::time::{Duration, Instant};

/// How long finality must stay put, with two of four validators down, to
/// count as stalled: ten slots, while the two live validators keep authoring.
const STALL_WINDOW: Duration = Duration::from_secs(30);

/// The canonical hashes of blocks `0..=up_to` on `rpc`.
async fn hashes(rpc: &Rpc, up_to: u32) -> anyhow::Result<Vec<sp_core::H256>> {
	let mut hashes = Vec::new();
	for number in 0..=up_to {
		hashes.push(rpc.block_hash(number).await?.ok_or_else(|| anyhow::anyhow!("no #{number}"))?);
	}
	Ok(hashes)
}

#[tokio::test(flavor = "multi_thread")]
async fn finality_survives_one_fault_stalls_at_two_and_resumes() -> anyhow::Result<()> {
	let dir = tempfile::tempdir()?;
	let mut net = LocalTestnet::start(&node_binary(), "local", dir.path())?;
	let result = scenario(&mut net).await;
	if result.is_err() {
		eprintln!("{}", net.logs());
	}
	net.stop()?;
	result
}

async fn scenario(net: &mut LocalTestnet) -> anyhow::Result<()> {
	// All four finalize.
	for index in 0..4 {
		net.wait_finalized_above(index, 0, LIMIT).await?;
	}

	// Dave fails: three of four is more than two thirds, so finality goes on.
	net.nodes[3].kill()?;
	let alice = net.rpc(0).await?;
	let before = alice.finalized_number().await?;
	net.wait_finalized_above(0, before + 2, LIMIT).await?;

	// Charlie fails too: two of four cannot finalize.
	net.nodes[2].kill()?;
	// Votes already cast may still complete a round; then finality must stop.
	let deadline = Instant::now() + LIMIT * 2;
	let mut stalled_at = alice.finalized_number().await?;
	let mut best_when_stalled = alice.best_number().await?;
	let mut quiet_since = Instant::now();
	while quiet_since.elapsed() < STALL_WINDOW {
		anyhow::ensure!(
			Instant::now() < deadline,
			"finality never stalled with two validators down"
		);
		tokio::time::sleep(wait::POLL_INTERVAL).await;
		let finalized = alice.finalized_number().await?;
		if finalized != stalled_at {
			stalled_at = finalized;
			best_when_stalled = alice.best_number().await?;
			quiet_since = Instant::now();
		}
	}
	let best = alice.best_number().await?;
	assert!(best > best_when_stalled, "the live validators keep authoring while finality stalls");
	let finalized_before_restart = hashes(&alice, stalled_at).await?;

	// Both return on their own databases: finality resumes past the stall.
	net.nodes[2].restart()?;
	net.nodes[3].restart()?;
	for index in 0..4 {
		net.wait_finalized_above(index, stalled_at, LIMIT * 2).await?;
	}

	// No finalized block was lost or replaced, on any validator.
	for index in 0..4 {
		let rpc = net.rpc(index).await?;
		assert_eq!(hashes(&rpc, stalled_at).await?, finalized_before_restart, "validator {index}");
	}
	Ok(())
}
