//! [`ProofVerifier`]: the checks of the four proofs of a provider operation, in
//! the order the crate docs give.

use codec::Encode;
use frame_support::{ensure, pallet_prelude::*, traits::UnixTime};
use frame_system::pallet_prelude::BlockNumberFor;
use hypermesh_primitives::{
	proof::{verify_work, work_challenge, work_requirement, WorkRequirement},
	space::plot_size_is_valid,
	traits::{ProofContext, ProofVerifier},
	AssetId, CapacitySpec, ProfileKind, ProofBundle, RequirementProfile,
};
use sp_runtime::{DispatchError, DispatchResult, Saturating};

use crate::{types::BalanceOf, Audits, Banned, Config, Error, MinimumProfile, Pallet, ProofNonces};

/// A proof context as this runtime builds it.
type ContextOf<T> = ProofContext<<T as frame_system::Config>::AccountId>;

/// A proof bundle as this runtime verifies it.
type BundleOf<T> = ProofBundle<BalanceOf<T>, BlockNumberFor<T>>;

impl<T: Config> Pallet<T> {
	/// Time proof: anchor, clock and nonce.
	fn check_time(
		context: &ContextOf<T>,
		bundle: &BundleOf<T>,
		profile: &RequirementProfile<BalanceOf<T>>,
	) -> DispatchResult {
		let time = &bundle.time;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(time.anchor_number < now, Error::<T>::AnchorInFuture);
		ensure!(
			now.saturating_sub(time.anchor_number) <= T::AnchorWindow::get(),
			Error::<T>::AnchorTooOld
		);
		// An unknown block reads as the zero hash, which no anchor may match.
		let known = Self::to_h256(&frame_system::Pallet::<T>::block_hash(time.anchor_number));
		ensure!(!known.is_zero() && known == time.anchor_hash, Error::<T>::AnchorMismatch);
		let chain_ms = u64::try_from(T::Time::now().as_millis()).unwrap_or(u64::MAX);
		ensure!(
			time.timestamp_ms <= chain_ms.saturating_add(profile.time_offset_ms),
			Error::<T>::TimestampInFuture
		);
		ensure!(
			time.timestamp_ms.saturating_add(profile.time_offset_ms) >= chain_ms,
			Error::<T>::TimestampTooOld
		);
		let next = ProofNonces::<T>::get(&context.who).checked_add(1);
		ensure!(next == Some(time.nonce), Error::<T>::NonceNotNext);
		Ok(())
	}

	/// Stake proof: the signer owns the asset, and its stake, declared exactly,
	/// covers the asset's bond at the profile's unit bonds together with the bonds
	/// committed to its other assets. Returns the asset's bond.
	fn check_stake(
		context: &ContextOf<T>,
		bundle: &BundleOf<T>,
		profile: &RequirementProfile<BalanceOf<T>>,
	) -> Result<BalanceOf<T>, DispatchError> {
		ensure!(context.who == context.owner, Error::<T>::NotAssetOwner);
		let stake = Self::bonded(&context.who);
		let bond = profile.asset_bond(context.class, context.capacity_units);
		let committed = Self::committed_with(&context.who, &context.asset, bond);
		ensure!(stake >= committed, Error::<T>::BondTooLow);
		ensure!(bundle.stake.amount == stake, Error::<T>::StakeMismatch);
		Ok(bond)
	}

	/// Space proof, first part: the plot named is the asset's, of a shape the chain
	/// accepts and the profile's size, and no audit of it is open. Its samples are
	/// the answer to the audit this proof opens.
	fn check_space(
		context: &ContextOf<T>,
		bundle: &BundleOf<T>,
		profile: &RequirementProfile<BalanceOf<T>>,
	) -> DispatchResult {
		let space = &bundle.space;
		ensure!(
			space.commitment == context.commitment && space.sectors == context.plot_sectors,
			Error::<T>::CommitmentMismatch
		);
		ensure!(plot_size_is_valid(space.sectors), Error::<T>::InvalidPlotSize);
		ensure!(space.sectors >= profile.min_plot_sectors, Error::<T>::PlotTooSmall);
		ensure!(!Audits::<T>::contains_key(context.asset), Error::<T>::AuditOpen);
		Ok(())
	}

	/// What the work proof of `context` must show: one solution of the profile's
	/// bits per declared capacity unit.
	pub fn work_needed(
		context: &ContextOf<T>,
		profile: &RequirementProfile<BalanceOf<T>>,
	) -> WorkRequirement {
		work_requirement(profile.work_base_bits, context.capacity_units)
	}

	/// Work proof: the solutions meet the challenge bound to the anchor, the asset,
	/// the operation, the signer and the bundle's nonce.
	fn check_work(
		context: &ContextOf<T>,
		bundle: &BundleOf<T>,
		profile: &RequirementProfile<BalanceOf<T>>,
	) -> DispatchResult {
		let challenge = work_challenge(
			&bundle.time.anchor_hash,
			&context.asset,
			context.operation,
			&context.who.encode(),
			bundle.time.nonce,
		);
		ensure!(
			verify_work(&challenge, Self::work_needed(context, profile), &bundle.work),
			Error::<T>::InsufficientWork
		);
		Ok(())
	}
}

impl<T: Config> ProofVerifier<T::AccountId, BalanceOf<T>, BlockNumberFor<T>> for Pallet<T> {
	fn verify(context: &ContextOf<T>, bundle: &BundleOf<T>) -> DispatchResult {
		ensure!(!Banned::<T>::contains_key(&context.who), Error::<T>::ProviderBanned);
		let profile =
			Self::requirement_profile(context.profile).ok_or(Error::<T>::UnknownProfile)?;
		ensure!(context.profile >= MinimumProfile::<T>::get(), Error::<T>::ProfileBelowMinimum);
		Self::check_time(context, bundle, &profile)?;
		let bond = Self::check_stake(context, bundle, &profile)?;
		Self::check_space(context, bundle, &profile)?;
		Self::check_work(context, bundle, &profile)?;
		Self::open_audit(&context.owner, &context.asset, context.profile)?;
		ProofNonces::<T>::insert(&context.who, bundle.time.nonce);
		Self::commit_bond(&context.who, &context.asset, bond);
		Ok(())
	}

	fn ensure_stake(
		owner: &T::AccountId,
		asset: &AssetId,
		spec: &CapacitySpec,
		profile: ProfileKind,
	) -> DispatchResult {
		Self::ensure_stands(owner, asset, spec, profile)
	}

	fn release_bond(asset: &AssetId) {
		Self::do_release_bond(asset)
	}
}
