#!/usr/bin/env bash
# Regenerates the weights of the HyperMesh pallets from benchmarks, never by
# hand: builds the runtime with its benchmarks (in its own cargo profile, so
# the node's runtime is untouched), runs `hypermesh-node benchmark pallet` on
# that WASM for every HyperMesh pallet, writes each pallet's `weights.rs`, and
# prints how many register and allocate calls fit in one block.
#
# Usage: scripts/weights.sh [steps] [repeat]     (defaults: 50 20)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
steps="${1:-50}"
repeat="${2:-20}"

echo "==> building the node and the runtime with benchmarks"
cargo build --locked -p hypermesh-node
cargo build --locked -p hypermesh-runtime --features runtime-benchmarks --profile runtime-benchmarks
wasm="$CARGO_TARGET_DIR/runtime-benchmarks/wbuild/hypermesh-runtime/hypermesh_runtime.compact.compressed.wasm"

for pallet in asset-registry four-proof privacy proxy; do
	crate="pallet_${pallet//-/_}"
	[ "$pallet" = proxy ] && crate=pallet_mesh_proxy
	echo "==> benchmarking $crate ($steps steps, $repeat repeats)"
	"$HYPERMESH_NODE" benchmark pallet \
		--runtime "$wasm" \
		--genesis-builder-preset development \
		--pallet "$crate" --extrinsic '*' \
		--steps "$steps" --repeat "$repeat" \
		--wasm-execution compiled \
		--template scripts/frame-weight-template.hbs \
		--output "pallets/$pallet/src/weights.rs"
done

echo "==> calls per block"
cargo run --locked -p hypermesh-runtime --example calls_per_block
