//! The logic behind the calls and the expiry hook.

use alloc::vec::Vec;

use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use hypermesh_primitives::{
	traits::{AccessPolicy, ChallengeInspect, ProofContext, ProofVerifier},
	AllocationId, AssetClass, AssetId, AssetRecord, AssetState, CapacitySpec, GlobalAddress,
	MeshNetworkId, Operation, ProfileKind,
};
use sp_core::H256;
use sp_runtime::{
	traits::{CheckedAdd, CheckedMul, One, SaturatedConversion, Saturating, Zero},
	ArithmeticError, Percent,
};

use crate::*;

impl<T: Config> Pallet<T> {
	/// The id of this chain inside `fd00::/8`, from its genesis hash. frame_system keeps
	/// the genesis hash as the hash of block 0 from block 1 on.
	pub fn network_id() -> MeshNetworkId {
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		MeshNetworkId::from_genesis_hash(genesis.as_ref())
	}

	/// The id the next asset of `class` that `owner` registers will get (provers build
	/// the plot for it before registering).
	pub fn next_asset_id(owner: &T::AccountId, class: AssetClass) -> AssetId {
		AssetId::derive(owner, class, ProviderNonce::<T>::get(owner))
	}

	/// The record of `asset`, retired ones included.
	pub fn asset(asset: &AssetId) -> Option<AssetRecordOf<T>> {
		Assets::<T>::get(asset)
	}

	/// The assets `owner` owns (retired ones excluded).
	pub fn assets_by_owner(owner: &T::AccountId) -> Vec<AssetId> {
		OwnerAssets::<T>::get(owner).into_inner()
	}

	/// The active allocations of `asset`.
	pub fn allocations_of(asset: &AssetId) -> Vec<(AllocationId, AllocationOf<T>)> {
		AssetAllocations::<T>::get(asset)
			.into_iter()
			.filter_map(|id| Allocations::<T>::get(id).map(|allocation| (id, allocation)))
			.collect()
	}

	/// The record of `asset` if `who` owns it.
	fn owned_asset(who: &T::AccountId, asset: &AssetId) -> Result<AssetRecordOf<T>, DispatchError> {
		let record = Assets::<T>::get(asset).ok_or(Error::<T>::UnknownAsset)?;
		ensure!(record.owner == *who, Error::<T>::NotAssetOwner);
		Ok(record)
	}

	/// The profile an asset's proofs are held to: its policy's, or the one it was
	/// registered with when it has no policy.
	pub(crate) fn proof_profile(asset: &AssetId, record: &AssetRecordOf<T>) -> ProfileKind {
		T::Access::policy(asset, record.profile).profile
	}

	/// The proof context of a provider operation on a registered asset.
	pub(crate) fn context(
		operation: Operation,
		who: &T::AccountId,
		asset: &AssetId,
		record: &AssetRecordOf<T>,
		profile: ProfileKind,
	) -> ProofContextOf<T> {
		ProofContext {
			operation,
			who: who.clone(),
			asset: *asset,
			owner: record.owner.clone(),
			commitment: record.commitment,
			plot_sectors: record.plot_sectors,
			class: record.spec.class(),
			capacity_units: record.spec.capacity_units(),
			profile,
		}
	}

	/// The asset's count of unserved blocks up to block `now`: the stored count, plus
	/// the blocks since it was last brought up to date in which the asset was Failed or
	/// past its liveness window (its last passed proof older than
	/// [`Config::LivenessWindow`]). Neither the state nor the last proof changes
	/// without the count being brought up to date first ([`Self::count_service`]).
	pub fn unserved_until(record: &AssetRecordOf<T>, now: BlockNumberFor<T>) -> BlockNumberFor<T> {
		let counted_to = record.service_counted_to;
		let open = if matches!(record.state, AssetState::Failed | AssetState::Unproven) {
			now.saturating_sub(counted_to)
		} else {
			now.saturating_sub(counted_to.max(Self::live_until(record)))
		};
		record.unserved_blocks.saturating_add(open)
	}

	/// The last block in which the asset counts as live: its last passed proof plus
	/// [`Config::LivenessWindow`].
	fn live_until(record: &AssetRecordOf<T>) -> BlockNumberFor<T> {
		record.last_heartbeat.saturating_add(T::LivenessWindow::get())
	}

