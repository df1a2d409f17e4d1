//! Benchmarks of the asset registry, each call at its worst case.
//!
//! They run with the runtime's real collaborators: proofs come from
//! [`BenchmarkHelper::bundle`] and are checked by the runtime's verifier, the access
//! check takes the privacy pallet's costliest path, and open challenges are counted by
//! the four-proof pallet. So the weights include proof verification and access checks.
//! Assets use the `Production` profile (the most sampled sectors) and GPU specs of the
//! largest encoded size. Calls that verify work carry the most solutions
//! ([`MAX_WORK_SOLUTIONS`], one hash each to verify); the others one capacity unit,
//! so that proving in the setup stays cheap.

use super::*;
use crate::Pallet as AssetRegistry;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate, MutateHold},
		Get, Hooks,
	},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use hypermesh_primitives::{
	asset::MAX_MODEL_LEN,
	proof::MAX_WORK_SOLUTIONS,
	traits::{AccessPolicy, ProofContext},
	AllocationId, AssetId, AssetRecord, AssetState, CapacitySpec, GlobalAddress, Operation,
	ProfileKind,
};
use sp_runtime::{
	traits::{One, Saturating, StaticLookup, Zero},
	Percent,
};

/// The profile benchmarked assets are held to: the strictest.
const PROFILE: ProfileKind = ProfileKind::Production;
/// The block benchmarks start in (a parent block exists to anchor proofs).
const START: u32 = 10;

/// Moves to block `n` and returns it.
fn go_to<T: Config>(n: BlockNumberFor<T>) -> BlockNumberFor<T> {
	frame_system::Pallet::<T>::set_block_number(n);
	n
}

/// A GPU spec of the largest encoded size with `count` GPUs of 1 GiB each: `count`
/// capacity units. At [`MAX_WORK_SOLUTIONS`] units and more a proof carries the most
/// work solutions, the costliest to verify.
fn worst_spec(count: u32) -> CapacitySpec {
	CapacitySpec::Gpu {
		count,
		memory_bytes: hypermesh_primitives::asset::GIB,
		compute_units: u32::MAX,
		model: BoundedVec::truncate_from(vec![b'g'; MAX_MODEL_LEN as usize]),
	}
}

/// A GPU spec of the same encoded size as [`worst_spec`] but one capacity unit, for
/// assets whose benchmark does not depend on capacity: proving it in the setup is cheap.
fn light_spec() -> CapacitySpec {
	CapacitySpec::Gpu {
		count: 1,
		memory_bytes: hypermesh_primitives::asset::GIB,
		compute_units: u32::MAX,
		model: BoundedVec::truncate_from(vec![b'g'; MAX_MODEL_LEN as usize]),
	}
}

/// An asset id no real asset has, numbered `i`.
fn filler_asset(i: u32) -> AssetId {
	let mut bytes = [0xee; 32];
	bytes[..4].copy_from_slice(&i.to_le_bytes());
	AssetId(bytes)
}

/// Fills `owner`'s asset list with filler ids until `room` places are left.
fn fill_owner<T: Config>(owner: &T::AccountId, room: u32) {
	let target = T::MaxAssetsPerOwner::get().saturating_sub(room) as usize;
	let mut list = OwnerAssets::<T>::get(owner);
	let mut i = 0u32;
	while list.len() < target && list.try_push(filler_asset(i)).is_ok() {
		i = i.saturating_add(1);
	}
	OwnerAssets::<T>::insert(owner, list);
}

/// Fills `asset`'s allocation list with filler ids up to `count` entries, keeping the
/// record's count in step.
fn fill_asset_allocations<T: Config>(asset: &AssetId, count: u32) {
	let mut list = AssetAllocations::<T>::get(asset);
	let mut i = 0u64;
	while list.len() < count as usize && list.try_push(u64::MAX - i).is_ok() {
		i = i.saturating_add(1);
	}
	let len = u32::try_from(list.len()).unwrap_or(u32::MAX);
	AssetAllocations::<T>::insert(asset, list);
	Assets::<T>::mutate(asset, |record| {
		if let Some(record) = record {
			record.active_allocations = len;
			if len > 0 && record.state == AssetState::Available {
				record.state = AssetState::Allocated;
			}
		}
	});
}

/// Fills the expiry queue of block `at` with filler ids until `room` places are left.
fn fill_expiries<T: Config>(at: BlockNumberFor<T>, room: u32) {
	let target = T::MaxExpiriesPerBlock::get().saturating_sub(room) as usize;
	let mut list = Expiries::<T>::get(at);
	let mut i = 0u64;
	while list.len() < target && list.try_push(u64::MAX / 2 - i).is_ok() {
		i = i.saturating_add(1);
	}
	Expiries::<T>::insert(at, list);
}

