#![allow(dead_code)] // each test binary uses a different part of this module

//! What the node's integration tests share: the binary under test, a dev
//! node launcher, signed submission and failure reporting.

use codec::Encode;
use hypermesh_runtime::{signing::sign_transaction, Hash, Nonce, RuntimeCall};
use hypermesh_testnet::{
	network::STARTUP_LIMIT,
	process::{free_port, Node, NodeConfig},
	rpc::Rpc,
	wait,
};
use serde_json::Value;
use sp_keyring::Sr25519Keyring;
use sp_runtime::generic::Era;
use std::{
	path::{Path, PathBuf},
	process::Command,
	time::Duration,
};

/// Generous bound for anything that takes a few blocks.
pub const LIMIT: Duration = Duration::from_secs(180);

/// The node binary cargo built for these tests.
pub fn node_binary() -> PathBuf {
	env!("CARGO_BIN_EXE_hypermesh-node").into()
}

/// Starts a `--dev` node storing its data in `dir` and connects to it once
/// it has finalized a block.
pub async fn dev_node(dir: &std::path::Path, prometheus: bool) -> anyhow::Result<(Node, Rpc)> {
	let mut config = NodeConfig::new(&node_binary(), &["--dev"], dir)?;
	if prometheus {
		config.prometheus_port = Some(free_port()?);
	}
	let node = Node::start(config)?;
	let rpc = report(connect_and_wait_finality(&node).await, &node)?;
	Ok((node, rpc))
}

/// Connects to `node` and waits until it finalizes a block.
pub async fn connect_and_wait_finality(node: &Node) -> anyhow::Result<Rpc> {
	let rpc = Rpc::connect_when_up(&node.rpc_url(), STARTUP_LIMIT).await?;
	wait::until("the node finalizes a block", LIMIT, || async {
		Ok((rpc.finalized_number().await? > 0).then_some(()))
	})
	.await?;
	Ok(rpc)
}

/// Runs `scripts/polkadot-js/<script>` with Node.js and `args`; returns what it
/// printed, or an error with its output when it failed. Needs
/// `npm ci --prefix scripts/polkadot-js` (scripts/test.sh runs it).
pub async fn polkadot_js(script: &str, args: Vec<String>) -> anyhow::Result<String> {
	let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/polkadot-js");
	anyhow::ensure!(
		dir.join("node_modules/@polkadot/api").is_dir(),
		"@polkadot/api is not installed: run `npm ci --prefix scripts/polkadot-js`"
	);
	let path = dir.join(script);
	let output =
		tokio::task::spawn_blocking(move || Command::new("node").arg(path).args(args).output())
			.await??;
	let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
	anyhow::ensure!(
		output.status.success(),
		"{script} failed:\n{stdout}{}",
		String::from_utf8_lossy(&output.stderr)
	);
	Ok(stdout)
}

/// Passes `result` through, printing the node's log when it failed.
pub fn report<T>(result: anyhow::Result<T>, node: &Node) -> anyhow::Result<T> {
	if result.is_err() {
		eprintln!("node log:\n{}", node.log_tail(8000));
	}
	result
}

/// How far [`submit_signed`] follows a transaction.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Until {
	/// Until a block includes it.
	InBlock,
	/// Until the block that includes it is finalized.
	Finalized,
}

/// What the status of a submitted transaction showed.
pub struct Submitted {
	/// The nonce it was signed with.
	pub nonce: Nonce,
	/// The block that included it.
	pub in_block: Hash,
	/// The finalized block reported for it, when followed [`Until::Finalized`].
	pub finalized: Option<Hash>,
}

/// Signs `call` as `signer` with its next nonce (immortal era), submits it
/// with `author_submitAndWatchExtrinsic` and follows its status as far as
/// `until`; an invalid, dropped or usurped transaction is an error.
pub async fn submit_signed(
	rpc: &Rpc,
	signer: Sr25519Keyring,
	call: RuntimeCall,
	until: Until,
) -> anyhow::Result<Submitted> {
	let genesis = rpc.genesis_hash().await?;
	let nonce = rpc.account_next_index(&signer.to_account_id()).await?;
	let xt = sign_transaction(
		call,
		signer.to_account_id(),
		&signer.pair(),
		nonce,
		Era::Immortal,
		genesis,
		genesis,
	);
	let mut status = rpc.submit_and_watch(&xt.encode()).await?;
	let mut in_block = None;
	tokio::time::timeout(LIMIT, async {
		while let Some(update) = status.next().await {
			let update = update?;
			if let Some(hash) = update.get("inBlock") {
				in_block = Some(serde_json::from_value(hash.clone())?);
			}
			let finalized: Option<Hash> =
				update.get("finalized").map(|h| serde_json::from_value(h.clone())).transpose()?;
			match (until, in_block, finalized) {
				(Until::InBlock, Some(in_block), _) => {
					return Ok(Submitted { nonce, in_block, finalized: None })
				}
				(Until::Finalized, Some(in_block), Some(finalized)) => {
					return Ok(Submitted { nonce, in_block, finalized: Some(finalized) })
				}
				_ => {}
			}
			if ["invalid", "dropped", "usurped"].iter().any(|s| update == Value::from(*s)) {
				anyhow::bail!("transaction failed: {update}");
			}
		}
		anyhow::bail!("the status subscription ended early")
	})
	.await?
}
