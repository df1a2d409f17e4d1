//! The client most users meet first: @polkadot/api (behind Polkadot.js apps)
//! connects to a `--dev` node, reads the chain properties, signs a transfer
//! with its own metadata-driven encoder and sees it finalized. (Allocating an
//! asset the same way is part of the asset life cycle test, `assets.rs`.)
//! Needs Node.js and `npm ci --prefix scripts/polkadot-js` (scripts/test.sh does both).

mod common;

use common::{dev_node, polkadot_js, report};

#[tokio::test(flavor = "multi_thread")]
async fn polkadot_js_transfer_is_finalized() -> anyhow::Result<()> {
	let dir = tempfile::tempdir()?;
	let (node, _rpc) = dev_node(dir.path(), false).await?;
	let result =
		polkadot_js("transfer.mjs", vec![node.rpc_url()]).await.map(|out| println!("{out}"));
	report(result, &node)
}
