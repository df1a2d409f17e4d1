//! [`ProviderStanding`] and [`ChallengeInspect`]: what other pallets learn about
//! providers and their challenges.

use hypermesh_primitives::{
	traits::{ChallengeInspect, ProviderStanding},
	AssetId,
};

use crate::{AssetChallenges, Audits, Banned, Config, Failures, Pallet};

impl<T: Config> ProviderStanding<T::AccountId> for Pallet<T> {
	fn failed_challenges(who: &T::AccountId) -> u32 {
		Failures::<T>::get(who)
	}

	fn is_banned(who: &T::AccountId) -> bool {
		Banned::<T>::contains_key(who)
	}
}

impl<T: Config> ChallengeInspect for Pallet<T> {
	fn open_challenges(asset: &AssetId) -> u32 {
		let challenges = AssetChallenges::<T>::decode_len(asset)
			.map_or(0, |len| u32::try_from(len).unwrap_or(u32::MAX));
		challenges.saturating_add(u32::from(Audits::<T>::contains_key(asset)))
	}
}
