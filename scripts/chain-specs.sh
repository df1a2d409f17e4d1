#!/usr/bin/env bash
# Regenerates chain-specs/ (dev and local, plain and raw) from the runtime's
# genesis presets with the node's own `build-spec`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
# The same build as scripts/test.sh, so the two share artifacts.
cargo build --locked --workspace --tests
node="$HYPERMESH_NODE"
for chain in dev local; do
	"$node" build-spec --chain "$chain" --disable-default-bootnode >"chain-specs/$chain.json"
	"$node" build-spec --chain "$chain" --disable-default-bootnode --raw >"chain-specs/$chain-raw.json"
	echo "chain-specs/$chain.json, chain-specs/$chain-raw.json"
done
