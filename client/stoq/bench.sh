#!/usr/bin/env bash
# Runs the STOQ loopback benchmark (STOQ vs plain quinn vs TCP+TLS, latency,
# handshakes/s). Extra arguments are passed to cargo; tune with the
# STOQ_BENCH_* variables documented in transport/benches/loopback.rs.
set -euo pipefail
cd "$(dirname "$0")"
exec cargo bench -p hypermesh-stoq --bench loopback "$@"
