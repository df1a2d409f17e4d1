//! The logic behind the calls, the access check and the state checks.

use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use hypermesh_primitives::{
	traits::AssetInspect, AssetId, PrivacyLevel, PrivacyNetworkId, PrivacyPolicy, ProfileKind,
};
use sp_runtime::{
	traits::{One, Zero},
	ArithmeticError, DispatchError, DispatchResult, Percent,
};

use crate::*;

/// The level of an asset's policy until its owner sets one: only the owner may use
/// it.
const DEFAULT_LEVEL: PrivacyLevel = PrivacyLevel::Private;

impl<T: Config> Pallet<T> {
	/// Holds the deposit of one record from `who`.
	fn hold_deposit(who: &T::AccountId) -> DispatchResult {
		let deposit = T::RecordDeposit::get();
		if !deposit.is_zero() {
			T::Currency::hold(&HoldReason::RecordDeposit.into(), who, deposit)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
		}
		Ok(())
	}

	/// Gives `who` the deposit of one removed record back. Best effort: releases what
	/// is held, up to the deposit (a record made before deposits holds none).
	fn release_deposit(who: &T::AccountId) {
		let deposit = T::RecordDeposit::get();
		if !deposit.is_zero() {
			let _ = T::Currency::release(
				&HoldReason::RecordDeposit.into(),
				who,
				deposit,
				Precision::BestEffort,
			);
		}
	}

	/// Creates a network owned by `owner` and returns its id.
	pub(crate) fn do_create_network(
		owner: &T::AccountId,
	) -> Result<PrivacyNetworkId, DispatchError> {
		let owned = NetworksOwned::<T>::get(owner);
		ensure!(owned < T::MaxNetworksPerOwner::get(), Error::<T>::TooManyNetworks);
		let network = NextNetworkId::<T>::get();
		let next = network.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		Self::hold_deposit(owner)?;

		NextNetworkId::<T>::put(next);
		Networks::<T>::insert(network, NetworkInfo { owner: owner.clone(), members: 0 });
		NetworksOwned::<T>::insert(owner, owned.saturating_add(1));
		Self::deposit_event(Event::NetworkCreated { network, owner: owner.clone() });
		Ok(network)
	}

	/// The info of `network`, provided `owner` owns it.
	fn owned_network(
		owner: &T::AccountId,
		network: PrivacyNetworkId,
	) -> Result<NetworkInfo<T::AccountId>, DispatchError> {
		let info = Networks::<T>::get(network).ok_or(Error::<T>::UnknownNetwork)?;
		ensure!(&info.owner == owner, Error::<T>::NotNetworkOwner);
		Ok(info)
	}

	/// Adds `who` to `network`, which `owner` must own.
	pub(crate) fn do_add_member(
		owner: &T::AccountId,
		network: PrivacyNetworkId,
		who: &T::AccountId,
	) -> DispatchResult {
		let mut info = Self::owned_network(owner, network)?;
		ensure!(!Members::<T>::contains_key(network, who), Error::<T>::AlreadyMember);
		ensure!(info.members < T::MaxMembers::get(), Error::<T>::TooManyMembers);
		let memberships =
			MembershipCount::<T>::get(who).checked_add(1).ok_or(ArithmeticError::Overflow)?;
		info.members = info.members.saturating_add(1);
		Self::hold_deposit(owner)?;

		Networks::<T>::insert(network, info);
		Members::<T>::insert(network, who, ());
		MembershipCount::<T>::insert(who, memberships);
		Self::deposit_event(Event::MemberAdded { network, member: who.clone() });
		Ok(())
	}

