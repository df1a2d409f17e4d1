//! Command-line interface: the standard Substrate node flags and subcommands.

use sc_cli::RunCmd;

/// The `hypermesh-node` command line.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	/// A maintenance subcommand; without one, the node runs.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Flags for running the node (`--dev`, `--chain`, `--validator`, `--rpc-port`, …).
	#[clap(flatten)]
	pub run: RunCmd,
}

/// Maintenance subcommands.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management utilities.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (`--raw` for the storage form).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Benchmarks: pallets, blocks, storage, overhead, extrinsics, machine.
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Benchmarks: only in a node built with `--features runtime-benchmarks`
	/// (`scripts/weights.sh` builds one).
	#[cfg(not(feature = "runtime-benchmarks"))]
	#[command(disable_help_flag = true)]
	Benchmark {
		/// The benchmark's arguments, refused with an explanation.
		#[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
		args: Vec<String>,
	},

	/// Database metadata.
	ChainInfo(sc_cli::ChainInfoCmd),
}
