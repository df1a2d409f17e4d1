#!/usr/bin/env bash
# Builds the STOQ loopback benchmark here and packs it, with a runner, into
# one folder for a machine that has no Rust toolchain (e.g. a many-core
# test machine):
#
#   ./scripts/bench-stoq-bundle.sh DIR     # here: build, strip, write DIR/run.sh
#   DIR/run.sh                             # there: measure
#
# run.sh raises the UDP socket buffer limit when run as root, and on 16 or
# more cores measures 1 to 16 links of 8 GiB runs; any STOQ_BENCH_* variable
# set there overrides its defaults.
set -euo pipefail
out="${1:?usage: $0 DIR}"
cd "$(dirname "$0")/.."
source scripts/env.sh
mkdir -p "$out"
binary=$(cargo bench --manifest-path client/stoq/Cargo.toml -p hypermesh-stoq --bench loopback \
	--no-run --message-format=json |
	sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1)
[ -x "$binary" ] || { echo "benchmark binary not found" >&2; exit 1; }
cp "$binary" "$out/stoq-loopback"
strip "$out/stoq-loopback"
cat >"$out/run.sh" <<'RUN'
#!/usr/bin/env bash
# Runs the bundled STOQ loopback benchmark (see scripts/bench-stoq-bundle.sh).
set -euo pipefail
cd "$(dirname "$0")"
if [ "$(id -u)" = 0 ]; then
	# STOQ asks for 8 MiB socket buffers; the kernel caps them at these limits.
	sysctl -qw net.core.rmem_max=8388608 net.core.wmem_max=8388608 || true
fi
if [ "$(nproc)" -ge 16 ]; then
	export STOQ_BENCH_MIB="${STOQ_BENCH_MIB:-8192}"
	export STOQ_BENCH_LINKS="${STOQ_BENCH_LINKS:-1,2,4,8,16}"
fi
exec ./stoq-loopback --bench
RUN
chmod +x "$out/run.sh"
echo "bundled: $out/run.sh ($(du -h "$out/stoq-loopback" | cut -f1) benchmark binary)"