	/// Brings `record`'s count of unserved blocks up to block `now`, before its state or
	/// its last proof changes.
	pub(crate) fn count_service(record: &mut AssetRecordOf<T>, now: BlockNumberFor<T>) {
		record.unserved_blocks = Self::unserved_until(record, now);
		record.service_counted_to = now;
	}

	/// Whether the asset's last passed proof is at least half a liveness window old,
	/// so that it may ask for another audit.
	fn audit_is_due(record: &AssetRecordOf<T>) -> bool {
		let now = frame_system::Pallet::<T>::block_number();
		let half_window = T::LivenessWindow::get() / 2u32.into();
		now >= record.last_heartbeat.saturating_add(half_window)
	}

	/// The state of an asset in service with `active` allocations.
	fn serving_state(active: u32) -> AssetState {
		if active == 0 {
			AssetState::Available
		} else {
			AssetState::Allocated
		}
	}

	/// Registers an asset for `who`. See [`Pallet::register`].
	pub(crate) fn do_register(
		who: T::AccountId,
		spec: CapacitySpec,
		profile: ProfileKind,
		commitment: H256,
		plot_sectors: u32,
		bundle: ProofBundleOf<T>,
	) -> DispatchResult {
		Self::admit_asset(who, spec, profile, commitment, plot_sectors, |context| {
			T::Proofs::verify(context, &bundle)
		})
		.map(|_| ())
	}

	/// Registers an asset once `prove` accepts the registration's proof context;
	/// everything is checked before the first write. Returns the new asset's id.
	fn admit_asset(
		who: T::AccountId,
		spec: CapacitySpec,
		profile: ProfileKind,
		commitment: H256,
		plot_sectors: u32,
		prove: impl FnOnce(&ProofContextOf<T>) -> DispatchResult,
	) -> Result<AssetId, DispatchError> {
		spec.validate().map_err(|_| Error::<T>::InvalidSpec)?;
		let class = spec.class();
		let nonce = ProviderNonce::<T>::get(&who);
		let next_nonce = nonce.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let asset = AssetId::derive(&who, class, nonce);
		let address = GlobalAddress::new(Self::network_id(), class, &asset);
		ensure!(
			!AddressIndex::<T>::contains_key(address) && !Assets::<T>::contains_key(asset),
			Error::<T>::AddressTaken
		);
		let mut owned = OwnerAssets::<T>::get(&who);
		owned.try_push(asset).map_err(|_| Error::<T>::TooManyAssets)?;

		let now = frame_system::Pallet::<T>::block_number();
		let context = ProofContext {
			operation: Operation::Register,
			who: who.clone(),
			asset,
			owner: who.clone(),
			commitment,
			plot_sectors,
			class,
			capacity_units: spec.capacity_units(),
			profile,
		};
		prove(&context)?;
		let deposit = T::AssetDeposit::get();
		if !deposit.is_zero() {
			T::Currency::hold(&HoldReason::AssetDeposit.into(), &who, deposit)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
		}

		let record = AssetRecord {
			owner: who.clone(),
			spec,
			state: AssetState::Unproven,
			address,
			commitment,
			plot_sectors,
			profile,
			registered_at: now,
			last_heartbeat: now,
			active_allocations: 0,
			allocated_share: Percent::zero(),
			unserved_blocks: Zero::zero(),
			service_counted_to: now,
		};
		Assets::<T>::insert(asset, record);
		AddressIndex::<T>::insert(address, asset);
		OwnerAssets::<T>::insert(&who, owned);
		ProviderNonce::<T>::insert(&who, next_nonce);
		Self::deposit_event(Event::AssetRegistered { asset, owner: who, class, address });
		Ok(asset)
	}

	/// Registers an asset without proofs and brings it into service, for other
	/// pallets' benchmarks that need a real asset to work on.
	#[cfg(feature = "runtime-benchmarks")]
	pub fn benchmark_asset(
		owner: T::AccountId,
		spec: CapacitySpec,
		commitment: H256,
		plot_sectors: u32,
		profile: ProfileKind,
	) -> Result<AssetId, DispatchError> {
		use frame_support::traits::fungible::{Inspect, Mutate};
		let funds = T::AssetDeposit::get().saturating_add(T::Currency::minimum_balance());
		T::Currency::mint_into(&owner, funds)?;
		let asset = Self::admit_asset(owner, spec, profile, commitment, plot_sectors, |_| Ok(()))?;
		Self::do_mark_proven(&asset)?;
		Ok(asset)
	}