	/// Removes `who` from `network`, which `owner` must own.
	pub(crate) fn do_remove_member(
		owner: &T::AccountId,
		network: PrivacyNetworkId,
		who: &T::AccountId,
	) -> DispatchResult {
		let mut info = Self::owned_network(owner, network)?;
		ensure!(Members::<T>::contains_key(network, who), Error::<T>::NotMember);
		info.members = info.members.saturating_sub(1);
		let memberships = MembershipCount::<T>::get(who).saturating_sub(1);
		Self::release_deposit(owner);

		Networks::<T>::insert(network, info);
		Members::<T>::remove(network, who);
		if memberships.is_zero() {
			MembershipCount::<T>::remove(who);
		} else {
			MembershipCount::<T>::insert(who, memberships);
		}
		Self::deposit_event(Event::MemberRemoved { network, member: who.clone() });
		Ok(())
	}

	/// Removes `network`, which `owner` must own and which must have no members.
	pub(crate) fn do_remove_network(
		owner: &T::AccountId,
		network: PrivacyNetworkId,
	) -> DispatchResult {
		let info = Self::owned_network(owner, network)?;
		ensure!(info.members.is_zero(), Error::<T>::NetworkNotEmpty);
		let owned = NetworksOwned::<T>::get(owner).saturating_sub(1);
		Self::release_deposit(owner);

		Networks::<T>::remove(network);
		if owned.is_zero() {
			NetworksOwned::<T>::remove(owner);
		} else {
			NetworksOwned::<T>::insert(owner, owned);
		}
		Self::deposit_event(Event::NetworkRemoved { network });
		Ok(())
	}

	/// Makes `owner` trust `network`.
	pub(crate) fn do_trust_network(
		owner: &T::AccountId,
		network: PrivacyNetworkId,
	) -> DispatchResult {
		ensure!(Networks::<T>::contains_key(network), Error::<T>::UnknownNetwork);
		let mut trusted = TrustedNetworks::<T>::get(owner);
		ensure!(!trusted.contains(&network), Error::<T>::AlreadyTrusted);
		trusted.try_push(network).map_err(|_| Error::<T>::TooManyTrustedNetworks)?;
		Self::hold_deposit(owner)?;

		TrustedNetworks::<T>::insert(owner, trusted);
		Self::deposit_event(Event::NetworkTrusted { owner: owner.clone(), network });
		Ok(())
	}

	/// Makes `owner` stop trusting `network`.
	pub(crate) fn do_untrust_network(
		owner: &T::AccountId,
		network: PrivacyNetworkId,
	) -> DispatchResult {
		let mut trusted = TrustedNetworks::<T>::get(owner);
		ensure!(trusted.contains(&network), Error::<T>::NotTrusted);
		trusted.retain(|id| *id != network);
		Self::release_deposit(owner);

		if trusted.is_empty() {
			TrustedNetworks::<T>::remove(owner);
		} else {
			TrustedNetworks::<T>::insert(owner, trusted);
		}
		Self::deposit_event(Event::NetworkUntrusted { owner: owner.clone(), network });
		Ok(())
	}

	/// Makes `owner` allow `who` directly.
	pub(crate) fn do_allow_account(owner: &T::AccountId, who: &T::AccountId) -> DispatchResult {
		ensure!(!AllowedAccounts::<T>::contains_key(owner, who), Error::<T>::AlreadyAllowed);
		let count = AllowedCount::<T>::get(owner);
		ensure!(count < T::MaxAllowedAccounts::get(), Error::<T>::TooManyAllowedAccounts);
		Self::hold_deposit(owner)?;

		AllowedAccounts::<T>::insert(owner, who, ());
		AllowedCount::<T>::insert(owner, count.saturating_add(1));
		Self::deposit_event(Event::AccountAllowed { owner: owner.clone(), account: who.clone() });
		Ok(())
	}

