//! A `--dev` node, driven over WebSocket JSON-RPC as a wallet drives it.

mod common;

use common::{dev_node, report, submit_signed, Until, LIMIT};
use hypermesh_runtime::{BalancesCall, RuntimeCall, RuntimeEvent, CAES};
use hypermesh_testnet::{rpc::Header, wait};
use jsonrpsee::rpc_params;
use serde_json::Value;
use sp_keyring::Sr25519Keyring;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test(flavor = "multi_thread")]
async fn signed_transfer_is_finalized_and_moves_exactly_the_amount() -> anyhow::Result<()> {
	let dir = tempfile::tempdir()?;
	let (node, rpc) = dev_node(dir.path(), false).await?;
	let result = async {
		let alice = Sr25519Keyring::Alice;
		let bob = Sr25519Keyring::Bob.to_account_id();
		let amount = 1_234 * CAES;
		let call = RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
			dest: bob.clone().into(),
			value: amount,
		});
		let submitted = submit_signed(&rpc, alice, call, Until::Finalized).await?;
		let (nonce, finalized) =
			(submitted.nonce, submitted.finalized.expect("followed to finality"));
		assert_eq!(submitted.in_block, finalized, "finalized in the block it was included in");

		let header: Header = rpc.call("chain_getHeader", rpc_params![finalized]).await?;
		let parent = Some(header.parent_hash);
		let events = rpc.events(finalized).await?;
		let transferred = events.iter().any(|e| {
			matches!(e, RuntimeEvent::Balances(pallet_balances::Event::Transfer { from, to, amount: a })
				if *from == alice.to_account_id() && *to == bob && *a == amount)
		});
		assert!(transferred, "Transfer event in {events:?}");
		let fee = events
			.iter()
			.find_map(|e| match e {
				RuntimeEvent::TransactionPayment(
					pallet_transaction_payment::Event::TransactionFeePaid {
						who, actual_fee, ..
					},
				) if *who == alice.to_account_id() => Some(*actual_fee),
				_ => None,
			})
			.expect("TransactionFeePaid event");

		let alice_id = alice.to_account_id();
		assert_eq!(
			rpc.free_balance(&bob, Some(finalized)).await?,
			rpc.free_balance(&bob, parent).await? + amount
		);
		assert_eq!(
			rpc.free_balance(&alice_id, Some(finalized)).await?,
			rpc.free_balance(&alice_id, parent).await? - amount - fee
		);
		assert_eq!(rpc.account_next_index(&alice_id).await?, nonce + 1);
		anyhow::Ok(())
	}
	.await;
	report(result, &node)
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_extrinsic_gets_an_error_and_authoring_continues() -> anyhow::Result<()> {
	let dir = tempfile::tempdir()?;
	let (node, rpc) = dev_node(dir.path(), false).await?;
	let result = async {
		for garbage in ["0xdeadbeef", "0x", "0x00", "not hex"] {
			let answer: Result<Value, _> =
				rpc.call("author_submitExtrinsic", rpc_params![garbage]).await;
			assert!(answer.is_err(), "{garbage} was accepted: {answer:?}");
		}
		let best = rpc.best_number().await?;
		wait::until("the node authors two more blocks", LIMIT, || async {
			Ok((rpc.best_number().await? >= best + 2).then_some(()))
		})
		.await?;
		let finalized = rpc.finalized_number().await?;
		wait::until("the node finalizes further", LIMIT, || async {
			Ok((rpc.finalized_number().await? > finalized).then_some(()))
		})
		.await
	}
	.await;
	report(result, &node)
}

#[tokio::test(flavor = "multi_thread")]
async fn standard_rpc_and_metrics_are_served() -> anyhow::Result<()> {
	let dir = tempfile::tempdir()?;
	let (node, rpc) = dev_node(dir.path(), true).await?;
	let result = async {
		let properties: Value = rpc.call("system_properties", rpc_params![]).await?;
		assert_eq!(properties["tokenSymbol"], "CAES");
		assert_eq!(properties["tokenDecimals"], 12);
		assert_eq!(properties["ss58Format"], 42);

		let methods: Value = rpc.call("rpc_methods", rpc_params![]).await?;
		let methods: Vec<&str> =
			methods["methods"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
		for expected in [
			"chain_getBlock",
			"state_getMetadata",
			"author_submitAndWatchExtrinsic",
			"system_accountNextIndex",
			"payment_queryInfo",
			"chainHead_v1_follow",
			"transaction_v1_broadcast",
			"chainSpec_v1_genesisHash",
		] {
			assert!(methods.contains(&expected), "{expected} missing from {methods:?}");
		}

		let genesis: String = rpc.call("chainSpec_v1_genesisHash", rpc_params![]).await?;
		assert_eq!(genesis, format!("{:?}", rpc.genesis_hash().await?));

		// Metadata V14 and newer are all offered.
		let versions: Value =
			rpc.call("state_call", rpc_params!["Metadata_metadata_versions", "0x"]).await?;
		assert!(versions.as_str().is_some_and(|v| v.len() > 2));

		let port = node.config().prometheus_port.expect("metrics enabled");
		let metrics = http_get(port, "/metrics").await?;
		assert!(metrics.contains("substrate_block_height"), "no block height metric");
		anyhow::Ok(())
	}
	.await;
	report(result, &node)
}

/// A plain HTTP/1.1 GET on loopback.
async fn http_get(port: u16, path: &str) -> anyhow::Result<String> {
	let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
	let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
	stream.write_all(request.as_bytes()).await?;
	let mut response = String::new();
	stream.read_to_string(&mut response).await?;
	Ok(response)
}
