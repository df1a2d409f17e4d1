//! # HyperMesh RPC
//!
//! The `hypermesh_*` JSON-RPC namespace. Every method reads the chain through
//! the `HyperMeshApi` runtime API at the given block, or at the best block
//! when none is given. Standard Substrate methods are never shadowed.
//!
//! In JSON, asset ids are `0x` and 64 hex digits (the text form
//! `hm:<class>:<hex>` is accepted as input too), global addresses are IPv6
//! text, accounts are SS58 addresses.
//!
//! | method | result |
//! |---|---|
//! | `hypermesh_nextAssetId(owner, class)` | the id the owner's next asset of that class gets |
//! | `hypermesh_asset(id)` | the asset's record, or null |
//! | `hypermesh_resolve(address)` | asset, provider and STOQ endpoint at a global address |
//! | `hypermesh_assetsByOwner(owner)` | ids of the assets an account owns |
//! | `hypermesh_allocations(id)` | active allocations of an asset |
//! | `hypermesh_policy(id)` | the asset's privacy policy |
//! | `hypermesh_bestProxies(consumer, count)` | proxies with their trust scores, best first |
//! | `hypermesh_openChallenges(id)` | open challenges of an asset, each with its seed once drawn |
//! | `hypermesh_audit(id)` | the asset's open audit with its seed once drawn, or null |
//! | `hypermesh_proofNonce(account)` | the last proof nonce accepted from an account |
//! | `hypermesh_requirementProfile(kind)` | what a requirement profile asks for |

#![warn(missing_docs)]

use std::sync::Arc;

use sp_core::H256;