	/// Makes `owner` stop allowing `who` directly.
	pub(crate) fn do_disallow_account(owner: &T::AccountId, who: &T::AccountId) -> DispatchResult {
		ensure!(AllowedAccounts::<T>::contains_key(owner, who), Error::<T>::NotAllowed);
		let count = AllowedCount::<T>::get(owner).saturating_sub(1);
		Self::release_deposit(owner);

		AllowedAccounts::<T>::remove(owner, who);
		if count.is_zero() {
			AllowedCount::<T>::remove(owner);
		} else {
			AllowedCount::<T>::insert(owner, count);
		}
		Self::deposit_event(Event::AccountDisallowed {
			owner: owner.clone(),
			account: who.clone(),
		});
		Ok(())
	}

	/// Replaces the policy of `asset`, which `who` must own.
	pub(crate) fn do_set_policy(
		who: &T::AccountId,
		asset: AssetId,
		policy: PolicyOf<T>,
	) -> DispatchResult {
		let record = T::Assets::asset(&asset).ok_or(Error::<T>::UnknownAsset)?;
		ensure!(&record.owner == who, Error::<T>::NotAssetOwner);
		let current = Self::policy_of(&asset, record.profile);
		ensure!(policy.profile >= record.profile, Error::<T>::ProfileBelowRegistration);
		// Consumers allocated under the current profile keep the bond it asks for.
		ensure!(
			policy.profile >= current.profile || record.active_allocations == 0,
			Error::<T>::ProfileLockedByAllocations
		);
		Self::validate_policy(&policy)?;

		Policies::<T>::insert(asset, policy.clone());
		Self::deposit_event(Event::PolicySet { asset, policy });
		Ok(())
	}

	/// Checks a policy's concurrency and durations against the runtime's limits.
	pub(crate) fn validate_policy(policy: &PolicyOf<T>) -> DispatchResult {
		ensure!(
			policy.max_concurrent >= 1
				&& policy.max_concurrent <= T::MaxConcurrentAllocations::get(),
			Error::<T>::InvalidConcurrency
		);
		ensure!(
			policy.min_duration >= One::one()
				&& policy.min_duration <= policy.max_duration
				&& policy.max_duration <= T::MaxDuration::get(),
			Error::<T>::InvalidDuration
		);
		Ok(())
	}

	/// The policy of `asset`, registered at profile `registered`: the one its owner
	/// set, or else the default ([`Self::default_policy`]). Nothing is stored until
	/// the owner sets one.
	pub fn policy_of(asset: &AssetId, registered: ProfileKind) -> PolicyOf<T> {
		Policies::<T>::get(asset).unwrap_or_else(|| Self::default_policy(registered))
	}

	/// The policy an asset has until its owner sets one: private, the whole asset shareable,
	/// the runtime's largest concurrency and duration, free, with `profile`.
	pub fn default_policy(profile: ProfileKind) -> PolicyOf<T> {
		PrivacyPolicy {
			level: DEFAULT_LEVEL,
			max_share: Percent::one(),
			max_concurrent: T::MaxConcurrentAllocations::get(),
			min_duration: One::one(),
			max_duration: T::MaxDuration::get(),
			price_per_block: Zero::zero(),
			profile,
		}
	}

	/// Whether `consumer` is a member of a network that `owner` trusts. Members exist
	/// only in existing networks, so a removed network grants nothing.
	pub fn is_trusted_member(owner: &T::AccountId, consumer: &T::AccountId) -> bool {
		TrustedNetworks::<T>::get(owner)
			.iter()
			.any(|network| Members::<T>::contains_key(network, consumer))
	}