	/// Changes the spec of `who`'s `asset`. See [`Pallet::update_spec`].
	pub(crate) fn do_update_spec(
		who: T::AccountId,
		asset: AssetId,
		spec: CapacitySpec,
		bundle: ProofBundleOf<T>,
	) -> DispatchResult {
		let mut record = Self::owned_asset(&who, &asset)?;
		ensure!(spec.class() == record.spec.class(), Error::<T>::ClassMismatch);
		spec.validate().map_err(|_| Error::<T>::InvalidSpec)?;
		ensure!(spec != record.spec, Error::<T>::SpecUnchanged);
		ensure!(record.active_allocations == 0, Error::<T>::AssetBusy);
		// The audit would bring it back into service: not while its owner keeps it out.
		ensure!(record.state != AssetState::Maintenance, Error::<T>::InvalidState);
		// Every spec change opens an audit: as rare as heartbeats, in any state.
		ensure!(Self::audit_is_due(&record), Error::<T>::AuditTooSoon);
		// An open challenge's work is held to the capacity the asset declared.
		ensure!(T::Challenges::open_challenges(&asset) == 0, Error::<T>::AssetChallenged);
		let profile = Self::proof_profile(&asset, &record);
		let mut context = Self::context(Operation::UpdateSpec, &who, &asset, &record, profile);
		context.capacity_units = spec.capacity_units();
		T::Proofs::verify(&context, &bundle)?;

		Self::count_service(&mut record, frame_system::Pallet::<T>::block_number());
		record.state = AssetState::Unproven;
		record.spec = spec;
		Assets::<T>::insert(asset, record);
		Self::deposit_event(Event::SpecUpdated { asset });
		Ok(())
	}

	/// Puts `who`'s `asset` into or out of maintenance. See [`Pallet::set_maintenance`].
	pub(crate) fn do_set_maintenance(
		who: T::AccountId,
		asset: AssetId,
		enabled: bool,
	) -> DispatchResult {
		let mut record = Self::owned_asset(&who, &asset)?;
		ensure!(
			!matches!(record.state, AssetState::Failed | AssetState::Unproven),
			Error::<T>::InvalidState
		);

		if enabled {
			record.state = AssetState::Maintenance;
		} else if record.state == AssetState::Maintenance {
			record.state = Self::serving_state(record.active_allocations);
		}
		Assets::<T>::insert(asset, record);
		Self::deposit_event(Event::MaintenanceSet { asset, enabled });
		Ok(())
	}

	/// Offers `who`'s `asset` to `new_owner`. See [`Pallet::offer_transfer`].
	pub(crate) fn do_offer_transfer(
		who: T::AccountId,
		asset: AssetId,
		new_owner: T::AccountId,
	) -> DispatchResult {
		Self::owned_asset(&who, &asset)?;
		ensure!(new_owner != who, Error::<T>::AlreadyOwner);

		TransferOffers::<T>::insert(asset, &new_owner);
		Self::deposit_event(Event::TransferOffered { asset, from: who, to: new_owner });
		Ok(())
	}

	/// `who` accepts the `asset` offered to it. See [`Pallet::accept_transfer`].
	pub(crate) fn do_accept_transfer(who: T::AccountId, asset: AssetId) -> DispatchResult {
		let offered_to = TransferOffers::<T>::get(asset).ok_or(Error::<T>::NoTransferOffer)?;
		ensure!(offered_to == who, Error::<T>::NoTransferOffer);
		let mut record = Assets::<T>::get(asset).ok_or(Error::<T>::UnknownAsset)?;
		ensure!(record.active_allocations == 0, Error::<T>::AssetBusy);
		ensure!(T::Challenges::open_challenges(&asset) == 0, Error::<T>::AssetChallenged);
		let mut received = OwnerAssets::<T>::get(&who);
		received.try_push(asset).map_err(|_| Error::<T>::TooManyAssets)?;

		let from = record.owner.clone();
		// The asset's deposit moves with it: the new owner gets it back on retiring.
		let deposit = T::AssetDeposit::get();
		if !deposit.is_zero() {
			T::Currency::transfer_on_hold(
				&HoldReason::AssetDeposit.into(),
				&from,
				&who,
				deposit,
				Precision::BestEffort,
				Restriction::OnHold,
				Fortitude::Force,
			)?;
		}
		OwnerAssets::<T>::mutate_exists(&from, |owned| Self::forget_asset(owned, &asset));
		OwnerAssets::<T>::insert(&who, received);
		TransferOffers::<T>::remove(asset);
		// The old owner's bond no longer stands behind the asset; the new owner's
		// comes with its first proof, whose audit brings the asset back into service.
		T::Proofs::release_bond(&asset);
		Self::count_service(&mut record, frame_system::Pallet::<T>::block_number());
		record.state = AssetState::Unproven;
		record.owner = who.clone();
		Assets::<T>::insert(asset, record);
		Self::deposit_event(Event::OwnershipTransferred { asset, from, to: who });
		Ok(())
	}

