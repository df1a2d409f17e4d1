//! The asset registry as the runtime's [`AssetInspect`].

use frame_system::pallet_prelude::BlockNumberFor;
use hypermesh_primitives::{traits::AssetInspect, AssetId, GlobalAddress};
use sp_runtime::DispatchResult;

use crate::*;

impl<T: Config> AssetInspect<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn asset(asset: &AssetId) -> Option<AssetRecordOf<T>> {
		Assets::<T>::get(asset)
	}

	fn asset_by_address(address: &GlobalAddress) -> Option<AssetId> {
		AddressIndex::<T>::get(address)
	}

	/// Marks the asset Failed (no new allocations until it answers a challenge
	/// correctly); `UnknownAsset` if there is none.
	fn mark_failed(asset: &AssetId) -> DispatchResult {
		Self::do_mark_failed(asset)
	}

	/// Returns a Failed asset to service; `UnknownAsset` if there is none.
	fn mark_proven(asset: &AssetId) -> DispatchResult {
		Self::do_mark_proven(asset)
	}
}
