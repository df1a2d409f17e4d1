#!/usr/bin/env bash
# Regenerates the weights of the HyperMesh pallets from benchmarks, never by
# hand: builds an optimised node whose runtime carries its benchmarks (cargo
# profile `runtime-benchmarks`, apart from the debug build the tests use),
# runs `benchmark pallet` for every HyperMesh pallet into its `weights.rs`,
# and prints how many register and allocate calls fit in one block.
#
# The node must be optimised: benchmarks time the runtime together with the
# node's host functions (hashing above all), and a debug node's hashing is
# tens of times slower than a release node's.
#
# Usage: scripts/weights.sh [steps] [repeat]     (defaults: 50 20)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
steps="${1:-50}"
repeat="${2:-20}"

echo "==> building the optimised node with runtime benchmarks"
# The benchmarking CLI's own test runtime serves `benchmark storage` only; its WASM
# build cannot find the crate in this workspace's metadata (the CLI is an optional
# dependency), so it is skipped.
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1
cargo build --locked --profile runtime-benchmarks -p hypermesh-node --features runtime-benchmarks
node="$CARGO_TARGET_DIR/runtime-benchmarks/hypermesh-node"
wasm="$CARGO_TARGET_DIR/runtime-benchmarks/wbuild/hypermesh-runtime/hypermesh_runtime.compact.compressed.wasm"

for pallet in asset-registry four-proof privacy proxy; do
	crate="pallet_${pallet//-/_}"
	[ "$pallet" = proxy ] && crate=pallet_mesh_proxy
	echo "==> benchmarking $crate ($steps steps, $repeat repeats)"
	"$node" benchmark pallet \
		--runtime "$wasm" \
		--genesis-builder runtime --genesis-builder-preset development \
		--pallet "$crate" --extrinsic '*' \
		--steps "$steps" --repeat "$repeat" \
		--wasm-execution compiled \
		--template scripts/frame-weight-template.hbs \
		--output "pallets/$pallet/src/weights.rs"
done

echo "==> calls per block"
# Built with the test build's features (`--workspace --tests`), so it reuses
# that build instead of compiling the runtime once more.
cargo build --locked --workspace --tests --examples
"$CARGO_TARGET_DIR/debug/examples/calls_per_block"