	/// Withdraws or declines the offer of `asset`. See [`Pallet::cancel_transfer`].
	pub(crate) fn do_cancel_transfer(who: T::AccountId, asset: AssetId) -> DispatchResult {
		let offered_to = TransferOffers::<T>::get(asset).ok_or(Error::<T>::NoTransferOffer)?;
		let owner = Assets::<T>::get(asset).map(|record| record.owner);
		ensure!(offered_to == who || owner.as_ref() == Some(&who), Error::<T>::NotAParty);

		TransferOffers::<T>::remove(asset);
		Self::deposit_event(Event::TransferCancelled { asset });
		Ok(())
	}

	/// Removes `asset` from an owner's list, dropping the list when it empties.
	fn forget_asset(
		owned: &mut Option<BoundedVec<AssetId, T::MaxAssetsPerOwner>>,
		asset: &AssetId,
	) {
		if let Some(list) = owned {
			list.retain(|id| id != asset);
			if list.is_empty() {
				*owned = None;
			}
		}
	}

	/// Retires `who`'s `asset`. See [`Pallet::retire`].
	pub(crate) fn do_retire(who: T::AccountId, asset: AssetId) -> DispatchResult {
		let record = Self::owned_asset(&who, &asset)?;
		ensure!(record.active_allocations == 0, Error::<T>::AssetBusy);
		ensure!(T::Challenges::open_challenges(&asset) == 0, Error::<T>::AssetChallenged);

		// Best effort: releases what is held, up to the deposit.
		let _ = T::Currency::release(
			&HoldReason::AssetDeposit.into(),
			&who,
			T::AssetDeposit::get(),
			Precision::BestEffort,
		);
		Self::remove_asset(&asset, &record);
		Ok(())
	}

	/// Removes `asset` (whose record is `record`) with everything kept for it: its
	/// address, its place in its owner's list, any transfer offer, its policy and
	/// the bond committed to it.
	pub(crate) fn remove_asset(asset: &AssetId, record: &AssetRecordOf<T>) {
		T::Proofs::release_bond(asset);
		AddressIndex::<T>::remove(record.address);
		OwnerAssets::<T>::mutate_exists(&record.owner, |owned| Self::forget_asset(owned, asset));
		TransferOffers::<T>::remove(asset);
		T::Access::remove_policy(asset);
		Assets::<T>::remove(asset);
		Self::deposit_event(Event::AssetRetired { asset: *asset });
	}

	/// The price of `share` of an asset priced `price_per_block` for `duration` blocks,
	/// rounded up.
	pub(crate) fn price_of(
		share: Percent,
		price_per_block: BalanceOf<T>,
		duration: BlockNumberFor<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		let blocks: u128 = duration.try_into().map_err(|_| ArithmeticError::Overflow)?;
		let blocks = BalanceOf::<T>::try_from(blocks).map_err(|_| ArithmeticError::Overflow)?;
		let whole = price_per_block.checked_mul(&blocks).ok_or(ArithmeticError::Overflow)?;
		Ok(share.mul_ceil(whole))
	}

