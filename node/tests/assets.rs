//! The HyperMesh asset life cycle on a running `--dev` node, driven over
//! JSON-RPC as a provider's and a consumer's tools drive it: a provider
//! registers an asset with real proofs, a consumer allocates and releases a
//! share, another consumer does the same with @polkadot/api alone
//! (`scripts/polkadot-js/allocate.mjs`, no proofs to build), a third account
//! challenges the asset and the provider answers. Every step is checked by its
//! events and by the `hypermesh_*` RPC.

mod common;

use common::{dev_node, polkadot_js, report, submit_signed, Until};
use hypermesh_primitives::{
	AssetClass, AssetId, AssetRecord, AssetState, Audit, CapacitySpec, Challenge, ChallengeId,
	Operation, PrivacyLevel, PrivacyPolicy, ProfileKind, RequirementProfile,
};
use hypermesh_proof_builder::{Anchor, Prover};
use hypermesh_rpc::HyperMeshApiClient;
use hypermesh_runtime::{
	AccountId, AssetRegistryCall, Balance, BlockNumber, FourProofCall, Hash, PrivacyCall,
	RuntimeCall, RuntimeEvent, CAES, MILLI_CAES,
};
use hypermesh_testnet::rpc::Rpc;
use jsonrpsee::ws_client::{WsClient, WsClientBuilder};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use sp_runtime::Percent;
use std::time::{SystemTime, UNIX_EPOCH};

/// The `hypermesh_*` client, typed with this runtime's types.
fn hm(
	client: &WsClient,
) -> &(impl HyperMeshApiClient<Hash, AccountId, Balance, BlockNumber> + Sync) {
	client
}

/// Signs `call` as `signer`, submits it and waits until it is in a block;
/// returns the events of that block, failing if the call failed.
async fn submit(
	rpc: &Rpc,
	signer: Sr25519Keyring,
	call: RuntimeCall,
) -> anyhow::Result<Vec<RuntimeEvent>> {
	let block = submit_signed(rpc, signer, call, Until::InBlock).await?.in_block;
	let events = rpc.events(block).await?;
	if let Some(failed) = events.iter().find(|event| {
		matches!(event, RuntimeEvent::System(frame_system::Event::ExtrinsicFailed { .. }))
	}) {
		anyhow::bail!("extrinsic failed: {failed:?}");
	}
	Ok(events)
}

/// A recent block to anchor a bundle to, the clock, and `who`'s last proof nonce.
async fn anchor(rpc: &Rpc, api: &WsClient, who: &AccountId) -> anyhow::Result<Anchor<BlockNumber>> {
	let number = rpc.best_number().await?;
	let hash = rpc.block_hash(number).await?.ok_or_else(|| anyhow::anyhow!("no block {number}"))?;
	let now_ms = SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis().try_into()?;
	let last_nonce = hm(api).proof_nonce(who.clone(), None).await?;
	Ok(Anchor { number, hash, now_ms, last_nonce })
}

/// What a provider answers: a challenge, by id, or its asset's audit, by the number
/// its work binds.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Open {
	Challenge(ChallengeId),
	Audit(u64),
}

/// Polls `find` every half second until it returns a seed; fails after 30 s, or at
/// once when it finds nothing open.
async fn seeded<F, Fut>(mut find: F) -> anyhow::Result<(Open, H256)>
where
	F: FnMut() -> Fut,
	Fut: std::future::Future<Output = anyhow::Result<Option<(Open, Option<H256>)>>>,
{
	for _ in 0..60 {
		match find().await? {
			Some((open, Some(seed))) => return Ok((open, seed)),
			Some((_, None)) => tokio::time::sleep(std::time::Duration::from_millis(500)).await,
			None => anyhow::bail!("nothing of the kind is open on the asset"),
		}
	}
	anyhow::bail!("no seed was drawn within 30 s")
}

/// The open challenge of `asset` made by `challenger`, once the chain has drawn its
/// seed (in the block after the challenge).
async fn seeded_challenge(
	api: &WsClient,
	asset: AssetId,
	challenger: &AccountId,
) -> anyhow::Result<(Open, H256)> {
	seeded(|| async {
		let open: Vec<(ChallengeId, Challenge<AccountId, Balance, BlockNumber>, Option<H256>)> =
			hm(api).open_challenges(asset, None).await?;
		Ok(open
			.into_iter()
			.find(|(_, challenge, _)| challenge.challenger == *challenger)
			.map(|(id, _, seed)| (Open::Challenge(id), seed)))
	})
	.await
}

