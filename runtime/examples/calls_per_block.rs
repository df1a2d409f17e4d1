//! How many `register` and `allocate` calls fit in one block, from the
//! generated weights and the real encoded size of each signed extrinsic at
//! its worst case (the Production profile's proofs). Run by `scripts/weights.sh`.

use codec::Encode;
use frame_support::{dispatch::DispatchClass, weights::Weight};
use hypermesh_primitives::{
	AssetClass, AssetId, CapacitySpec, Operation, ProfileKind, RequirementProfile,
};
use hypermesh_proof_builder::{Anchor, Prover};
use hypermesh_runtime::{
	configs::{hypermesh::ProductionProfile, RuntimeBlockLength, RuntimeBlockWeights},
	signing::sign_transaction,
	AssetRegistryCall, Runtime, RuntimeCall,
};
use pallet_asset_registry::WeightInfo as _;
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{generic::Era, Percent};

type RegistryWeights = <Runtime as pallet_asset_registry::Config>::WeightInfo;

fn main() {
	let profile: RequirementProfile<u128> = ProductionProfile::get();
	let provider = Sr25519Keyring::Alice;
	let asset = AssetId::derive(&provider.to_account_id(), AssetClass::Gpu, 0);
	let spec = CapacitySpec::Gpu {
		count: 8,
		memory_bytes: 80 << 30,
		compute_units: 132,
		model: b"NVIDIA H100 80GB HBM3".to_vec().try_into().expect("short model name"),
	};
	let mut prover = Prover::new(provider.to_account_id());
	// A register call is as long for any plot size (it names the commitment only),
	// so a small plot stands in for the profile's.
	let plot_sectors = profile.min_plot_sectors.min(1 << 12);
	let commitment = prover.create_plot(asset, plot_sectors).expect("a valid size");
	let anchor = Anchor { number: 1u32, hash: H256::repeat_byte(1), now_ms: 0, last_nonce: 0 };
	let bundle = prover
		.provider_bundle(
			Operation::Register,
			&asset,
			spec.capacity_units(),
			&profile,
			profile.spec_bond(&spec),
			&anchor,
		)
		.expect("the prover keeps the plot");
	let register = RuntimeCall::AssetRegistry(AssetRegistryCall::register {
		spec,
		profile: ProfileKind::Production,
		commitment,
		plot_sectors,
		bundle,
	});
	let allocate = RuntimeCall::AssetRegistry(AssetRegistryCall::allocate {
		asset,
		share: Percent::from_percent(1),
		duration: u32::MAX,
		price_limit: u128::MAX,
	});

	let weights = RuntimeBlockWeights::get();
	let normal = weights.get(DispatchClass::Normal);
	let available =
		normal.max_total.unwrap_or(weights.max_block).saturating_sub(weights.base_block);
	let max_length = *RuntimeBlockLength::get().max.get(DispatchClass::Normal);
	println!(
		"block: {} ms of normal compute, {} bytes of normal length",
		available.ref_time() / 1_000_000_000,
		max_length
	);
	for (name, call, weight) in [
		("register", register, RegistryWeights::register()),
		("allocate", allocate, RegistryWeights::allocate()),
	] {
		report(name, call, weight, normal.base_extrinsic, available, max_length);
	}
}

fn report(
	name: &str,
	call: RuntimeCall,
	weight: Weight,
	base: Weight,
	available: Weight,
	max_length: u32,
) {
	let signer = Sr25519Keyring::Bob;
	let xt = sign_transaction(
		call,
		signer.to_account_id(),
		&signer.pair(),
		u32::MAX,
		Era::Immortal,
		H256::zero(),
		H256::zero(),
	);
	let length = xt.encoded_size() as u64;
	let per_call = weight.saturating_add(base);
	let by_weight = available.ref_time() / per_call.ref_time().max(1);
	let by_length = u64::from(max_length) / length.max(1);
	println!(
		"{name}: {:.3} ms per call ({} µs weight + {} µs base), {length} bytes; fit per block: {} by weight, {} by length => {}",
		per_call.ref_time() as f64 / 1e9,
		weight.ref_time() / 1_000_000,
		base.ref_time() / 1_000_000,
		by_weight,
		by_length,
		by_weight.min(by_length),
	);
}