	/// Allocates `share` of `asset` to `consumer`. See [`Pallet::allocate`].
	pub(crate) fn do_allocate(
		consumer: T::AccountId,
		asset: AssetId,
		share: Percent,
		duration: BlockNumberFor<T>,
		price_limit: BalanceOf<T>,
	) -> DispatchResult {
		let mut record = Assets::<T>::get(asset).ok_or(Error::<T>::UnknownAsset)?;
		ensure!(record.state.accepts_allocations(), Error::<T>::NotAvailable);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now <= Self::live_until(&record), Error::<T>::AssetNotLive);
		T::Access::ensure_access(&asset, &record.owner, &consumer)?;
		let policy = T::Access::policy(&asset, record.profile);
		T::Proofs::ensure_stake(&record.owner, &asset, &record.spec, policy.profile)?;
		ensure!(!share.is_zero(), Error::<T>::ZeroShare);
		let min_duration = policy.min_duration.max(One::one());
		ensure!(
			duration >= min_duration && duration <= policy.max_duration,
			Error::<T>::DurationOutOfRange
		);
		let total = record
			.allocated_share
			.deconstruct()
			.checked_add(share.deconstruct())
			.ok_or(Error::<T>::CapacityExceeded)?;
		ensure!(total <= policy.max_share.deconstruct(), Error::<T>::CapacityExceeded);
		ensure!(record.active_allocations < policy.max_concurrent, Error::<T>::TooManyAllocations);
		let active = record.active_allocations.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let id = NextAllocationId::<T>::get();
		let next_id = id.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let mut asset_allocations = AssetAllocations::<T>::get(asset);
		asset_allocations.try_push(id).map_err(|_| Error::<T>::TooManyAllocations)?;
		let price = Self::price_of(share, policy.price_per_block, duration)?;
		ensure!(price <= price_limit, Error::<T>::PriceLimitExceeded);
		let expires_at = now.checked_add(&duration).ok_or(ArithmeticError::Overflow)?;
		let mut expiring = Expiries::<T>::get(expires_at);
		expiring.try_push(id).map_err(|_| Error::<T>::ExpiryQueueFull)?;

		if !price.is_zero() {
			T::Currency::hold(&HoldReason::AllocationPayment.into(), &consumer, price)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
		}

