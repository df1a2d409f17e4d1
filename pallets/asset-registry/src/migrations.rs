//! Storage migrations of the asset registry.

/// Version 1: asset records count the blocks in which the asset did not serve, and
/// allocations remember that count at their start, so settlement refunds those blocks.
pub mod v1 {
	use core::marker::PhantomData;

	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		traits::{Get, UncheckedOnRuntimeUpgrade},
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use hypermesh_primitives::{
		Allocation, AssetId, AssetRecord, AssetState, CapacitySpec, GlobalAddress, ProfileKind,
	};
	use sp_core::H256;
	use sp_runtime::{traits::Zero, Percent};

	use crate::{Allocations, Assets, BalanceOf, Config, Pallet};

	/// An asset record as version 0 stored it.
	#[derive(Encode, Decode)]
	pub struct AssetRecordV0<AccountId, BlockNumber> {
		/// The owner.
		pub owner: AccountId,
		/// What it offers.
		pub spec: CapacitySpec,
		/// Its state.
		pub state: AssetState,
		/// Its global address.
		pub address: GlobalAddress,
		/// Its plot's commitment.
		pub commitment: H256,
		/// Sectors in the plot.
		pub plot_sectors: u32,
		/// Its requirement profile.
		pub profile: ProfileKind,
		/// Block of registration.
		pub registered_at: BlockNumber,
		/// Block of the last heartbeat.
		pub last_heartbeat: BlockNumber,
		/// Active allocations.
		pub active_allocations: u32,
		/// Sum of their shares.
		pub allocated_share: Percent,
	}

	/// An allocation as version 0 stored it.
	#[derive(Encode, Decode)]
	pub struct AllocationV0<AccountId, Balance, BlockNumber> {
		/// The consumer.
		pub consumer: AccountId,
		/// The asset.
		pub asset: AssetId,
		/// The share.
		pub share: Percent,
		/// Block it started.
		pub start: BlockNumber,
		/// Block it expires.
		pub expires_at: BlockNumber,
		/// The payment held.
		pub price: Balance,
	}

	/// Rewrites every asset record and allocation in the version 1 layout. Counting
	/// starts at the upgrade: each asset has no unserved blocks yet, counted to the
	/// current block, and each allocation starts from that zero count.
	pub struct InnerMigrateToV1<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let now = frame_system::Pallet::<T>::block_number();
			let mut count = 0u64;
			Assets::<T>::translate::<AssetRecordV0<T::AccountId, BlockNumberFor<T>>, _>(
				|_, old| {
					count = count.saturating_add(1);
					Some(AssetRecord {
						owner: old.owner,
						spec: old.spec,
						state: old.state,
						address: old.address,
						commitment: old.commitment,
						plot_sectors: old.plot_sectors,
						profile: old.profile,
						registered_at: old.registered_at,
						last_heartbeat: old.last_heartbeat,
						active_allocations: old.active_allocations,
						allocated_share: old.allocated_share,
						unserved_blocks: Zero::zero(),
						service_counted_to: now,
					})
				},
			);
			Allocations::<T>::translate::<
				AllocationV0<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>,
				_,
			>(|_, old| {
				count = count.saturating_add(1);
				Some(Allocation {
					consumer: old.consumer,
					asset: old.asset,
					share: old.share,
					start: old.start,
					expires_at: old.expires_at,
					price: old.price,
					unserved_at_start: Zero::zero(),
				})
			});
			T::DbWeight::get().reads_writes(count, count)
		}
	}

	/// [`InnerMigrateToV1`], run only on a chain at storage version 0, which it moves
	/// to version 1.
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		InnerMigrateToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 2: plots are labels of a depth-robust graph, only a passed audit puts an
/// asset in service, every asset holds a deposit, and retiring removes it. An asset
/// registered before committed to a plot of the old kind, which no answer can open
/// now, and holds no deposit: it is retired, its allocations settled (its consumers
/// pay for the blocks served and get the rest back), and its owner registers it
/// again. Records of assets retired before are removed. (The four-proof pallet's
/// version 2 closes the challenges open on such assets without a verdict.)
pub mod v2 {
	use alloc::vec::Vec;
	use core::marker::PhantomData;

	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};
	use hypermesh_primitives::AssetId;

	use crate::{Allocations, AssetAllocations, Assets, Config, Pallet};

	/// Retires every asset, settling its allocations, and removes retired records.
	pub struct InnerMigrateToV2<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let now = frame_system::Pallet::<T>::block_number();
			let assets: Vec<AssetId> = Assets::<T>::iter_keys().collect();
			let mut accesses = 0u64;
			for asset in assets {
				accesses = accesses.saturating_add(1);
				// A record that no longer decodes is one retired before: its state is
				// gone from the type.
				if let Ok(record) = Assets::<T>::try_get(asset) {
					for id in AssetAllocations::<T>::get(asset) {
						accesses = accesses.saturating_add(8);
						if let Some(allocation) = Allocations::<T>::get(id) {
							Pallet::<T>::settle(id, &allocation, now, true);
						}
					}
					Pallet::<T>::remove_asset(&asset, &record);
					accesses = accesses.saturating_add(5);
				} else {
					Assets::<T>::remove(asset);
				}
			}
			T::DbWeight::get().reads_writes(accesses, accesses)
		}
	}

	/// [`InnerMigrateToV2`], run only on a chain at storage version 1, which it moves
	/// to version 2.
	pub type MigrateToV2<T> = VersionedMigration<
		1,
		2,
		InnerMigrateToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
