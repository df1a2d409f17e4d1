#!/usr/bin/env bash
# Sets up the machine, builds the node and runs a single-validator development
# chain (Alice) with a temporary database. JSON-RPC on ws://127.0.0.1:9944.
# Extra arguments go to the node, e.g. `scripts/run-dev.sh --rpc-cors all`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
cargo build -p hypermesh-node --locked
exec "$HYPERMESH_NODE" --dev --tmp "$@"