		let allocation = AllocationOf::<T> {
			consumer: consumer.clone(),
			asset,
			share,
			start: now,
			expires_at,
			price,
			unserved_at_start: Self::unserved_until(&record, now),
		};
		Allocations::<T>::insert(id, allocation);
		AssetAllocations::<T>::insert(asset, asset_allocations);
		Expiries::<T>::insert(expires_at, expiring);
		NextAllocationId::<T>::put(next_id);
		record.active_allocations = active;
		record.allocated_share = Percent::from_parts(total);
		if record.state == AssetState::Available {
			record.state = AssetState::Allocated;
		}
		Assets::<T>::insert(asset, record);
		Self::deposit_event(Event::Allocated {
			allocation: id,
			asset,
			consumer,
			share,
			expires_at,
			price,
		});
		Ok(())
	}

	/// Releases `allocation` for `who`, a party to it. See [`Pallet::release`].
	pub(crate) fn do_release(who: T::AccountId, id: AllocationId) -> DispatchResult {
		let allocation = Allocations::<T>::get(id).ok_or(Error::<T>::UnknownAllocation)?;
		let record = Assets::<T>::get(allocation.asset).ok_or(Error::<T>::UnknownAsset)?;
		ensure!(who == allocation.consumer || who == record.owner, Error::<T>::NotAParty);

		let now = frame_system::Pallet::<T>::block_number();
		let settlement = Self::settle(id, &allocation, now, true);
		Self::deposit_event(Event::Released {
			allocation: id,
			paid: settlement.paid,
			refunded: settlement.refunded,
			unserved: settlement.unserved,
		});
		Ok(())
	}

	/// Has `who`'s `asset` audited. See [`Pallet::heartbeat`].
	pub(crate) fn do_heartbeat(
		who: T::AccountId,
		asset: AssetId,
		bundle: ProofBundleOf<T>,
	) -> DispatchResult {
		let record = Self::owned_asset(&who, &asset)?;
		// An asset in service is audited at most twice per liveness window, so a
		// provider's heartbeats cannot fill the chain's challenge queue. (An Unproven or
		// Failed one may ask again once its audit is over: each lost audit is slashed.)
		ensure!(
			matches!(record.state, AssetState::Unproven | AssetState::Failed)
				|| Self::audit_is_due(&record),
			Error::<T>::AuditTooSoon
		);
		let profile = Self::proof_profile(&asset, &record);
		let context = Self::context(Operation::Heartbeat, &who, &asset, &record, profile);
		T::Proofs::verify(&context, &bundle)?;
		Self::deposit_event(Event::HeartbeatRecorded { asset });
		Ok(())
	}

	/// Reports whether `who`'s `asset` is in use. See [`Pallet::set_in_use`].
	pub(crate) fn do_set_in_use(who: T::AccountId, asset: AssetId, in_use: bool) -> DispatchResult {
		let mut record = Self::owned_asset(&who, &asset)?;
		ensure!(record.state.accepts_allocations(), Error::<T>::InvalidState);
		if in_use {
			ensure!(record.active_allocations > 0, Error::<T>::NotAllocated);
			record.state = AssetState::InUse;
		} else {
			record.state = Self::serving_state(record.active_allocations);
		}
		Assets::<T>::insert(asset, record);
		Self::deposit_event(Event::UsageReported { asset, in_use });
		Ok(())
	}

	/// Marks `asset` Failed. See [`AssetInspect::mark_failed`].
	///
	/// [`AssetInspect::mark_failed`]: hypermesh_primitives::traits::AssetInspect::mark_failed
	pub(crate) fn do_mark_failed(asset: &AssetId) -> DispatchResult {
		let mut record = Assets::<T>::get(asset).ok_or(Error::<T>::UnknownAsset)?;
		Self::count_service(&mut record, frame_system::Pallet::<T>::block_number());
		record.state = AssetState::Failed;
		Assets::<T>::insert(asset, record);
		Self::deposit_event(Event::AssetFailed { asset: *asset });
		Ok(())
	}

	/// Records a passed proof of `asset`. See [`AssetInspect::mark_proven`].
	///
	/// [`AssetInspect::mark_proven`]: hypermesh_primitives::traits::AssetInspect::mark_proven
	pub(crate) fn do_mark_proven(asset: &AssetId) -> DispatchResult {
		let mut record = Assets::<T>::get(asset).ok_or(Error::<T>::UnknownAsset)?;
		let now = frame_system::Pallet::<T>::block_number();
		Self::count_service(&mut record, now);
		if matches!(record.state, AssetState::Unproven | AssetState::Failed) {
			record.state = Self::serving_state(record.active_allocations);
		}
		record.last_heartbeat = now;
		let state = record.state;
		Assets::<T>::insert(asset, record);
		Self::deposit_event(Event::AssetProven { asset: *asset, state });
		Ok(())
	}

	/// `price * elapsed / duration`, rounded down (the price when `duration` is zero).
	pub(crate) fn used_part(
		price: BalanceOf<T>,
		elapsed: BlockNumberFor<T>,
		duration: BlockNumberFor<T>,
	) -> BalanceOf<T> {
		if elapsed >= duration {
			return price;
		}
		let price_wide: u128 = price.saturated_into();
		let elapsed: u128 = elapsed.saturated_into();
		let duration: u128 = duration.saturated_into();
		sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
			price_wide,
			elapsed,
			duration,
			sp_runtime::Rounding::Down,
		)
		.and_then(|used| BalanceOf::<T>::try_from(used).ok())
		.map_or(price, |used| used.min(price))
	}

	/// Settles `allocation` (id `id`) at block `now`, release or expiry alike.
	///
	/// The part of the price for the blocks served — the blocks used
	/// (`min(now, expires_at) - start`) less those in which the asset was Failed or past
	/// its liveness window — moves from the consumer's hold to the owner's free balance
	/// and the rest is released to the consumer. Then the allocation leaves storage and
	/// the asset's counters, and the asset becomes Available when nothing is left
	/// allocated (unless it is in maintenance or failed). `dequeue` removes the allocation from its expiry block's queue (the expiry
	/// hook has taken that queue already).
	///
	/// It never fails: a payment that cannot be made (the owner's account cannot receive
	/// it) is refunded instead.
	pub(crate) fn settle(
		id: AllocationId,
		allocation: &AllocationOf<T>,
		now: BlockNumberFor<T>,
		dequeue: bool,
	) -> Settlement<BalanceOf<T>, BlockNumberFor<T>> {
		let asset = allocation.asset;
		let end = now.min(allocation.expires_at);
		let elapsed = end.saturating_sub(allocation.start);
		let duration = allocation.expires_at.saturating_sub(allocation.start);
		let record = Assets::<T>::get(asset);
		let unserved = record.as_ref().map_or(elapsed, |record| {
			Self::unserved_until(record, end)
				.saturating_sub(allocation.unserved_at_start)
				.min(elapsed)
		});
		let used = Self::used_part(allocation.price, elapsed.saturating_sub(unserved), duration);
		let reason: T::RuntimeHoldReason = HoldReason::AllocationPayment.into();

		let paid = match &record {
			Some(record) if !used.is_zero() => T::Currency::transfer_on_hold(
				&reason,
				&allocation.consumer,
				&record.owner,
				used,
				Precision::BestEffort,
				Restriction::Free,
				Fortitude::Force,
			)
			.unwrap_or_else(|_| Zero::zero()),
			_ => Zero::zero(),
		};
		let rest = allocation.price.saturating_sub(paid);
		let refunded = if rest.is_zero() {
			Zero::zero()
		} else {
			T::Currency::release(&reason, &allocation.consumer, rest, Precision::BestEffort)
				.unwrap_or_else(|_| Zero::zero())
		};
		Allocations::<T>::remove(id);
		AssetAllocations::<T>::mutate_exists(asset, |ids| {
			if let Some(list) = ids {
				list.retain(|other| *other != id);
				if list.is_empty() {
					*ids = None;
				}
			}
		});
		if dequeue {
			Expiries::<T>::mutate_exists(allocation.expires_at, |ids| {
				if let Some(list) = ids {
					list.retain(|other| *other != id);
					if list.is_empty() {
						*ids = None;
					}
				}
			});
		}
		if let Some(mut record) = record {
			record.active_allocations = record.active_allocations.saturating_sub(1);
			record.allocated_share = Percent::from_parts(
				record.allocated_share.deconstruct().saturating_sub(allocation.share.deconstruct()),
			);
			if record.active_allocations == 0
				&& matches!(record.state, AssetState::Allocated | AssetState::InUse)
			{
				record.state = AssetState::Available;
			}
			Assets::<T>::insert(asset, record);
		}
		Settlement { paid, refunded, unserved }
	}

	/// Settles every allocation that expires at block `n`; returns the weight used.
	pub(crate) fn expire_allocations(n: BlockNumberFor<T>) -> Weight {
		let expiring = Expiries::<T>::take(n);
		let count = u32::try_from(expiring.len()).unwrap_or(u32::MAX);
		for id in expiring {
			if let Some(allocation) = Allocations::<T>::get(id) {
				let settlement = Self::settle(id, &allocation, n, false);
				Self::deposit_event(Event::Expired {
					allocation: id,
					paid: settlement.paid,
					refunded: settlement.refunded,
					unserved: settlement.unserved,
				});
			}
		}
		T::WeightInfo::on_initialize_expiries(count)
	}

	/// Checks the pallet's invariants:
	///
	/// - each asset's `allocated_share` is the sum of its allocations' shares and
	///   `active_allocations` the length of its `AssetAllocations`; an Available asset
	///   has none, an Allocated or InUse one has some;
	/// - each allocation is listed exactly once in its asset's `AssetAllocations` and in
	///   `Expiries` at its expiry block, and those lists name only active allocations;
	/// - no asset's last proof or service count lies in the future;
	/// - `AddressIndex` and the assets agree both ways;
	/// - `OwnerAssets` lists exactly each asset under its owner;
	/// - each owner's `AssetDeposit` hold is one deposit per asset it owns;
	/// - each transfer offer is of an asset, to another account than its owner;
	/// - each consumer's `AllocationPayment` hold is the sum of its allocations' prices.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::{BTreeMap, BTreeSet};
		use frame_support::traits::fungible::InspectHold;

		let mut shares: BTreeMap<AssetId, u32> = BTreeMap::new();
		let mut counts: BTreeMap<AssetId, u32> = BTreeMap::new();
		let mut holds: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (id, allocation) in Allocations::<T>::iter() {
			ensure!(
				Assets::<T>::contains_key(allocation.asset),
				"an allocation is of an unknown asset"
			);
			let share = shares.entry(allocation.asset).or_insert(0);
			*share = share.saturating_add(allocation.share.deconstruct().into());
			let count = counts.entry(allocation.asset).or_insert(0);
			*count = count.saturating_add(1);
			let held = holds.entry(allocation.consumer.clone()).or_insert_with(Zero::zero);
			*held = held.saturating_add(allocation.price);
			let listed = AssetAllocations::<T>::get(allocation.asset)
				.iter()
				.filter(|other| **other == id)
				.count();
			ensure!(listed == 1, "an allocation is not listed exactly once under its asset");
			let queued = Expiries::<T>::get(allocation.expires_at)
				.iter()
				.filter(|other| **other == id)
				.count();
			ensure!(queued == 1, "an allocation is not queued exactly once at its expiry");
			ensure!(allocation.expires_at > allocation.start, "an allocation has no duration");
		}
		for (asset, ids) in AssetAllocations::<T>::iter() {
			ensure!(!ids.is_empty(), "an empty allocation list is stored");
			for id in ids.iter() {
				ensure!(
					Allocations::<T>::get(id).is_some_and(|a| a.asset == asset),
					"an asset lists an allocation that is not its own"
				);
			}
		}
		for (_, ids) in Expiries::<T>::iter() {
			ensure!(!ids.is_empty(), "an empty expiry queue is stored");
			let unique: BTreeSet<_> = ids.iter().collect();
			ensure!(unique.len() == ids.len(), "an expiry queue repeats an allocation");
			for id in ids.iter() {
				ensure!(
					Allocations::<T>::contains_key(id),
					"an expiry queue names a settled allocation"
				);
			}
		}

		let now = frame_system::Pallet::<T>::block_number();
		let mut owned: BTreeMap<T::AccountId, BTreeSet<AssetId>> = BTreeMap::new();
		for (asset, record) in Assets::<T>::iter() {
			ensure!(
				record.last_heartbeat <= now && record.service_counted_to <= now,
				"an asset's last proof or service count lies in the future"
			);
			let share = shares.get(&asset).copied().unwrap_or(0);
			ensure!(
				u32::from(record.allocated_share.deconstruct()) == share,
				"an asset's allocated share is not the sum of its allocations' shares"
			);
			let count = counts.get(&asset).copied().unwrap_or(0);
			ensure!(
				record.active_allocations == count
					&& AssetAllocations::<T>::decode_len(asset).unwrap_or(0) == count as usize,
				"an asset's allocation count is not the number of its allocations"
			);
			match record.state {
				AssetState::Available => {
					ensure!(count == 0, "an Available asset has allocations")
				}
				AssetState::Allocated | AssetState::InUse => {
					ensure!(count > 0, "an Allocated or InUse asset has no allocations")
				}
				_ => {}
			}
			ensure!(
				AddressIndex::<T>::get(record.address) == Some(asset),
				"an asset is not indexed under its address"
			);
			ensure!(
				owned.entry(record.owner.clone()).or_default().insert(asset),
				"an asset is counted twice"
			);
		}
		for (address, asset) in AddressIndex::<T>::iter() {
			ensure!(
				Assets::<T>::get(asset).is_some_and(|r| r.address == address),
				"an address names no asset with that address"
			);
		}
		let mut listed_owners = 0usize;
		for (owner, list) in OwnerAssets::<T>::iter() {
			listed_owners = listed_owners.saturating_add(1);
			let set: BTreeSet<AssetId> = list.iter().copied().collect();
			ensure!(set.len() == list.len(), "an owner's list repeats an asset");
			ensure!(owned.get(&owner) == Some(&set), "an owner's list is not the assets it owns");
		}
		ensure!(listed_owners == owned.len(), "an owner of assets has no list");
		let deposit_reason: T::RuntimeHoldReason = HoldReason::AssetDeposit.into();
		for (owner, assets) in &owned {
			let expected = T::AssetDeposit::get()
				.saturating_mul(BalanceOf::<T>::saturated_from(assets.len() as u128));
			ensure!(
				T::Currency::balance_on_hold(&deposit_reason, owner) == expected,
				"an owner's deposit hold is not one deposit per asset"
			);
		}
		for (asset, to) in TransferOffers::<T>::iter() {
			let record = Assets::<T>::get(asset).ok_or("a transfer offer of an unknown asset")?;
			ensure!(record.owner != to, "an asset is offered to its owner");
		}

		let reason: T::RuntimeHoldReason = HoldReason::AllocationPayment.into();
		for (consumer, total) in holds {
			ensure!(
				T::Currency::balance_on_hold(&reason, &consumer) == total,
				"a consumer's hold is not the sum of its allocations' prices"
			);
		}
		Ok(())
	}
}
