//! Storage migrations of the four-proof pallet.

/// Version 1: the requirement profiles move from the runtime's configuration into
/// storage, where governance can change them.
pub mod v1 {
	use alloc::vec::Vec;
	use core::marker::PhantomData;

	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		traits::{Get, UncheckedOnRuntimeUpgrade},
	};
	use hypermesh_primitives::{ProfileKind, RequirementProfile};

	use crate::{types::BalanceOf, Config, MinimumProfile, Pallet, Profiles};

	/// Writes the profiles `P` the runtime configured before version 1, and `M` as the
	/// minimum profile, leaving any value already in storage as it is.
	pub struct InnerMigrateToV1<T, P, M>(PhantomData<(T, P, M)>);

	impl<T, P, M> UncheckedOnRuntimeUpgrade for InnerMigrateToV1<T, P, M>
	where
		T: Config,
		P: Get<Vec<(ProfileKind, RequirementProfile<BalanceOf<T>>)>>,
		M: Get<ProfileKind>,
	{
		fn on_runtime_upgrade() -> Weight {
			let profiles = P::get();
			let mut reads = 1u64;
			let mut writes = 0u64;
			for (kind, profile) in profiles {
				reads = reads.saturating_add(1);
				if !Profiles::<T>::contains_key(kind) {
					Profiles::<T>::insert(kind, profile);
					writes = writes.saturating_add(1);
				}
			}
			if !MinimumProfile::<T>::exists() {
				MinimumProfile::<T>::put(M::get());
				writes = writes.saturating_add(1);
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}
	}

	/// [`InnerMigrateToV1`], run only on a chain at storage version 0, which it moves
	/// to version 1.
	pub type MigrateToV1<T, P, M> = VersionedMigration<
		0,
		1,
		InnerMigrateToV1<T, P, M>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 2: a challenge's seed is drawn in the block after it was made, so it is
/// optional until then. Challenges stored before carry their seed.
pub mod v2 {
	use core::marker::PhantomData;

	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use hypermesh_primitives::AssetId;
	use sp_core::H256;

	use crate::{types::BalanceOf, ChallengeOf, Challenges, Config, Pallet};

	/// A challenge as version 1 stored it.
	#[derive(Encode, Decode)]
	struct ChallengeV1<AccountId, Balance, BlockNumber> {
		asset: AssetId,
		challenger: AccountId,
		deposit: Balance,
		seed: H256,
		issued_at: BlockNumber,
		deadline: BlockNumber,
	}

	/// Rewrites every open challenge with its seed made optional.
	pub struct InnerMigrateToV2<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut count = 0u64;
			Challenges::<T>::translate::<
				ChallengeV1<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>,
				_,
			>(|_, old| {
				count = count.saturating_add(1);
				Some(ChallengeOf::<T> {
					asset: old.asset,
					challenger: old.challenger,
					deposit: old.deposit,
					seed: Some(old.seed),
					issued_at: old.issued_at,
					deadline: old.deadline,
				})
			});
			T::DbWeight::get().reads_writes(count, count)
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
