#!/usr/bin/env bash
# STOQ loopback benchmark: bulk throughput of STOQ, plain quinn and TCP+TLS
# in one run with their ratios, small-message latency, handshakes per second
# (post-quantum vs classical). See client/stoq/transport/benches/loopback.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
exec client/stoq/bench.sh "$@"
