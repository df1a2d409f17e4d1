#!/usr/bin/env bash
# Sets up the machine, builds everything and runs every test: runtime tests,
# the testnet harness' own tests, the node integration tests that drive real
# node processes on loopback, and STOQ (its own workspace under client/stoq).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh

echo "==> installing the Polkadot.js client used by the compatibility test"
npm ci --prefix scripts/polkadot-js --no-audit --no-fund --silent

echo "==> building (target directory: $CARGO_TARGET_DIR)"
cargo build --workspace --tests --locked
cargo build --workspace --tests --locked --manifest-path client/stoq/Cargo.toml
echo "==> testing the node, runtime and testnet"
cargo test --workspace --locked
echo "==> testing the pallets' benchmarks (each runs once on the pallet's mock)"
cargo test --locked -p pallet-four-proof -p pallet-asset-registry -p pallet-privacy -p pallet-mesh-proxy \
	--features pallet-four-proof/runtime-benchmarks,pallet-asset-registry/runtime-benchmarks,pallet-privacy/runtime-benchmarks,pallet-mesh-proxy/runtime-benchmarks
echo "==> testing STOQ"
cargo test --workspace --locked --manifest-path client/stoq/Cargo.toml
