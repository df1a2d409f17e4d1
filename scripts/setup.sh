#!/usr/bin/env bash
# Prepares a fresh Debian/Ubuntu machine to build and test HyperMesh.
# Idempotent: every step is skipped or harmless when already done.
set -euo pipefail

packages=(build-essential clang libclang-dev cmake pkg-config libssl-dev protobuf-compiler git curl)
# Node.js runs the Polkadot.js client check; any installed Node.js 18+ will do.
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
	dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
	echo "setup: installing ${missing[*]}"
	sudo_cmd=""
	[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
	$sudo_cmd apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v rustup >/dev/null 2>&1; then
	echo "setup: installing rustup"
	curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
	# shellcheck disable=SC1091
	source "$HOME/.cargo/env"
fi
rustup target add wasm32-unknown-unknown >/dev/null
rustup component add rust-src >/dev/null
echo "setup: $(rustc --version), wasm32-unknown-unknown and rust-src installed"
