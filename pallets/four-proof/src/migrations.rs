//! Storage migrations of the four-proof pallet.

use codec::Decode;
use frame_support::{
	pallet_prelude::*,
	storage_alias,
	traits::{fungible::MutateHold, tokens::Precision},
};
use hypermesh_primitives::ChallengeId;
use sp_runtime::traits::Zero;

use crate::{
	types::BalanceOf, AssetChallenges, Challenges, Config, Deadlines, HoldReason, OpenAgainst,
	Pallet,
};

/// The provider of each open challenge, kept apart until version 4.
#[storage_alias]
type ChallengeProvider<T: Config> =
	StorageMap<Pallet<T>, Twox64Concat, ChallengeId, <T as frame_system::Config>::AccountId>;

/// The challenges waiting for their seed in versions 2 and 3.
#[storage_alias]
type Unseeded<T: Config> = StorageValue<Pallet<T>, alloc::vec::Vec<ChallengeId>>;

/// Closes every open challenge stored in an older layout `C` without a verdict:
/// `deposit` reads its challenger and deposit, which is released; then every index
/// of open challenges is cleared. Returns the weight.
fn close_old_challenges<T: Config, C: Decode>(
	deposit: impl Fn(C) -> (T::AccountId, BalanceOf<T>),
) -> Weight {
	let mut count = 0u64;
	let old: alloc::vec::Vec<_> = Challenges::<T>::iter_keys().collect();
	for id in old {
		count = count.saturating_add(1);
		let key = Challenges::<T>::hashed_key_for(id);
		let challenge: Option<C> = frame_support::storage::unhashed::get(&key);
		if let Some((challenger, amount)) = challenge.map(&deposit) {
			if !amount.is_zero() {
				// Best effort: releases what is held, up to the deposit.
				let _ = T::Currency::release(
					&HoldReason::ChallengeDeposit.into(),
					&challenger,
					amount,
					Precision::BestEffort,
				);
			}
		}
		frame_support::storage::unhashed::kill(&key);
	}
	let _ = ChallengeProvider::<T>::clear(u32::MAX, None);
	Unseeded::<T>::kill();
	let _ = AssetChallenges::<T>::clear(u32::MAX, None);
	let _ = Deadlines::<T>::clear(u32::MAX, None);
	let _ = OpenAgainst::<T>::clear(u32::MAX, None);
	// Each challenge is killed and leaves at most one entry in each of the four
	// indices cleared.
	T::DbWeight::get()
		.reads_writes(count.saturating_add(5), count.saturating_mul(5).saturating_add(5))
}

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

/// Version 2: challenges are seeded in the block after they are made and fix their
/// profile; plots are labels of a depth-robust graph. A challenge made before could
/// only be answered for a plot of the old kind, which no answer can open now, so
/// each would end in a sure slash: they are closed without a verdict instead, their
/// deposits released. (The registry's own version 2 takes the assets those plots
/// belong to out of service.)
pub mod v2 {
	use core::marker::PhantomData;

	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use hypermesh_primitives::AssetId;
	use sp_core::H256;

	use crate::{types::BalanceOf, Config, Pallet};

	/// A challenge as version 1 stored it.
	#[derive(Encode, Decode)]
	pub(crate) struct ChallengeV1<AccountId, Balance, BlockNumber> {
		pub(crate) asset: AssetId,
		pub(crate) challenger: AccountId,
		pub(crate) deposit: Balance,
		pub(crate) seed: H256,
		pub(crate) issued_at: BlockNumber,
		pub(crate) deadline: BlockNumber,
	}

	/// Closes every open challenge without a verdict and releases its deposit.
	pub struct InnerMigrateToV2<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			super::close_old_challenges::<
				T,
				ChallengeV1<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>,
			>(|challenge| (challenge.challenger, challenge.deposit))
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

/// Version 3: bonds are priced per asset. A profile's single provider bond becomes
/// unit bonds by class, taken from the runtime's profiles `P` (the old bond for
/// every class where `P` defines none); the other requirements stay as stored.
/// A profile already in the new layout (written by version 1's migration in the
/// same upgrade, from the runtime's current profiles) is left as it is.
/// No asset has a bond committed yet: each is refused allocations
/// ([`Error::AssetNotBonded`](crate::Error::AssetNotBonded)) until its owner's next
/// heartbeat commits one.
pub mod v3 {
	use alloc::vec::Vec;
	use core::marker::PhantomData;

