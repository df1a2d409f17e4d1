//! The JSON-RPC calls the tests make, over WebSocket, typed with the
//! runtime's own types (as a metadata-driven wallet would decode them).

use anyhow::{anyhow, Context};
use codec::{Decode, Encode};
use hypermesh_runtime::{AccountId, Balance, Hash, Nonce, RuntimeEvent};
use jsonrpsee::{
	core::{
		client::{ClientT, Subscription, SubscriptionClientT},
		params::ArrayParams,
	},
	rpc_params,
	ws_client::{WsClient, WsClientBuilder},
};
use serde::de::DeserializeOwned;
use serde_json::Value;
use sp_core::crypto::Ss58Codec;
use sp_crypto_hashing::{blake2_128, twox_128};
use std::time::Duration;

/// A block header as JSON-RPC returns it.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Header {
	/// Block number, hex encoded.
	#[serde(deserialize_with = "hex_number")]
	pub number: u32,
	/// Parent block hash.
	pub parent_hash: Hash,
}

fn hex_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
	let text: String = serde::Deserialize::deserialize(d)?;
	u32::from_str_radix(text.trim_start_matches("0x"), 16).map_err(serde::de::Error::custom)
}

/// A JSON-RPC connection to one node.
pub struct Rpc {
	client: WsClient,
}

/// Storage key of a `System::Account` entry.
fn account_key(who: &AccountId) -> Vec<u8> {
	let mut key = twox_128(b"System").to_vec();
	key.extend(twox_128(b"Account"));
	key.extend(blake2_128(who.as_ref()));
	key.extend(who.encode());
	key
}

/// Storage key of `System::Events`.
fn events_key() -> Vec<u8> {
	[twox_128(b"System"), twox_128(b"Events")].concat()
}

fn hex_bytes(text: &str) -> anyhow::Result<Vec<u8>> {
	Ok(hex::decode(text.trim_start_matches("0x"))?)
}

impl Rpc {
	/// Connects to `url` once.
	pub async fn connect(url: &str) -> anyhow::Result<Self> {
		let client = WsClientBuilder::default()
			.request_timeout(Duration::from_secs(60))
			.build(url)
			.await
			.with_context(|| format!("connecting to {url}"))?;
		Ok(Self { client })
	}

	/// Connects to `url`, retrying while the node starts (up to `limit`).
	pub async fn connect_when_up(url: &str, limit: Duration) -> anyhow::Result<Self> {
		crate::wait::until(&format!("{url} accepts connections"), limit, || async {
			Ok(Some(Self::connect(url).await?))
		})
		.await
	}

	/// Calls `method` with `params` and decodes the JSON result.
	pub async fn call<R: DeserializeOwned>(
		&self,
		method: &str,
		params: ArrayParams,
	) -> anyhow::Result<R> {
		self.client.request(method, params).await.with_context(|| format!("calling {method}"))
	}

	/// Subscribes with `method`; `unsubscribe` ends the subscription.
	pub async fn subscribe<R: DeserializeOwned>(
		&self,
		method: &str,
		params: ArrayParams,
		unsubscribe: &str,
	) -> anyhow::Result<Subscription<R>> {
		self.client
			.subscribe(method, params, unsubscribe)
			.await
			.with_context(|| format!("subscribing with {method}"))
	}

	/// The header of the best block.
	pub async fn best_header(&self) -> anyhow::Result<Header> {
		self.call("chain_getHeader", rpc_params![]).await
	}

	/// The number of the best block.
	pub async fn best_number(&self) -> anyhow::Result<u32> {
		Ok(self.best_header().await?.number)
	}

	/// The hash of the last finalized block.
	pub async fn finalized_hash(&self) -> anyhow::Result<Hash> {
		self.call("chain_getFinalizedHead", rpc_params![]).await
	}

	/// The number of the last finalized block.
	pub async fn finalized_number(&self) -> anyhow::Result<u32> {
		let hash = self.finalized_hash().await?;
		let header: Header = self.call("chain_getHeader", rpc_params![hash]).await?;
		Ok(header.number)
	}

	/// The hash of the canonical block at `number`, if the node has it.
	pub async fn block_hash(&self, number: u32) -> anyhow::Result<Option<Hash>> {
		self.call("chain_getBlockHash", rpc_params![number]).await
	}

	/// The genesis hash.
	pub async fn genesis_hash(&self) -> anyhow::Result<Hash> {
		self.block_hash(0).await?.ok_or_else(|| anyhow!("the node has no genesis block"))
	}

	/// The next nonce of `who`, counting transactions waiting in the pool.
	pub async fn account_next_index(&self, who: &AccountId) -> anyhow::Result<Nonce> {
		self.call("system_accountNextIndex", rpc_params![who.to_ss58check()]).await
	}

	/// Raw storage at `key` in block `at` (best block if `None`).
	pub async fn storage(&self, key: &[u8], at: Option<Hash>) -> anyhow::Result<Option<Vec<u8>>> {
		let value: Option<String> = self
			.call("state_getStorage", rpc_params![format!("0x{}", hex::encode(key)), at])
			.await?;
		value.as_deref().map(hex_bytes).transpose()
	}

	/// The free balance of `who` in block `at`.
	pub async fn free_balance(&self, who: &AccountId, at: Option<Hash>) -> anyhow::Result<Balance> {
		let info = match self.storage(&account_key(who), at).await? {
			Some(bytes) => {
				frame_system::AccountInfo::<Nonce, pallet_balances::AccountData<Balance>>::decode(
					&mut &bytes[..],
				)?
			}
			None => Default::default(),
		};
		Ok(info.data.free)
	}

	/// The events deposited in block `at`.
	pub async fn events(&self, at: Hash) -> anyhow::Result<Vec<RuntimeEvent>> {
		let Some(bytes) = self.storage(&events_key(), Some(at)).await? else { return Ok(vec![]) };
		let records =
			Vec::<frame_system::EventRecord<RuntimeEvent, Hash>>::decode(&mut &bytes[..])?;
		Ok(records.into_iter().map(|r| r.event).collect())
	}

	/// Submits an encoded extrinsic and follows its status
	/// (`author_submitAndWatchExtrinsic`).
	pub async fn submit_and_watch(&self, extrinsic: &[u8]) -> anyhow::Result<Subscription<Value>> {
		self.subscribe(
			"author_submitAndWatchExtrinsic",
			rpc_params![format!("0x{}", hex::encode(extrinsic))],
			"author_unwatchExtrinsic",
		)
		.await
	}
}
