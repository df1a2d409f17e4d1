//! Subcommands that answer without running a chain.

mod common;

use std::process::Command;

/// A node built without `runtime-benchmarks` refuses `benchmark` with a
/// clear pointer to the build that has it, instead of an unknown-subcommand
/// error.
#[cfg(not(feature = "runtime-benchmarks"))]
#[test]
fn benchmark_explains_how_to_get_a_benchmarking_node() {
	let output = Command::new(common::node_binary())
		.args(["benchmark", "pallet", "--list"])
		.output()
		.expect("the node runs");
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(!output.status.success(), "benchmark succeeded without benchmarks");
	assert!(stderr.contains("--features runtime-benchmarks"), "unexpected error: {stderr}");
}
