//! The node's own JSON-RPC methods, merged with the standard ones that
//! `sc-service` serves (legacy `chain_*`/`state_*`/`author_*`/`system_*` and the
//! new-spec `chainHead_v1`, `transaction_v1`, `chainSpec_v1`, `archive_v1`),
//! and the `hypermesh_*` namespace of [`hypermesh_rpc`].

use std::sync::Arc;

use hypermesh_runtime::{opaque::Block, AccountId, Balance, BlockNumber, Nonce};
use jsonrpsee::RpcModule;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};

/// What the RPC methods need from the node.
pub struct FullDeps<C, P> {
	/// The client, for runtime API calls.
	pub client: Arc<C>,
	/// The transaction pool.
	pub pool: Arc<P>,
}

/// Builds the RPC module: `system_accountNextIndex`, `system_dryRun`,
/// `payment_queryInfo`/`payment_queryFeeDetails` and `hypermesh_*`.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>,
	C: HeaderBackend<Block> + HeaderMetadata<Block, Error = BlockChainError> + 'static,
	C: Send + Sync + 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	C::Api: BlockBuilder<Block>,
	C::Api: hypermesh_primitives::api::HyperMeshApi<Block, AccountId, Balance, BlockNumber>,
	P: TransactionPool + 'static,
{
	use hypermesh_rpc::{HyperMesh, HyperMeshApiServer};
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let FullDeps { client, pool } = deps;
	let mut module = RpcModule::new(());
	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(HyperMesh::new(client).into_rpc())?;
	Ok(module)
}