	/// The access check behind [`AccessPolicy::ensure_access`].
	///
	/// [`AccessPolicy::ensure_access`]: hypermesh_primitives::traits::AccessPolicy::ensure_access
	pub(crate) fn do_ensure_access(
		asset: &AssetId,
		owner: &T::AccountId,
		consumer: &T::AccountId,
	) -> DispatchResult {
		if owner == consumer {
			return Ok(());
		}
		let level = Policies::<T>::get(asset).map_or(DEFAULT_LEVEL, |policy| policy.level);
		match level {
			PrivacyLevel::Private => Err(Error::<T>::OwnerOnly.into()),
			PrivacyLevel::PrivateNetwork => {
				ensure!(Self::is_trusted_member(owner, consumer), Error::<T>::NotInTrustedNetwork);
				Ok(())
			}
			PrivacyLevel::P2P => {
				ensure!(
					AllowedAccounts::<T>::contains_key(owner, consumer)
						|| Self::is_trusted_member(owner, consumer),
					Error::<T>::NotAllowedPeer
				);
				Ok(())
			}
			PrivacyLevel::PublicNetwork => {
				ensure!(
					!MembershipCount::<T>::get(consumer).is_zero(),
					Error::<T>::NotNetworkMember
				);
				Ok(())
			}
			PrivacyLevel::FullPublic => Ok(()),
		}
	}

	/// Sets up the costliest path through the access check for `consumer` on `owner`'s
	/// `asset`, for the asset registry's `allocate` benchmark.
	///
	/// The asset's policy (created with the asset's profile if absent) gets the `P2P`
	/// level, which reads the owner's direct allowance (withdrawn here if present) and
	/// then every trusted network; the owner trusts `MaxTrustedNetworks` networks, created
	/// here, each owned by its own account, and `consumer` is a member of only the last
	/// one. If the owner already trusts that many networks, none is added.
	///
	/// # Panics
	///
	/// If the setup fails: a benchmark must not measure some other path. Benchmark-only.
	#[cfg(feature = "runtime-benchmarks")]
	pub fn benchmark_worst_case_access(
		asset: &AssetId,
		owner: &T::AccountId,
		consumer: &T::AccountId,
	) {
		Self::try_worst_case_access(asset, owner, consumer)
			.expect("the privacy pallet's worst-case access setup succeeds");
	}

	/// Benchmarks: gives `who` free balance for the deposits of every record one
	/// account may create (networks, their members, trusted networks, allowed
	/// accounts), on top of what it has.
	#[cfg(feature = "runtime-benchmarks")]
	pub fn benchmark_fund(who: &T::AccountId) {
		use frame_support::traits::fungible::{Inspect, Mutate};
		use sp_runtime::traits::Saturating;
		let networks = T::MaxNetworksPerOwner::get();
		let records = networks
			.saturating_add(networks.saturating_mul(T::MaxMembers::get()))
			.saturating_add(T::MaxTrustedNetworks::get())
			.saturating_add(T::MaxAllowedAccounts::get());
		let needed = T::RecordDeposit::get()
			.saturating_mul(records.into())
			.saturating_add(T::Currency::minimum_balance());
		let _ = T::Currency::set_balance(who, T::Currency::balance(who).saturating_add(needed));
	}

	/// The setup of [`Self::benchmark_worst_case_access`].
	#[cfg(feature = "runtime-benchmarks")]
	fn try_worst_case_access(
		asset: &AssetId,
		owner: &T::AccountId,
		consumer: &T::AccountId,
	) -> DispatchResult {
		let profile = T::Assets::asset(asset).map_or(ProfileKind::Testing, |r| r.profile);
		let mut policy = Self::policy_of(asset, profile);
		policy.level = PrivacyLevel::P2P;
		Policies::<T>::insert(asset, policy);
		if AllowedAccounts::<T>::contains_key(owner, consumer) {
			Self::do_disallow_account(owner, consumer)?;
		}
		Self::benchmark_fund(owner);

		let trusted =
			u32::try_from(TrustedNetworks::<T>::decode_len(owner).unwrap_or(0)).unwrap_or(u32::MAX);
		let mut last = None;
		for i in trusted..T::MaxTrustedNetworks::get() {
			let network_owner: T::AccountId =
				frame_benchmarking::account("privacy-network-owner", i, 0);
			Self::benchmark_fund(&network_owner);
			let network = Self::do_create_network(&network_owner)?;
			Self::do_trust_network(owner, network)?;
			last = Some((network_owner, network));
		}
		if let Some((network_owner, network)) = last {
			Self::do_add_member(&network_owner, network, consumer)?;
		}
		Ok(())
	}