/// Registers an asset of `spec` for `owner` through the call, with real proofs.
fn register_asset<T: Config>(
	owner: &T::AccountId,
	spec: CapacitySpec,
) -> Result<AssetId, BenchmarkError> {
	T::BenchmarkHelper::prepare_provider(owner, PROFILE);
	let asset = AssetId::derive(owner, spec.class(), ProviderNonce::<T>::get(owner));
	let (commitment, sectors) = T::BenchmarkHelper::plot(&asset, PROFILE);
	let context = register_context::<T>(owner, &asset, &spec, commitment, sectors);
	let bundle = T::BenchmarkHelper::bundle(&context);
	AssetRegistry::<T>::register(
		RawOrigin::Signed(owner.clone()).into(),
		spec,
		PROFILE,
		commitment,
		sectors,
		bundle,
	)?;
	T::BenchmarkHelper::pass_audit(owner, &asset);
	Ok(asset)
}

/// The context `register` builds in the current block.
fn register_context<T: Config>(
	owner: &T::AccountId,
	asset: &AssetId,
	spec: &CapacitySpec,
	commitment: sp_core::H256,
	plot_sectors: u32,
) -> ProofContextOf<T> {
	ProofContext {
		operation: Operation::Register,
		who: owner.clone(),
		asset: *asset,
		owner: owner.clone(),
		commitment,
		plot_sectors,
		class: spec.class(),
		capacity_units: spec.capacity_units(),
		profile: PROFILE,
	}
}

/// The record of a registered asset.
fn record<T: Config>(asset: &AssetId) -> Result<AssetRecordOf<T>, BenchmarkError> {
	Assets::<T>::get(asset).ok_or(BenchmarkError::Stop("the asset is not registered"))
}

/// An asset of `owner` ready for allocation by `consumer` at the access check's worst
/// case, with the allocation arguments its policy admits: `(asset, share, duration,
/// price)`. `consumer` is funded for the price.
fn allocatable_asset<T: Config>(
	owner: &T::AccountId,
	consumer: &T::AccountId,
) -> Result<(AssetId, Percent, BlockNumberFor<T>, BalanceOf<T>), BenchmarkError> {
	let asset = register_asset::<T>(owner, light_spec())?;
	T::BenchmarkHelper::prepare_worst_case_access(&asset, owner, consumer);
	let policy = T::Access::policy(&asset, PROFILE);
	let share = Percent::from_parts(1);
	let duration = policy.max_duration.max(One::one());
	let price = AssetRegistry::<T>::price_of(share, policy.price_per_block, duration)
		.map_err(|_| BenchmarkError::Stop("the policy's price overflows"))?;
	let funds = price.saturating_add(T::Currency::minimum_balance()).saturating_mul(2u32.into());
	T::Currency::set_balance(consumer, funds);
	Ok((asset, share, duration, price))
}

