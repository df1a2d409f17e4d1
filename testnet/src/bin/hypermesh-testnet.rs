//! `hypermesh-testnet`: four local validators on loopback.
//!
//! - `run`: start them, wait until every one finalizes, then stop them cleanly
//!   (or, with `--keep-running`, serve until Ctrl-C).
//! - `bench-finality`: measure the import-to-finalized latency over N blocks.

use anyhow::Context;
use clap::{Parser, Subcommand};
use hypermesh_testnet::{
	finality,
	network::{LocalTestnet, VALIDATORS},
	process::default_binary,
};
use std::{path::PathBuf, time::Duration};

/// How long the testnet may take to finalize its first blocks.
const FINALITY_LIMIT: Duration = Duration::from_secs(300);

#[derive(Parser)]
#[command(about = "Four HyperMesh validators on loopback")]
struct Args {
	/// The node binary (default: $HYPERMESH_NODE or the debug build).
	#[arg(long, global = true)]
	node: Option<PathBuf>,
	/// Chain name or spec file.
	#[arg(long, global = true, default_value = "local")]
	chain: String,
	/// Where the validators keep their data (default: a temporary directory).
	#[arg(long, global = true)]
	base_dir: Option<PathBuf>,
	#[command(subcommand)]
	command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
	/// Start the validators, wait until all finalize, stop them.
	Run {
		/// Keep the validators running until Ctrl-C.
		#[arg(long)]
		keep_running: bool,
	},
	/// Print the median and p95 import-to-finalized latency.
	BenchFinality {
		/// Number of blocks to measure.
		#[arg(long, default_value_t = 30)]
		blocks: usize,
	},
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
	let args = Args::parse();
	let binary = args.node.unwrap_or_else(default_binary);
	let temp = tempfile::tempdir()?;
	let dir = args.base_dir.unwrap_or_else(|| temp.path().to_path_buf());

	eprintln!(
		"starting {} validators of `{}` under {}",
		VALIDATORS.len(),
		args.chain,
		dir.display()
	);
	let mut testnet = LocalTestnet::start(&binary, &args.chain, &dir)?;
	let outcome = drive(&testnet, args.command).await;
	if outcome.is_err() {
		eprintln!("{}", testnet.logs());
	}
	eprintln!("stopping validators");
	testnet.stop()?;
	outcome
}

async fn drive(testnet: &LocalTestnet, command: Cmd) -> anyhow::Result<()> {
	for (index, name) in VALIDATORS.iter().enumerate() {
		let finalized = testnet.wait_finalized_above(index, 0, FINALITY_LIMIT).await?;
		eprintln!("{name}: finalized #{finalized} ({})", testnet.nodes[index].rpc_url());
	}
	match command {
		Cmd::Run { keep_running } => {
			println!("all {} validators finalize", VALIDATORS.len());
			if keep_running {
				eprintln!("running; Ctrl-C stops the validators");
				tokio::signal::ctrl_c().await?;
			}
		}
		Cmd::BenchFinality { blocks } => {
			let rpc = testnet.rpc(0).await?;
			eprintln!("measuring {blocks} blocks on {}", VALIDATORS[0]);
			let latencies = finality::measure(&rpc, blocks).await.context("measuring finality")?;
			let median = finality::percentile(&latencies, 50);
			let p95 = finality::percentile(&latencies, 95);
			let slot = Duration::from_millis(hypermesh_runtime::SLOT_DURATION);
			println!("finality over {} blocks, 4 validators on loopback", latencies.len());
			println!("  median import-to-finalized: {:.3} s", median.as_secs_f64());
			println!("  p95 import-to-finalized:    {:.3} s", p95.as_secs_f64());
			println!(
				"  median / slot duration ({:.1} s): {:.2}",
				slot.as_secs_f64(),
				median.as_secs_f64() / slot.as_secs_f64()
			);
		}
	}
	Ok(())
}