	use codec::DecodeAll;
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		traits::{Get, UncheckedOnRuntimeUpgrade},
	};
	use hypermesh_primitives::{ProfileKind, RequirementProfile, UnitBonds};

	use crate::{types::BalanceOf, Config, Pallet, Profiles};

	/// A requirement profile as versions 1 and 2 stored it.
	#[derive(Encode, Decode)]
	pub(crate) struct ProfileV2<Balance> {
		pub(crate) bond: Balance,
		pub(crate) time_offset_ms: u64,
		pub(crate) min_plot_sectors: u32,
		pub(crate) space_samples: u32,
		pub(crate) work_base_bits: u32,
	}

	/// Rewrites every stored profile with unit bonds (see the module docs).
	pub struct InnerMigrateToV3<T, P>(PhantomData<(T, P)>);

	impl<T, P> UncheckedOnRuntimeUpgrade for InnerMigrateToV3<T, P>
	where
		T: Config,
		P: Get<Vec<(ProfileKind, RequirementProfile<BalanceOf<T>>)>>,
	{
		fn on_runtime_upgrade() -> Weight {
			let runtime_profiles = P::get();
			let kinds: Vec<ProfileKind> = Profiles::<T>::iter_keys().collect();
			let mut writes = 0u64;
			for kind in &kinds {
				let key = Profiles::<T>::hashed_key_for(kind);
				let Some(raw) = frame_support::storage::unhashed::get_raw(&key) else { continue };
				// Both layouts decode from a longer value's prefix; only an exact decode
				// tells them apart.
				if RequirementProfile::<BalanceOf<T>>::decode_all(&mut &raw[..]).is_ok() {
					continue;
				}
				let Ok(old) = ProfileV2::<BalanceOf<T>>::decode_all(&mut &raw[..]) else {
					continue;
				};
				let unit_bonds = runtime_profiles
					.iter()
					.find(|(defined, _)| defined == kind)
					.map_or(UnitBonds::uniform(old.bond), |(_, profile)| profile.unit_bonds);
				Profiles::<T>::insert(
					kind,
					RequirementProfile {
						unit_bonds,
						time_offset_ms: old.time_offset_ms,
						min_plot_sectors: old.min_plot_sectors,
						space_samples: old.space_samples,
						work_base_bits: old.work_base_bits,
					},
				);
				writes = writes.saturating_add(1);
			}
			let reads = u64::try_from(kinds.len()).unwrap_or(u64::MAX).saturating_mul(2);
			T::DbWeight::get().reads_writes(reads, writes)
		}
	}

	/// [`InnerMigrateToV3`], run only on a chain at storage version 2, which it moves
	/// to version 3.
	pub type MigrateToV3<T, P> = VersionedMigration<
		2,
		3,
		InnerMigrateToV3<T, P>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 4: audits are kept apart from challenges ([`Audits`](crate::Audits)), a
/// challenge records its provider, and one seed is drawn per block
/// ([`BlockSeeds`](crate::BlockSeeds)) instead of one per challenge. A challenge or
/// audit open before has a seed of the old kind, which no answer can use now: each
/// is closed without a verdict, its deposit released. An asset whose audit was
/// closed so stays as it was (an Unproven one asks for a new audit with its next
/// heartbeat).
pub mod v4 {
	use core::marker::PhantomData;

	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use hypermesh_primitives::{AssetId, ProfileKind};
	use sp_core::H256;

	use crate::{types::BalanceOf, Config, Pallet};

	/// A challenge as versions 2 and 3 stored it.
	#[derive(Encode, Decode)]
	pub(crate) struct ChallengeV3<AccountId, Balance, BlockNumber> {
		pub(crate) asset: AssetId,
		pub(crate) challenger: AccountId,
		pub(crate) deposit: Balance,
		pub(crate) seed: Option<H256>,
		pub(crate) issued_at: BlockNumber,
		pub(crate) deadline: BlockNumber,
		pub(crate) profile: ProfileKind,
	}

	/// Closes every open challenge and audit without a verdict and releases its
	/// deposit.
	pub struct InnerMigrateToV4<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV4<T> {
		fn on_runtime_upgrade() -> Weight {
			super::close_old_challenges::<
				T,
				ChallengeV3<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>,
			>(|challenge| (challenge.challenger, challenge.deposit))
		}
	}

	/// [`InnerMigrateToV4`], run only on a chain at storage version 3, which it moves
	/// to version 4.
	pub type MigrateToV4<T> = VersionedMigration<
		3,
		4,
		InnerMigrateToV4<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
