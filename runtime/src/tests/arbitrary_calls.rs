//! Arbitrary calls to the HyperMesh pallets, decoded and dispatched by the real
//! runtime: random call and argument bytes (sometimes naming a registered
//! asset), random signers, and runs of up to 30 blocks in between, so that the
//! hooks run on what the calls left. Nothing may panic, and nothing may mint: the
//! total issuance never rises (only slashes burn), whatever the calls. Random
//! bytes mostly fail to decode or fail their checks; the pallets' own property
//! tests drive well-formed call sequences.

use super::{
	assets::{next_block, register_public_cpu, run_to},
	preset_storage,
};
use crate::{Balances, RuntimeCall, RuntimeOrigin, MILLI_CAES};
use codec::Decode;
use proptest::prelude::*;
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::Dispatchable;

/// The pallet indices of the HyperMesh pallets (asset registry … proxy).
const PALLETS: core::ops::RangeInclusive<u8> = 10..=13;

/// One step: a run of blocks, or a call made of a pallet and call index and argument bytes,
/// signed by one of the development accounts.
#[derive(Clone, Debug)]
enum Step {
	Blocks(u8),
	Call { pallet: u8, call: u8, signer: usize, asset_first: bool, args: Vec<u8> },
}

fn step() -> impl Strategy<Value = Step> {
	prop_oneof![
		1 => (1u8..=30).prop_map(Step::Blocks),
		6 => (
			PALLETS,
			0u8..12,
			0usize..6,
			any::<bool>(),
			proptest::collection::vec(any::<u8>(), 0..160)
		)
			.prop_map(|(pallet, call, signer, asset_first, args)| Step::Call {
				pallet,
				call,
				signer,
				asset_first,
				args
			}),
	]
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(64))]

	#[test]
	fn arbitrary_calls_to_the_real_runtime_never_panic_or_mint(
		steps in proptest::collection::vec(step(), 1..24)
	) {
		preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			run_to(2);
			let provider = register_public_cpu(MILLI_CAES);
			let signers = [
				Sr25519Keyring::Alice,
				Sr25519Keyring::Bob,
				Sr25519Keyring::Charlie,
				Sr25519Keyring::Dave,
				Sr25519Keyring::Eve,
				Sr25519Keyring::Ferdie,
			];
			let issuance = Balances::total_issuance();
			for step in steps {
				match step {
					Step::Blocks(count) => {
						for _ in 0..count {
							next_block();
						}
					}
					Step::Call { pallet, call, signer, asset_first, args } => {
						let mut bytes = vec![pallet, call];
						if asset_first {
							bytes.extend_from_slice(&provider.asset.0);
						}
						bytes.extend_from_slice(&args);
						if let Ok(call) = RuntimeCall::decode(&mut &bytes[..]) {
							let origin = RuntimeOrigin::signed(signers[signer].to_account_id());
							let _ = call.dispatch(origin);
						}
					}
				}
				assert!(Balances::total_issuance() <= issuance, "a call minted");
			}
		});
	}
}
