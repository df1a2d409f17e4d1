#!/usr/bin/env bash
# Finality benchmark: on the four-validator loopback testnet, prints the
# median and p95 time from a block's import to its finalization over
# `--blocks N` blocks (default 30).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
cargo build -p hypermesh-node -p hypermesh-testnet --locked
exec "$CARGO_TARGET_DIR/debug/hypermesh-testnet" bench-finality "$@"
