//! Runtime tests: genesis presets build, a transfer goes through the executive,
//! and the HyperMesh pallets work together ([`assets`]).

mod arbitrary_calls;
mod assets;

use crate::{
	genesis_config_presets, signing::sign_transaction, Balances, BalancesCall, Executive, Header,
	Runtime, RuntimeCall, RuntimeEvent, System, TimestampCall, UncheckedExtrinsic, CAES,
	SLOT_DURATION, WASM_BINARY,
};
use codec::Encode;
use frame_support::traits::fungible::Inspect;
use sc_chain_spec::GenesisConfigBuilderRuntimeCaller;
use sp_keyring::Sr25519Keyring;
use sp_runtime::generic::Era;
use sp_runtime::{traits::Header as _, Digest, DigestItem};
use sp_storage::Storage;
use std::{collections::BTreeMap, sync::Mutex};

/// Genesis storage of a preset, built by the compiled WASM runtime exactly as
/// the node builds it for a chain spec (once per preset and test binary).
pub(crate) fn preset_storage(name: &str) -> sp_io::TestExternalities {
	static BUILT: Mutex<BTreeMap<String, Storage>> = Mutex::new(BTreeMap::new());
	let mut built = BUILT.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
	let storage = built.entry(name.to_string()).or_insert_with(|| {
		let wasm = WASM_BINARY.expect("the WASM runtime is built with the std feature");
		GenesisConfigBuilderRuntimeCaller::<()>::new(wasm)
			.get_storage_for_named_preset(Some(&name.to_string()))
			.unwrap_or_else(|e| panic!("preset {name} does not build: {e}"))
	});
	sp_io::TestExternalities::new(storage.clone())
}

#[test]
fn every_preset_builds_genesis() {
	for name in genesis_config_presets::preset_names() {
		preset_storage(&name).execute_with(|| {
			assert_eq!(
				Balances::balance(&Sr25519Keyring::Alice.to_account_id()),
				genesis_config_presets::ENDOWMENT
			);
			assert!(!pallet_aura::Authorities::<Runtime>::get().is_empty());
		});
	}
}

#[test]
fn local_preset_has_four_validators() {
	preset_storage(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 4);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 4);
	});
}

#[test]
fn unbonding_outlasts_the_liveness_window_and_a_challenge() {
	use crate::configs::hypermesh::{LivenessWindow, ResponseWindow, UnbondingDelay};
	assert!(UnbondingDelay::get() > LivenessWindow::get() + ResponseWindow::get() + 1);
}

#[test]
fn unknown_preset_is_none() {
	assert!(genesis_config_presets::get_preset(&"mainnet".into()).is_none());
}

/// Starts block 1 on top of genesis as the block author does: an Aura
/// pre-runtime digest for slot 1, then the timestamp inherent for that slot.
fn start_block_one() {
	let slot = sp_consensus_aura::Slot::from(1u64);
	let digest = Digest {
		logs: vec![DigestItem::PreRuntime(sp_consensus_aura::AURA_ENGINE_ID, slot.encode())],
	};
	let parent = System::block_hash(0);
	Executive::initialize_block(&Header::new(
		1,
		Default::default(),
		Default::default(),
		parent,
		digest,
	));
	let now = SLOT_DURATION;
	let inherent = UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(TimestampCall::set { now }));
	assert!(Executive::apply_extrinsic(inherent).is_ok_and(|outcome| outcome.is_ok()));
}

/// A transfer signed by `signer` but claiming to come from `sender`.
fn transfer(sender: Sr25519Keyring, signer: Sr25519Keyring, value: u128) -> UncheckedExtrinsic {
	let call = RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
		dest: Sr25519Keyring::Bob.to_account_id().into(),
		value,
	});
	let genesis = System::block_hash(0);
	sign_transaction(
		call,
		sender.to_account_id(),
		&signer.pair(),
		System::account_nonce(sender.to_account_id()),
		Era::Immortal,
		genesis,
		genesis,
	)
}

