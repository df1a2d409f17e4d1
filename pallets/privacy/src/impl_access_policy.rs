//! The privacy pallet as the runtime's [`AccessPolicy`].

use frame_support::ensure;
use frame_system::pallet_prelude::BlockNumberFor;
use hypermesh_primitives::{traits::AccessPolicy, AssetId, PrivacyPolicy, ProfileKind};
use sp_runtime::DispatchResult;

use crate::*;

impl<T: Config> AccessPolicy<T::AccountId, BalanceOf<T>, BlockNumberFor<T>> for Pallet<T> {
	fn policy(asset: &AssetId) -> Option<PrivacyPolicy<BalanceOf<T>, BlockNumberFor<T>>> {
		Policies::<T>::get(asset)
	}

	fn init_policy(asset: &AssetId, profile: ProfileKind) -> DispatchResult {
		ensure!(!Policies::<T>::contains_key(asset), Error::<T>::PolicyExists);
		Policies::<T>::insert(asset, Self::default_policy(profile));
		Ok(())
	}

	fn remove_policy(asset: &AssetId) {
		Policies::<T>::remove(asset);
	}

	fn ensure_access(
		asset: &AssetId,
		owner: &T::AccountId,
		consumer: &T::AccountId,
	) -> DispatchResult {
		Self::do_ensure_access(asset, owner, consumer)
	}
}