/// The context of provider `operation` on `asset` by `who`, as the pallet builds it.
fn context_of<T: Config>(
	operation: Operation,
	who: &T::AccountId,
	asset: &AssetId,
) -> Result<ProofContextOf<T>, BenchmarkError> {
	let record = record::<T>(asset)?;
	let profile = AssetRegistry::<T>::proof_profile(asset, &record);
	Ok(AssetRegistry::<T>::context(operation, who, asset, &record, profile))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register() -> Result<(), BenchmarkError> {
		go_to::<T>(START.into());
		let caller: T::AccountId = whitelisted_caller();
		T::BenchmarkHelper::prepare_provider(&caller, PROFILE);
		fill_owner::<T>(&caller, 1);
		let spec = worst_spec(MAX_WORK_SOLUTIONS);
		let asset = AssetId::derive(&caller, spec.class(), ProviderNonce::<T>::get(&caller));
		let (commitment, sectors) = T::BenchmarkHelper::plot(&asset, PROFILE);
		let context = register_context::<T>(&caller, &asset, &spec, commitment, sectors);
		let bundle = T::BenchmarkHelper::bundle(&context);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), spec, PROFILE, commitment, sectors, bundle);

		assert_eq!(record::<T>(&asset)?.owner, caller);
		Ok(())
	}

	#[benchmark]
	fn update_spec() -> Result<(), BenchmarkError> {
		go_to::<T>(START.into());
		let owner: T::AccountId = whitelisted_caller();
		let asset = register_asset::<T>(&owner, light_spec())?;
		// A spec change is due half a liveness window after the last proof.
		let now = frame_system::Pallet::<T>::block_number();
		go_to::<T>(now.saturating_add(T::LivenessWindow::get() / 2u32.into()));
		let spec = worst_spec(MAX_WORK_SOLUTIONS.saturating_add(1));
		let mut context = context_of::<T>(Operation::UpdateSpec, &owner, &asset)?;
		context.capacity_units = spec.capacity_units();
		let bundle = T::BenchmarkHelper::bundle(&context);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), asset, spec.clone(), bundle);

		let record = record::<T>(&asset)?;
		assert_eq!((record.spec, record.state), (spec, AssetState::Unproven));
		Ok(())
	}

	#[benchmark]
	fn set_maintenance() -> Result<(), BenchmarkError> {
		go_to::<T>(START.into());
		let owner: T::AccountId = whitelisted_caller();
		let asset = register_asset::<T>(&owner, light_spec())?;
		AssetRegistry::<T>::set_maintenance(RawOrigin::Signed(owner.clone()).into(), asset, true)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), asset, false);

		assert_eq!(record::<T>(&asset)?.state, AssetState::Available);
		Ok(())
	}

	#[benchmark]
	fn transfer_ownership() -> Result<(), BenchmarkError> {
		go_to::<T>(START.into());
		let owner: T::AccountId = whitelisted_caller();
		let receiver: T::AccountId = account("receiver", 0, 0);
		let asset = register_asset::<T>(&owner, light_spec())?;
		// The receiver exists, as one that signs must, and takes the deposit over.
		T::BenchmarkHelper::prepare_provider(&receiver, PROFILE);
		fill_owner::<T>(&owner, 0);
		fill_owner::<T>(&receiver, 1);
		let receiver_lookup = T::Lookup::unlookup(receiver.clone());

		// Both steps of a transfer, offer and acceptance; each call is weighed as the
		// whole transfer.
		#[block]
		{
			AssetRegistry::<T>::offer_transfer(
				RawOrigin::Signed(owner).into(),
				asset,
				receiver_lookup,
			)?;
			AssetRegistry::<T>::accept_transfer(RawOrigin::Signed(receiver.clone()).into(), asset)?;
		}

		assert_eq!(record::<T>(&asset)?.owner, receiver);
		Ok(())
	}

	#[benchmark]
	fn retire() -> Result<(), BenchmarkError> {
		go_to::<T>(START.into());
		let owner: T::AccountId = whitelisted_caller();
		let asset = register_asset::<T>(&owner, light_spec())?;
		fill_owner::<T>(&owner, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), asset);

		assert!(AssetRegistry::<T>::asset(&asset).is_none());
		Ok(())
	}

	#[benchmark]
	fn allocate() -> Result<(), BenchmarkError> {
		let now = go_to::<T>(START.into());
		let owner: T::AccountId = account("owner", 0, 0);
		let consumer: T::AccountId = whitelisted_caller();
		let (asset, share, duration, price) = allocatable_asset::<T>(&owner, &consumer)?;
		// One place left on the asset, as the policy and the chain allow.
		let policy = T::Access::policy(&asset, PROFILE);
		let limit = policy.max_concurrent.min(T::MaxAllocationsPerAsset::get());
		fill_asset_allocations::<T>(&asset, limit.saturating_sub(1));
		// One place left in the expiry block's queue.
		fill_expiries::<T>(now.saturating_add(duration), 1);
		let id = NextAllocationId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(consumer.clone()), asset, share, duration, price);

		let allocation = Allocations::<T>::get(id).ok_or(BenchmarkError::Stop("not allocated"))?;
		assert_eq!(allocation.consumer, consumer);
		Ok(())
	}

	#[benchmark]
	fn release() -> Result<(), BenchmarkError> {
		let now = go_to::<T>(START.into());
		let owner: T::AccountId = account("owner", 0, 0);
		let consumer: T::AccountId = whitelisted_caller();
		let (asset, share, duration, price) = allocatable_asset::<T>(&owner, &consumer)?;
		let id = NextAllocationId::<T>::get();
		AssetRegistry::<T>::allocate(
			RawOrigin::Signed(consumer.clone()).into(),
			asset,
			share,
			duration,
			price,
		)?;
		// Full lists to remove the allocation from.
		fill_asset_allocations::<T>(&asset, T::MaxAllocationsPerAsset::get());
		fill_expiries::<T>(now.saturating_add(duration), 0);
		// Halfway through, so the price is split between owner and consumer.
		let two: BlockNumberFor<T> = 2u32.into();
		go_to::<T>(now.saturating_add(duration / two));

		#[extrinsic_call]
		_(RawOrigin::Signed(consumer), id);

		assert!(!Allocations::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn heartbeat() -> Result<(), BenchmarkError> {
		go_to::<T>(START.into());
		let owner: T::AccountId = whitelisted_caller();
		// The most work solutions to verify.
		let asset = register_asset::<T>(&owner, worst_spec(MAX_WORK_SOLUTIONS))?;
		// The next heartbeat is due half a liveness window after the audit's answer.
		let answered = record::<T>(&asset)?.last_heartbeat;
		let due = answered.saturating_add(T::LivenessWindow::get() / 2u32.into());
		let now = go_to::<T>(due.max(answered.saturating_add(One::one())));
		let context = context_of::<T>(Operation::Heartbeat, &owner, &asset)?;
		let bundle = T::BenchmarkHelper::bundle(&context);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), asset, bundle);

		// The heartbeat opened an audit; the liveness waits for its answer.
		let record = record::<T>(&asset)?;
		assert_eq!(record.state, AssetState::Available);
		assert!(record.last_heartbeat < now);
		Ok(())
	}

	#[benchmark]
	fn set_in_use() -> Result<(), BenchmarkError> {
		go_to::<T>(START.into());
		let owner: T::AccountId = whitelisted_caller();
		let asset = register_asset::<T>(&owner, light_spec())?;
		fill_asset_allocations::<T>(&asset, 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), asset, true);

		assert_eq!(record::<T>(&asset)?.state, AssetState::InUse);
		Ok(())
	}

	/// `on_initialize` settling `c` expiring allocations, each of its own consumer, on
	/// assets whose allocation lists are full.
	#[benchmark]
	fn on_initialize_expiries(
		c: Linear<0, { T::MaxExpiriesPerBlock::get() }>,
	) -> Result<(), BenchmarkError> {
		let start = go_to::<T>(START.into());
		let duration: BlockNumberFor<T> = 10u32.into();
		let n = start.saturating_add(duration);
		let owner: T::AccountId = account("owner", 0, 0);
		T::BenchmarkHelper::prepare_provider(&owner, PROFILE);
		let price: BalanceOf<T> = T::Currency::minimum_balance().saturating_mul(1_000u32.into());
		let reason: T::RuntimeHoldReason = HoldReason::AllocationPayment.into();
		let per_asset = T::MaxAllocationsPerAsset::get();

		let mut asset = filler_asset(u32::MAX);
		for i in 0..c {
			let consumer: T::AccountId = account("consumer", i, 0);
			if i % per_asset == 0 {
				asset = filler_asset(u32::MAX - i);
				Assets::<T>::insert(
					asset,
					AssetRecord {
						owner: owner.clone(),
						spec: worst_spec(u32::MAX),
						state: AssetState::Allocated,
						address: GlobalAddress::default(),
						commitment: Default::default(),
						plot_sectors: 1,
						profile: PROFILE,
						registered_at: start,
						last_heartbeat: start,
						active_allocations: 0,
						allocated_share: Percent::zero(),
						unserved_blocks: Zero::zero(),
						service_counted_to: start,
					},
				);
				T::BenchmarkHelper::prepare_worst_case_access(&asset, &owner, &consumer);
			}
			T::Currency::set_balance(
				&consumer,
				price.saturating_add(T::Currency::minimum_balance()).saturating_mul(2u32.into()),
			);
			T::Currency::hold(&reason, &consumer, price)?;
			let id: AllocationId = i.into();
			let share = Percent::from_parts(1);
			Allocations::<T>::insert(
				id,
				AllocationOf::<T> {
					consumer,
					asset,
					share,
					start,
					expires_at: n,
					price,
					unserved_at_start: Zero::zero(),
				},
			);
			AssetAllocations::<T>::try_append(asset, id)
				.map_err(|_| BenchmarkError::Stop("allocation list full"))?;
			Expiries::<T>::try_append(n, id).map_err(|_| BenchmarkError::Stop("queue full"))?;
			Assets::<T>::mutate(asset, |record| {
				if let Some(record) = record {
					record.active_allocations = record.active_allocations.saturating_add(1);
					record.allocated_share = record.allocated_share.saturating_add(share);
				}
			});
		}
		go_to::<T>(n);

		#[block]
		{
			AssetRegistry::<T>::on_initialize(n);
		}

		assert!(!Expiries::<T>::contains_key(n));
		assert_eq!(Allocations::<T>::iter().count(), 0);
		Ok(())
	}

	impl_benchmark_test_suite!(AssetRegistry, crate::mock::new_test_ext(), crate::mock::Test);
}
