//! Genesis presets: `dev` (one validator, Alice) and `local_testnet` (four
//! validators: Alice, Bob, Charlie, Dave). The chain specs in `chain-specs/`
//! are generated from these.

use crate::{
	configs::hypermesh::GenesisProfiles, AccountId, BalancesConfig, FourProofConfig,
	RuntimeGenesisConfig, SudoConfig, CAES,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use hypermesh_primitives::ProfileKind;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// Balance given to each well-known development account: one million CAES.
pub const ENDOWMENT: crate::Balance = 1_000_000 * CAES;

/// A development validator: its Aura (sr25519) and GRANDPA (ed25519) keyrings.
pub type DevValidator = (Sr25519Keyring, Ed25519Keyring);

/// The validator of the `dev` preset.
pub const DEV_VALIDATOR: DevValidator = (Sr25519Keyring::Alice, Ed25519Keyring::Alice);

/// The validators of the `local_testnet` preset, in authority order.
pub const LOCAL_VALIDATORS: [DevValidator; 4] = [
	(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
	(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
	(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
	(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
];

fn authority_keys((aura, grandpa): DevValidator) -> (AuraId, GrandpaId) {
	(aura.public().into(), grandpa.public().into())
}

fn testnet_genesis(
	authorities: Vec<(AuraId, GrandpaId)>,
	endowed_accounts: Vec<AccountId>,
	root: AccountId,
	minimum_profile: ProfileKind,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts.into_iter().map(|k| (k, ENDOWMENT)).collect::<Vec<_>>(),
		},
		aura: pallet_aura::GenesisConfig {
			authorities: authorities.iter().map(|x| x.0.clone()).collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: authorities.iter().map(|x| (x.1.clone(), 1)).collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: Some(root) },
		four_proof: FourProofConfig {
			profiles: GenesisProfiles::get(),
			minimum_profile: Some(minimum_profile),
		},
	})
}

/// Every well-known development account (Alice … Ferdie and their stashes).
fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::iter()
		.filter(|k| k != &Sr25519Keyring::One && k != &Sr25519Keyring::Two)
		.map(|k| k.to_account_id())
		.collect()
}

/// The `dev` preset: Alice alone authors and finalizes; every profile, Testing
/// included, is accepted.
pub fn development_config_genesis() -> Value {
	testnet_genesis(
		vec![authority_keys(DEV_VALIDATOR)],
		dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
		ProfileKind::Testing,
	)
}

/// The `local_testnet` preset: Alice, Bob, Charlie and Dave validate; as on a
/// live chain, the Testing profile is refused.
pub fn local_config_genesis() -> Value {
	testnet_genesis(
		LOCAL_VALIDATORS.into_iter().map(authority_keys).collect(),
		dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
		ProfileKind::Default,
	)
}

/// The JSON patch of the preset named `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_str() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// The names of the available presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
