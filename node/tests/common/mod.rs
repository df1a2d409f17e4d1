#![allow(dead_code)] // each test binary uses a different part of this module

//! What the node's integration tests share: the binary under test, a dev
//! node launcher and failure reporting.

use hypermesh_testnet::{
	network::STARTUP_LIMIT,
	process::{free_port, Node, NodeConfig},
	rpc::Rpc,
	wait,
};
use std::{path::PathBuf, time::Duration};

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

/// Passes `result` through, printing the node's log when it failed.
pub fn report<T>(result: anyhow::Result<T>, node: &Node) -> anyhow::Result<T> {
	if result.is_err() {
		eprintln!("node log:\n{}", node.log_tail(8000));
	}
	result
}
