//! The privacy pallet as the runtime's [`AccessPolicy`].

use frame_system::pallet_prelude::BlockNumberFor;
use hypermesh_primitives::{traits::AccessPolicy, AssetId, PrivacyPolicy, ProfileKind};
use sp_runtime::DispatchResult;

use crate::*;

impl<T: Config> AccessPolicy<T::AccountId, BalanceOf<T>, BlockNumberFor<T>> for Pallet<T> {
	fn policy(
		asset: &AssetId,
		registered: ProfileKind,
	) -> PrivacyPolicy<BalanceOf<T>, BlockNumberFor<T>> {
		Self::policy_of(asset, registered)
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
