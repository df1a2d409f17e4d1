//! The four validators of the `local` chain (Alice, Bob, Charlie, Dave) on
//! loopback, each with its own base path and ports, each bootstrapping from
//! the other three.

use crate::{
	process::{Node, NodeConfig},
	rpc::Rpc,
	wait,
};
use anyhow::{bail, Context};
use std::{path::Path, process::Command, time::Duration};

/// The validators of the `local` chain, in authority order.
pub const VALIDATORS: [&str; 4] = ["alice", "bob", "charlie", "dave"];

/// How long a node may take to start answering RPC (a debug build compiles
/// the WASM runtime at start).
pub const STARTUP_LIMIT: Duration = Duration::from_secs(180);

/// The peer id of the node whose key is in `key_file`.
fn peer_id(binary: &Path, key_file: &Path) -> anyhow::Result<String> {
	let output = Command::new(binary)
		.args(["key", "inspect-node-key", "--file"])
		.arg(key_file)
		.output()
		.context("running `key inspect-node-key`")?;
	if !output.status.success() {
		bail!("inspect-node-key failed: {}", String::from_utf8_lossy(&output.stderr));
	}
	Ok(String::from_utf8(output.stdout)?.trim().to_string())
}

/// Four running validators.
pub struct LocalTestnet {
	/// The nodes, in the order of [`VALIDATORS`].
	pub nodes: Vec<Node>,
}

impl LocalTestnet {
	/// Starts the four validators of `chain` (a chain name or spec file) under `dir`.
	pub fn start(binary: &Path, chain: &str, dir: &Path) -> anyhow::Result<Self> {
		let mut configs = Vec::new();
		let mut addresses = Vec::new();
		for (index, name) in VALIDATORS.iter().enumerate() {
			let base_path = dir.join(name);
			std::fs::create_dir_all(&base_path)?;
			let key_file = base_path.join("node-key");
			// A fixed, distinct network key per validator so that peers can be named up front.
			std::fs::write(&key_file, format!("{:064x}", index + 1))?;
			let mut config = NodeConfig::new(
				binary,
				&["--chain", chain, &format!("--{name}"), "--node-key-file"],
				&base_path,
			)?;
			config.role_args.push(key_file.display().to_string());
			addresses.push(format!(
				"/ip4/127.0.0.1/tcp/{}/p2p/{}",
				config.p2p_port,
				peer_id(binary, &key_file)?
			));
			configs.push(config);
		}
		let nodes = configs
			.into_iter()
			.enumerate()
			.map(|(index, mut config)| {
				config.extra_args.push("--bootnodes".into());
				config.extra_args.extend(
					addresses
						.iter()
						.enumerate()
						.filter(|(i, _)| *i != index)
						.map(|(_, a)| a.clone()),
				);
				Node::start(config)
			})
			.collect::<anyhow::Result<_>>()?;
		Ok(Self { nodes })
	}

	/// A fresh RPC connection to node `index`, waiting for it to come up.
	pub async fn rpc(&self, index: usize) -> anyhow::Result<Rpc> {
		Rpc::connect_when_up(&self.nodes[index].rpc_url(), STARTUP_LIMIT).await
	}

	/// Waits until node `index` has finalized a block above `number`; returns its number.
	pub async fn wait_finalized_above(
		&self,
		index: usize,
		number: u32,
		limit: Duration,
	) -> anyhow::Result<u32> {
		let url = self.nodes[index].rpc_url();
		wait::until(&format!("{} finalizes beyond #{number}", VALIDATORS[index]), limit, || async {
			let rpc = Rpc::connect(&url).await?;
			let finalized = rpc.finalized_number().await?;
			Ok((finalized > number).then_some(finalized))
		})
		.await
	}

	/// Stops every node with `SIGTERM`.
	pub fn stop(&mut self) -> anyhow::Result<()> {
		self.nodes.iter_mut().try_for_each(Node::stop)
	}

	/// The tail of every node's log, for failure reports.
	pub fn logs(&self) -> String {
		self.nodes
			.iter()
			.zip(VALIDATORS)
			.map(|(node, name)| format!("==== {name} ====\n{}\n", node.log_tail(4000)))
			.collect()
	}
}
