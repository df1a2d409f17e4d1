//! Chain specifications: `dev` and `local`, built from the runtime's genesis presets.

use hypermesh_runtime::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY};
use sc_service::{ChainType, Properties};

/// The chain specification type of HyperMesh.
pub type ChainSpec = sc_service::GenericChainSpec;

/// Chain properties read by wallets and explorers: address format and token.
fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties
}

fn wasm_binary() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| "the node was built without the WASM runtime".to_string())
}

/// The development chain: Alice alone authors and finalizes.
pub fn development() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("HyperMesh Development")
		.with_id("hypermesh_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// The local testnet: Alice, Bob, Charlie and Dave validate.
pub fn local_testnet() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("HyperMesh Local Testnet")
		.with_id("hypermesh_local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}
