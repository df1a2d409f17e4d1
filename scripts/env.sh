# Sourced by the other scripts: where cargo builds (outside the clone, so
# every clone and CI run on this machine reuses one build) and the toolchain.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/hypermesh/target}"
# shellcheck disable=SC1091
[ -f "$HOME/.cargo/env" ] && source "$HOME/.cargo/env"
HYPERMESH_NODE="$CARGO_TARGET_DIR/debug/hypermesh-node"
export HYPERMESH_NODE