	/// Checks the pallet's invariants: counters equal the entries they count, members
	/// belong to existing networks, limits hold and trusted ids were handed out.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::{BTreeMap, BTreeSet};
		use frame_support::traits::fungible::InspectHold;
		use sp_runtime::traits::Saturating;

		fn bump<K: Ord>(map: &mut BTreeMap<K, u32>, key: K) {
			let count = map.entry(key).or_insert(0);
			*count = count.saturating_add(1);
		}

		let next = NextNetworkId::<T>::get();

		let mut members_per_network = BTreeMap::new();
		let mut memberships = BTreeMap::new();
		for (network, account, ()) in Members::<T>::iter() {
			ensure!(
				Networks::<T>::contains_key(network),
				"a member belongs to a network that does not exist"
			);
			bump(&mut members_per_network, network);
			bump(&mut memberships, account);
		}

		// Records each account holds a deposit for.
		let mut records: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let mut owned = BTreeMap::new();
		for (network, info) in Networks::<T>::iter() {
			let count = records.entry(info.owner.clone()).or_insert(0);
			*count = count.saturating_add(1).saturating_add(info.members);
			ensure!(network < next, "a network id is not below NextNetworkId");
			ensure!(
				info.members == members_per_network.get(&network).copied().unwrap_or(0),
				"NetworkInfo.members differs from the network's Members entries"
			);
			ensure!(info.members <= T::MaxMembers::get(), "a network has too many members");
			bump(&mut owned, info.owner);
		}

		for (account, count) in MembershipCount::<T>::iter() {
			ensure!(
				memberships.remove(&account) == Some(count),
				"MembershipCount differs from the account's Members entries"
			);
		}
		ensure!(memberships.is_empty(), "a member has no MembershipCount");

		for (account, count) in NetworksOwned::<T>::iter() {
			ensure!(
				owned.remove(&account) == Some(count),
				"NetworksOwned differs from the networks the account owns"
			);
			ensure!(count <= T::MaxNetworksPerOwner::get(), "an account owns too many networks");
		}
		ensure!(owned.is_empty(), "a network owner has no NetworksOwned");

		let mut allowed = BTreeMap::new();
		for (owner, _, ()) in AllowedAccounts::<T>::iter() {
			bump(&mut records, owner.clone());
			bump(&mut allowed, owner);
		}
		for (owner, count) in AllowedCount::<T>::iter() {
			ensure!(
				allowed.remove(&owner) == Some(count),
				"AllowedCount differs from the owner's AllowedAccounts entries"
			);
			ensure!(count <= T::MaxAllowedAccounts::get(), "an owner allows too many accounts");
		}
		ensure!(allowed.is_empty(), "an owner with allowed accounts has no AllowedCount");

		for (owner, trusted) in TrustedNetworks::<T>::iter() {
			let count = records.entry(owner).or_insert(0);
			*count = count.saturating_add(u32::try_from(trusted.len()).unwrap_or(u32::MAX));
			ensure!(!trusted.is_empty(), "an empty trusted list is stored");
			ensure!(
				trusted.iter().all(|network| *network < next),
				"a trusted network id is not below NextNetworkId"
			);
			let distinct: BTreeSet<_> = trusted.iter().collect();
			ensure!(distinct.len() == trusted.len(), "a network is trusted twice");
		}

		// Records made before deposits hold none, so the hold is at most one deposit
		// per record.
		for (who, count) in records {
			let held = T::Currency::balance_on_hold(&HoldReason::RecordDeposit.into(), &who);
			ensure!(
				held <= T::RecordDeposit::get().saturating_mul(count.into()),
				"an account holds more record deposits than it has records"
			);
		}
		Ok(())
	}
}