#[test]
fn transfer_through_executive_moves_exactly_the_amount() {
	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		let bob = Sr25519Keyring::Bob.to_account_id();
		start_block_one();
		let alice_before = Balances::balance(&alice);
		let bob_before = Balances::balance(&bob);
		let amount = 42 * CAES;

		let xt = transfer(Sr25519Keyring::Alice, Sr25519Keyring::Alice, amount);
		let outcome = Executive::apply_extrinsic(xt).expect("transaction is valid");
		assert!(outcome.is_ok(), "dispatch failed: {outcome:?}");
		Executive::finalize_block();

		let fee = System::events()
			.into_iter()
			.find_map(|record| match record.event {
				RuntimeEvent::TransactionPayment(
					pallet_transaction_payment::Event::TransactionFeePaid {
						who, actual_fee, ..
					},
				) if who == alice => Some(actual_fee),
				_ => None,
			})
			.expect("the fee is reported");
		assert!(fee > 0);
		assert_eq!(Balances::balance(&bob), bob_before + amount);
		assert_eq!(Balances::balance(&alice), alice_before - amount - fee);
		assert_eq!(System::account_nonce(&alice), 1);
	});
}

#[test]
fn transfer_with_bad_signature_is_rejected() {
	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		start_block_one();
		// Claims to come from Alice but is signed by Bob.
		let xt = transfer(Sr25519Keyring::Alice, Sr25519Keyring::Bob, CAES);
		assert!(Executive::apply_extrinsic(xt).is_err());
	});
}

/// A chain from before the mesh proxy pallet's rename keeps its proxies: the
/// upgrade moves them from the old name, and a second run moves nothing.
#[test]
fn the_mesh_proxy_storage_moves_to_its_new_name() {
	use crate::migrations::{RenameMeshProxy, OLD_MESH_PROXY_NAME};
	use frame_support::traits::{OnRuntimeUpgrade, PalletInfoAccess};
	use sp_io::hashing::twox_128;

	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		let new = twox_128(crate::MeshProxy::name().as_bytes());
		let old = twox_128(OLD_MESH_PROXY_NAME);
		let item = twox_128(b"Proxies");
		let key = |pallet: [u8; 16]| [&pallet[..], &item[..], &[7u8; 8][..]].concat();
		frame_support::storage::unhashed::put(&key(old), &42u32);
		RenameMeshProxy::on_runtime_upgrade();
		assert_eq!(frame_support::storage::unhashed::get::<u32>(&key(new)), Some(42));
		assert!(!frame_support::storage::unhashed::contains_prefixed_key(&old));
		let weight = RenameMeshProxy::on_runtime_upgrade();
		let db: frame_support::weights::RuntimeDbWeight =
			<<Runtime as frame_system::Config>::DbWeight as frame_support::traits::Get<_>>::get();
		assert_eq!(weight, db.reads(1));
	});
}

/// The relations between the HyperMesh pallets' settings that no single pallet's
/// `integrity_test` can see, as this runtime wires them.
#[test]
fn the_hypermesh_settings_fit_together() {
	use crate::configs::hypermesh::{AnchorWindow, LivenessWindow, ResponseWindow, UnbondingDelay};
	use frame_support::traits::Get;
	let response = ResponseWindow::get();
	// A heartbeat is allowed half a liveness window after the last proof; its audit
	// must be answerable (seeded the block after, then the window) before the
	// liveness ends, or an honest provider would lapse while it answers.
	assert!(LivenessWindow::get() / 2 > response + 1);
	// Unbonded stake stays slashable beyond the liveness window, so an asset whose
	// stake is leaving stops being paid first, and beyond any open challenge.
	assert!(UnbondingDelay::get() > LivenessWindow::get());
	assert!(UnbondingDelay::get() > response + 1);
	// An anchor's hash must still be known.
	assert!(AnchorWindow::get() < <crate::configs::BlockHashCount as Get<u32>>::get());
	// Privacy's concurrency limit is the registry's per-asset allocation list.
	assert_eq!(
		<<Runtime as pallet_privacy::Config>::MaxConcurrentAllocations as Get<u32>>::get(),
		<<Runtime as pallet_asset_registry::Config>::MaxAllocationsPerAsset as Get<u32>>::get()
	);
}
