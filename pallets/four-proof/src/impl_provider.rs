//! [`ProviderStanding`] and [`ProviderRewards`]: what other pallets learn about
//! providers, and how they are paid.

use frame_support::pallet_prelude::*;
use hypermesh_primitives::{
	traits::{ProviderRewards, ProviderStanding},
	PrivacyLevel,
};
use sp_runtime::{Percent, Saturating};

use crate::{types::BalanceOf, Banned, Config, Failures, Pallet};

impl<T: Config> ProviderStanding<T::AccountId> for Pallet<T> {
	fn failed_challenges(who: &T::AccountId) -> u32 {
		Failures::<T>::get(who)
	}

	fn is_banned(who: &T::AccountId) -> bool {
		Banned::<T>::contains_key(who)
	}
}

impl<T: Config> Pallet<T> {
	/// The reward for `blocks` blocks of a `share` of an asset at privacy `level`:
	/// `level.reward_multiplier() × (share × (RewardPerBlock × blocks))`, each
	/// product rounded down and saturating.
	pub fn reward_amount(level: PrivacyLevel, share: Percent, blocks: u32) -> BalanceOf<T> {
		let full = T::RewardPerBlock::get().saturating_mul(BalanceOf::<T>::from(blocks));
		level.reward_multiplier().mul_floor(share.mul_floor(full))
	}
}

impl<T: Config> ProviderRewards<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn reward(
		provider: &T::AccountId,
		level: PrivacyLevel,
		share: Percent,
		blocks: u32,
	) -> Result<BalanceOf<T>, DispatchError> {
		let amount = Self::reward_amount(level, share, blocks);
		Self::do_reward(provider, amount)?;
		Ok(amount)
	}
}