use codec::Codec;
use hypermesh_primitives::{
	api::HyperMeshApi as HyperMeshRuntimeApi, Allocation, AllocationId, AssetClass, AssetId,
	AssetRecord, Audit, Challenge, ChallengeId, GlobalAddress, PrivacyPolicy, ProfileKind,
	ProxyRecord, RequirementProfile, Resolution,
};
use jsonrpsee::{core::RpcResult, proc_macros::rpc, types::ErrorObjectOwned};
use serde::{de::DeserializeOwned, Serialize};
use sp_api::{ApiError, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

/// JSON-RPC error code of a failed runtime API call.
pub const RUNTIME_ERROR: i32 = 1;

/// The `hypermesh_*` methods.
#[rpc(client, server, namespace = "hypermesh")]
pub trait HyperMeshApi<BlockHash, AccountId, Balance, BlockNumber> {
	/// The id the next asset of `class` registered by `owner` will get.
	#[method(name = "nextAssetId")]
	fn next_asset_id(
		&self,
		owner: AccountId,
		class: AssetClass,
		at: Option<BlockHash>,
	) -> RpcResult<AssetId>;

	/// The record of an asset.
	#[method(name = "asset")]
	fn asset(
		&self,
		id: AssetId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<AssetRecord<AccountId, BlockNumber>>>;

	/// What a global address resolves to.
	#[method(name = "resolve")]
	fn resolve(
		&self,
		address: GlobalAddress,
		at: Option<BlockHash>,
	) -> RpcResult<Option<Resolution<AccountId>>>;

	/// The assets an account owns.
	#[method(name = "assetsByOwner")]
	fn assets_by_owner(&self, owner: AccountId, at: Option<BlockHash>) -> RpcResult<Vec<AssetId>>;

	/// The active allocations of an asset.
	#[method(name = "allocations")]
	fn allocations(
		&self,
		id: AssetId,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<(AllocationId, Allocation<AccountId, Balance, BlockNumber>)>>;

	/// The privacy policy of an asset.
	#[method(name = "policy")]
	fn policy(
		&self,
		id: AssetId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<PrivacyPolicy<Balance, BlockNumber>>>;

	/// Up to `count` proxies for `consumer`, best trust score first.
	#[method(name = "bestProxies")]
	fn best_proxies(
		&self,
		consumer: AccountId,
		count: u32,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<(AccountId, ProxyRecord<Balance, BlockNumber>, u32)>>;

	/// The open challenges of an asset, each with its seed once drawn.
	#[method(name = "openChallenges")]
	fn open_challenges(
		&self,
		id: AssetId,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<(ChallengeId, Challenge<AccountId, Balance, BlockNumber>, Option<H256>)>>;

	/// The open audit of an asset, with its seed once drawn.
	#[method(name = "audit")]
	fn audit(
		&self,
		id: AssetId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<(Audit<AccountId, BlockNumber>, Option<H256>)>>;

	/// The last proof nonce the chain accepted from `account`.
	#[method(name = "proofNonce")]
	fn proof_nonce(&self, account: AccountId, at: Option<BlockHash>) -> RpcResult<u64>;

	/// What a requirement profile asks for, if the chain defines it.
	#[method(name = "requirementProfile")]
	fn requirement_profile(
		&self,
		kind: ProfileKind,
		at: Option<BlockHash>,
	) -> RpcResult<Option<RequirementProfile<Balance>>>;
}

/// Serves the `hypermesh_*` methods from a client's runtime API.
pub struct HyperMesh<C, Block> {
	client: Arc<C>,
	_block: std::marker::PhantomData<Block>,
}

impl<C, Block> HyperMesh<C, Block> {
	/// Serves from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _block: Default::default() }
	}
}

fn runtime_error(error: ApiError) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(RUNTIME_ERROR, "runtime API call failed", Some(error.to_string()))
}

impl<C, Block, AccountId, Balance, BlockNumber>
	HyperMeshApiServer<Block::Hash, AccountId, Balance, BlockNumber> for HyperMesh<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: HyperMeshRuntimeApi<Block, AccountId, Balance, BlockNumber>,
	AccountId: Codec + Serialize + DeserializeOwned + Send + Sync + 'static,
	Balance: Codec + Serialize + DeserializeOwned + Send + Sync + 'static,
	BlockNumber: Codec + Serialize + DeserializeOwned + Send + Sync + 'static,
{
	fn next_asset_id(
		&self,
		owner: AccountId,
		class: AssetClass,
		at: Option<Block::Hash>,
	) -> RpcResult<AssetId> {
		self.query(at, |api, hash| api.next_asset_id(hash, owner, class))
	}

	fn asset(
		&self,
		id: AssetId,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<AssetRecord<AccountId, BlockNumber>>> {
		self.query(at, |api, hash| api.asset(hash, id))
	}

	fn resolve(
		&self,
		address: GlobalAddress,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<Resolution<AccountId>>> {
		self.query(at, |api, hash| api.resolve(hash, address))
	}

	fn assets_by_owner(
		&self,
		owner: AccountId,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<AssetId>> {
		self.query(at, |api, hash| api.assets_by_owner(hash, owner))
	}

	fn allocations(
		&self,
		id: AssetId,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<(AllocationId, Allocation<AccountId, Balance, BlockNumber>)>> {
		self.query(at, |api, hash| api.allocations(hash, id))
	}

	fn policy(
		&self,
		id: AssetId,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<PrivacyPolicy<Balance, BlockNumber>>> {
		self.query(at, |api, hash| api.policy(hash, id))
	}

	fn best_proxies(
		&self,
		consumer: AccountId,
		count: u32,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<(AccountId, ProxyRecord<Balance, BlockNumber>, u32)>> {
		self.query(at, |api, hash| api.best_proxies(hash, consumer, count))
	}

	fn open_challenges(
		&self,
		id: AssetId,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<(ChallengeId, Challenge<AccountId, Balance, BlockNumber>, Option<H256>)>> {
		self.query(at, |api, hash| api.open_challenges(hash, id))
	}

	fn audit(
		&self,
		id: AssetId,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<(Audit<AccountId, BlockNumber>, Option<H256>)>> {
		self.query(at, |api, hash| api.audit(hash, id))
	}

	fn proof_nonce(&self, account: AccountId, at: Option<Block::Hash>) -> RpcResult<u64> {
		self.query(at, |api, hash| api.proof_nonce(hash, account))
	}

	fn requirement_profile(
		&self,
		kind: ProfileKind,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<RequirementProfile<Balance>>> {
		self.query(at, |api, hash| api.requirement_profile(hash, kind))
	}
}

impl<C, Block> HyperMesh<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
{
	/// Runs one runtime API call at `at` (or the best block).
	fn query<R>(
		&self,
		at: Option<Block::Hash>,
		call: impl FnOnce(&C::Api, Block::Hash) -> Result<R, ApiError>,
	) -> RpcResult<R> {
		let hash = at.unwrap_or_else(|| self.client.info().best_hash);
		call(&self.client.runtime_api(), hash).map_err(runtime_error)
	}
}
