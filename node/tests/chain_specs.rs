//! The chain specs checked in under `chain-specs/` are exactly what
//! `build-spec` makes from the runtime's presets today. Only the runtime
//! code is left out of the comparison: its bytes depend on where and how the
//! WASM was built, not on the presets (scripts/chain-specs.sh regenerates all).

mod common;

use serde_json::Value;
use std::{path::Path, process::Command};

/// Runs `build-spec` for `chain`, `raw` or plain.
fn build_spec(chain: &str, raw: bool) -> Value {
	let mut command = Command::new(common::node_binary());
	command.args(["build-spec", "--chain", chain, "--disable-default-bootnode"]);
	if raw {
		command.arg("--raw");
	}
	let output = command.output().expect("build-spec runs");
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	serde_json::from_slice(&output.stdout).expect("build-spec prints JSON")
}

/// The spec without its runtime code (plain: `runtimeGenesis.code`, raw: the `:code` key).
fn without_code(mut spec: Value) -> Value {
	let genesis = &mut spec["genesis"];
	if let Some(runtime) = genesis.get_mut("runtimeGenesis").and_then(Value::as_object_mut) {
		assert!(runtime.remove("code").is_some(), "plain spec carries code");
	}
	if let Some(top) = genesis.pointer_mut("/raw/top").and_then(Value::as_object_mut) {
		assert!(top.remove("0x3a636f6465").is_some(), "raw spec carries code");
	}
	spec
}

fn checked_in(file: &str) -> Value {
	let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../chain-specs").join(file);
	let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
	serde_json::from_str(&text).expect("checked-in spec is JSON")
}

#[test]
fn checked_in_chain_specs_match_the_runtime_presets() {
	for (chain, raw, file) in [
		("dev", false, "dev.json"),
		("dev", true, "dev-raw.json"),
		("local", false, "local.json"),
		("local", true, "local-raw.json"),
	] {
		assert!(
			without_code(build_spec(chain, raw)) == without_code(checked_in(file)),
			"chain-specs/{file} drifted from the runtime; run scripts/chain-specs.sh"
		);
	}
}
