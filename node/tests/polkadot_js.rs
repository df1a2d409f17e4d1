//! The client most users meet first: @polkadot/api (behind Polkadot.js apps)
//! connects to a `--dev` node, reads the chain properties, signs a transfer
//! with its own metadata-driven encoder and sees it finalized.
//! Needs Node.js and `npm ci --prefix scripts/polkadot-js` (scripts/test.sh does both).

mod common;

use common::{dev_node, report};
use std::{path::Path, process::Command};

#[tokio::test(flavor = "multi_thread")]
async fn polkadot_js_transfer_is_finalized() -> anyhow::Result<()> {
	let script_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/polkadot-js");
	anyhow::ensure!(
		script_dir.join("node_modules/@polkadot/api").is_dir(),
		"@polkadot/api is not installed: run `npm ci --prefix scripts/polkadot-js`"
	);
	let dir = tempfile::tempdir()?;
	let (node, _rpc) = dev_node(dir.path(), false).await?;
	let url = node.rpc_url();
	let output = tokio::task::spawn_blocking(move || {
		Command::new("node").arg(script_dir.join("transfer.mjs")).arg(url).output()
	})
	.await??;
	let result = if output.status.success() {
		println!("{}", String::from_utf8_lossy(&output.stdout));
		Ok(())
	} else {
		Err(anyhow::anyhow!(
			"polkadot-js transfer failed:\n{}{}",
			String::from_utf8_lossy(&output.stdout),
			String::from_utf8_lossy(&output.stderr)
		))
	};
	report(result, &node)
}
