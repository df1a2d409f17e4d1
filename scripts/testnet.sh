#!/usr/bin/env bash
# Starts the four validators of the local chain (Alice, Bob, Charlie, Dave)
# on loopback, each with its own base path and ports, waits until every one
# finalizes, then stops them cleanly. `--keep-running` serves until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
cargo build -p hypermesh-node -p hypermesh-testnet --locked
exec "$CARGO_TARGET_DIR/debug/hypermesh-testnet" run "$@"