/// The open audit of `asset`, once the chain has drawn its seed (in the block after
/// it was opened).
async fn seeded_audit(api: &WsClient, asset: AssetId) -> anyhow::Result<(Open, H256)> {
	seeded(|| async {
		let audit: Option<(Audit<AccountId, BlockNumber>, Option<H256>)> =
			hm(api).audit(asset, None).await?;
		Ok(audit.map(|(audit, seed)| (Open::Audit(u64::from(audit.issued_at)), seed)))
	})
	.await
}

/// `prover` answers what is `open` on `asset` with `seed`, and the answer is
/// accepted.
async fn answer(
	rpc: &Rpc,
	provider: Sr25519Keyring,
	prover: &Prover<AccountId>,
	(asset, spec, profile): (AssetId, &CapacitySpec, &RequirementProfile<Balance>),
	(open, seed): (Open, H256),
) -> anyhow::Result<()> {
	let number = match open {
		Open::Challenge(id) => id,
		Open::Audit(number) => number,
	};
	let (answers, work) =
		prover.answer_challenge(&asset, (number, &seed), spec.capacity_units(), profile)?;
	let call = match open {
		Open::Challenge(challenge) => FourProofCall::answer_challenge { challenge, answers, work },
		Open::Audit(_) => FourProofCall::answer_audit { asset, answers, work },
	};
	let events = submit(rpc, provider, call.into()).await?;
	anyhow::ensure!(
		events.iter().any(|e| match e {
			RuntimeEvent::FourProof(pallet_four_proof::Event::ChallengeAnswered {
				challenge,
				..
			}) => open == Open::Challenge(*challenge),
			RuntimeEvent::FourProof(pallet_four_proof::Event::AuditPassed { asset: passed }) =>
				matches!(open, Open::Audit(_)) && *passed == asset,
			_ => false,
		}),
		"{open:?} was not answered correctly"
	);
	Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn register_allocate_release_challenge_and_answer() -> anyhow::Result<()> {
	let dir = tempfile::tempdir()?;
	let (node, rpc) = dev_node(dir.path(), false).await?;
	let client = WsClientBuilder::default().build(node.rpc_url()).await?;
	let result = life_cycle(&rpc, &client, &node.rpc_url()).await;
	report(result, &node)
}

async fn life_cycle(rpc: &Rpc, api: &WsClient, url: &str) -> anyhow::Result<()> {
	let provider = Sr25519Keyring::Alice;
	let consumer = Sr25519Keyring::Bob;
	let challenger = Sr25519Keyring::Charlie;
	let profile: RequirementProfile<Balance> = hm(api)
		.requirement_profile(ProfileKind::Testing, None)
		.await?
		.ok_or_else(|| anyhow::anyhow!("the dev chain defines the Testing profile"))?;

	// The provider bonds what its CPU needs and registers it with its plot and the
	// four proofs.
	let spec = CapacitySpec::Cpu { cores: 4, threads: 8, frequency_mhz: 3_000, features: 0 };
	let bond = profile.spec_bond(&spec);
	let events = submit(rpc, provider, FourProofCall::bond { amount: bond }.into()).await?;
	assert!(events
		.iter()
		.any(|e| matches!(e, RuntimeEvent::FourProof(pallet_four_proof::Event::Bonded { .. }))));

	let asset: AssetId =
		hm(api).next_asset_id(provider.to_account_id(), AssetClass::Cpu, None).await?;
	let mut prover = Prover::new(provider.to_account_id());
	let commitment = prover.create_plot(asset, profile.min_plot_sectors)?;
	let anchor_now = anchor(rpc, api, &provider.to_account_id()).await?;
	let bundle = prover.provider_bundle(
		Operation::Register,
		&asset,
		spec.capacity_units(),
		&profile,
		bond,
		&anchor_now,
	)?;
	let register = AssetRegistryCall::register {
		spec: spec.clone(),
		profile: ProfileKind::Testing,
		commitment,
		plot_sectors: profile.min_plot_sectors,
		bundle,
	};
	let events = submit(rpc, provider, register.into()).await?;
	assert!(events.iter().any(|e| matches!(
		e,
		RuntimeEvent::AssetRegistry(pallet_asset_registry::Event::AssetRegistered { asset: a, .. }) if *a == asset
	)));
	let record: AssetRecord<AccountId, BlockNumber> =
		hm(api).asset(asset, None).await?.ok_or_else(|| anyhow::anyhow!("asset not found"))?;
	assert_eq!(record.owner, provider.to_account_id());
	assert_eq!(record.spec, spec);
	assert_eq!(record.commitment, commitment);
	assert!(record.address.to_ipv6().is_unique_local());
	assert_eq!(hm(api).assets_by_owner(provider.to_account_id(), None).await?, vec![asset]);
	let resolved = hm(api).resolve(record.address, None).await?.expect("the address resolves");
	assert_eq!((resolved.asset, resolved.provider), (asset, provider.to_account_id()));

	// The registration opened an audit of the plot, seeded in the next block; its
	// answer brings the asset into service.
	assert_eq!(record.state, AssetState::Unproven);
	let audit = seeded_audit(api, asset).await?;
	answer(rpc, provider, &prover, (asset, &spec, &profile), audit).await?;
	let record = hm(api).asset(asset, None).await?.expect("asset still registered");
	assert_eq!(record.state, AssetState::Available);

	// Until its owner sets one, the asset has the default policy: private.
	let default = hm(api).policy(asset, None).await?.expect("a registered asset has a policy");
	assert_eq!((default.level, default.profile), (PrivacyLevel::Private, record.profile));

	// The provider opens the asset to anyone at a price.
	let price_per_block = MILLI_CAES;
	let policy = PrivacyPolicy {
		level: PrivacyLevel::FullPublic,
		max_share: Percent::from_percent(100),
		max_concurrent: 4,
		min_duration: 10,
		max_duration: 1_000,
		price_per_block,
		profile: ProfileKind::Testing,
	};
	let events =
		submit(rpc, provider, PrivacyCall::set_policy { asset, policy: policy.clone() }.into())
			.await?;
	assert!(events
		.iter()
		.any(|e| matches!(e, RuntimeEvent::Privacy(pallet_privacy::Event::PolicySet { .. }))));
	assert_eq!(hm(api).policy(asset, None).await?, Some(policy));

	// The consumer allocates half of it for 100 blocks, then releases it.
	let share = Percent::from_percent(50);
	let payment = share.mul_ceil(price_per_block * 100);
	let allocate =
		AssetRegistryCall::allocate { asset, share, duration: 100, price_limit: payment };
	let events = submit(rpc, consumer, allocate.into()).await?;
	let allocation = events
		.iter()
		.find_map(|e| match e {
			RuntimeEvent::AssetRegistry(pallet_asset_registry::Event::Allocated {
				allocation,
				price,
				..
			}) => Some((*allocation, *price)),
			_ => None,
		})
		.ok_or_else(|| anyhow::anyhow!("no Allocated event"))?;
	assert_eq!(allocation.1, payment);
	let allocations = hm(api).allocations(asset, None).await?;
	assert_eq!(allocations.len(), 1);
	assert_eq!(allocations[0].1.consumer, consumer.to_account_id());
	assert_eq!(allocations[0].1.share, share);

	let events =
		submit(rpc, consumer, AssetRegistryCall::release { allocation: allocation.0 }.into())
			.await?;
	assert!(events.iter().any(|e| matches!(
		e,
		RuntimeEvent::AssetRegistry(pallet_asset_registry::Event::Released { allocation: a, .. }) if *a == allocation.0
	)));
	assert!(hm(api).allocations(asset, None).await?.is_empty());

	// Dave allocates and releases from @polkadot/api, with the call's arguments only.
	let asset_hex = format!("0x{}", sp_core::hexdisplay::HexDisplay::from(&asset.0));
	let out = polkadot_js("allocate.mjs", vec![url.into(), asset_hex, "//Dave".into()]).await?;
	println!("{out}");
	assert!(hm(api).allocations(asset, None).await?.is_empty());
	let record = hm(api).asset(asset, None).await?.expect("asset still registered");
	assert_eq!(record.state, AssetState::Available);

	// A bonded account challenges the asset; the provider answers from its plot.
	submit(rpc, challenger, FourProofCall::bond { amount: CAES }.into()).await?;
	let events = submit(rpc, challenger, FourProofCall::challenge { asset }.into()).await?;
	assert!(events.iter().any(|e| matches!(
		e,
		RuntimeEvent::FourProof(pallet_four_proof::Event::Challenged { .. })
	)));
	let challenge = seeded_challenge(api, asset, &challenger.to_account_id()).await?;
	answer(rpc, provider, &prover, (asset, &spec, &profile), challenge).await?;
	assert!(hm(api).open_challenges(asset, None).await?.is_empty());
	Ok(())
}
