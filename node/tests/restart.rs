//! A node killed with SIGKILL and restarted on the same base path keeps
//! every block it had finalized.

mod common;

use common::{connect_and_wait_finality, dev_node, report, LIMIT};
use hypermesh_testnet::wait;

#[tokio::test(flavor = "multi_thread")]
async fn sigkill_and_restart_keep_every_finalized_block() -> anyhow::Result<()> {
	let dir = tempfile::tempdir()?;
	let (mut node, rpc) = dev_node(dir.path(), false).await?;
	let result = async {
		let finalized = wait::until("a few blocks are finalized", LIMIT, || async {
			let n = rpc.finalized_number().await?;
			Ok((n >= 3).then_some(n))
		})
		.await?;
		let mut hashes = Vec::new();
		for number in 0..=finalized {
			hashes.push(rpc.block_hash(number).await?.expect("finalized block is known"));
		}
		drop(rpc);

		node.kill()?;
		node.restart()?;
		let rpc = connect_and_wait_finality(&node).await?;

		assert!(rpc.finalized_number().await? >= finalized, "finalized head went back");
		for (number, hash) in hashes.iter().enumerate() {
			assert_eq!(
				rpc.block_hash(number as u32).await?.as_ref(),
				Some(hash),
				"block #{number}"
			);
		}
		// And the restarted node goes on authoring and finalizing.
		wait::until("finality continues after restart", LIMIT, || async {
			Ok((rpc.finalized_number().await? > finalized).then_some(()))
		})
		.await
	}
	.await;
	report(result, &node)
}
