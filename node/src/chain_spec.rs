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

/// A chain spec whose genesis is the runtime preset `preset`.
fn from_preset(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	let wasm = WASM_BINARY.ok_or("the node was built without the WASM runtime")?;
	Ok(ChainSpec::builder(wasm, None)
		.with_name(name)
		.with_id(id)
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
}

/// The development chain: Alice alone authors and finalizes.
pub fn development() -> Result<ChainSpec, String> {
	from_preset(
		"HyperMesh Development",
		"hypermesh_dev",
		ChainType::Development,
		sp_genesis_builder::DEV_RUNTIME_PRESET,
	)
}

/// The local testnet: Alice, Bob, Charlie and Dave validate.
pub fn local_testnet() -> Result<ChainSpec, String> {
	from_preset(
		"HyperMesh Local Testnet",
		"hypermesh_local",
		ChainType::Local,
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
	)
}
