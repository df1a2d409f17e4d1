//! The logic behind the calls, address resolution and trust ranking.

use alloc::vec::Vec;

use codec::Encode;
use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use frame_system::pallet_prelude::BlockNumberFor;
use hypermesh_primitives::traits::{AssetInspect, ProviderStanding};
use sp_runtime::traits::{CheckedDiv, Saturating, UniqueSaturatedInto, Zero};

use crate::{
	endpoint, BalanceOf, Config, Endpoint, Error, Event, GlobalAddress, HoldReason, Pallet,
	ProviderEndpoints, Proxies, ProxyList, ProxyRecord, ProxyRecordOf, Resolution,
};

/// The bond counts in whole multiples of `MinProxyBond`, up to this many.
pub const MAX_BOND_UNITS: u32 = 10;
/// Score per multiple of `MinProxyBond` bonded.
pub const SCORE_PER_BOND_UNIT: u32 = 100;
/// Score of a proxy whose last heartbeat is at most `HeartbeatPeriod` old.
pub const LIVENESS_SCORE: u32 = 1000;
/// Heartbeats count up to this many.
pub const MAX_COUNTED_HEARTBEATS: u32 = 100;
/// Score per heartbeat counted.
pub const SCORE_PER_HEARTBEAT: u32 = 5;
/// Score taken off per challenge lost.
pub const PENALTY_PER_FAILED_CHALLENGE: u32 = 500;

impl<T: Config> Pallet<T> {
	/// Registers `who` as a proxy at `endpoint`, holding `bond`.
	pub(crate) fn do_register_proxy(
		who: T::AccountId,
		endpoint: Endpoint,
		bond: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!Proxies::<T>::contains_key(&who), Error::<T>::AlreadyRegistered);
		ensure!(bond >= T::MinProxyBond::get(), Error::<T>::BondTooLow);
		ensure!(endpoint::is_valid(&endpoint), Error::<T>::InvalidEndpoint);
		let mut list = ProxyList::<T>::get();
		list.try_push(who.clone()).map_err(|_| Error::<T>::TooManyProxies)?;

		T::Currency::hold(&HoldReason::ProxyBond.into(), &who, bond)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		let now = frame_system::Pallet::<T>::block_number();
		Proxies::<T>::insert(
			&who,
			ProxyRecord {
				endpoint: endpoint.clone(),
				bond,
				registered_at: now,
				last_heartbeat: now,
				heartbeats: 0,
			},
		);
		ProxyList::<T>::put(list);
		Self::deposit_event(Event::ProxyRegistered { proxy: who, endpoint, bond });
		Ok(())
	}

	/// Moves `who`'s proxy to `endpoint`.
	pub(crate) fn do_update_proxy_endpoint(
		who: T::AccountId,
		endpoint: Endpoint,
	) -> DispatchResult {
		let mut record = Proxies::<T>::get(&who).ok_or(Error::<T>::NotRegistered)?;
		ensure!(endpoint::is_valid(&endpoint), Error::<T>::InvalidEndpoint);
		record.endpoint = endpoint.clone();
		Proxies::<T>::insert(&who, record);
		Self::deposit_event(Event::ProxyEndpointUpdated { proxy: who, endpoint });
		Ok(())
	}

	/// Records a heartbeat of `who`'s proxy at the current block.
	pub(crate) fn do_proxy_heartbeat(who: T::AccountId) -> DispatchResult {
		let mut record = Proxies::<T>::get(&who).ok_or(Error::<T>::NotRegistered)?;
		record.last_heartbeat = frame_system::Pallet::<T>::block_number();
		record.heartbeats = record.heartbeats.saturating_add(1);
		let heartbeats = record.heartbeats;
		Proxies::<T>::insert(&who, record);
		Self::deposit_event(Event::ProxyHeartbeat { proxy: who, heartbeats });
		Ok(())
	}

	/// Unregisters `who`'s proxy and releases its whole bond.
	pub(crate) fn do_unregister_proxy(who: T::AccountId) -> DispatchResult {
		ensure!(Proxies::<T>::contains_key(&who), Error::<T>::NotRegistered);
		let mut list = ProxyList::<T>::get();
		list.retain(|proxy| proxy != &who);

		let bond =
			T::Currency::release_all(&HoldReason::ProxyBond.into(), &who, Precision::BestEffort)?;
		Proxies::<T>::remove(&who);
		ProxyList::<T>::put(list);
		Self::deposit_event(Event::ProxyUnregistered { proxy: who, bond });
		Ok(())
	}

	/// Declares `endpoint` as `who`'s provider endpoint.
	pub(crate) fn do_set_provider_endpoint(
		who: T::AccountId,
		endpoint: Endpoint,
	) -> DispatchResult {
		ensure!(endpoint::is_valid(&endpoint), Error::<T>::InvalidEndpoint);
		let deposit = T::EndpointDeposit::get();
		if !ProviderEndpoints::<T>::contains_key(&who) && !deposit.is_zero() {
			T::Currency::hold(&HoldReason::EndpointDeposit.into(), &who, deposit)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
		}
		ProviderEndpoints::<T>::insert(&who, endpoint.clone());
		Self::deposit_event(Event::ProviderEndpointSet { provider: who, endpoint });
		Ok(())
	}

	/// Withdraws `who`'s provider endpoint.
	pub(crate) fn do_clear_provider_endpoint(who: T::AccountId) -> DispatchResult {
		ProviderEndpoints::<T>::take(&who).ok_or(Error::<T>::NoEndpoint)?;
		// Best effort: an endpoint declared before deposits holds none.
		let _ = T::Currency::release(
			&HoldReason::EndpointDeposit.into(),
			&who,
			T::EndpointDeposit::get(),
			Precision::BestEffort,
		);
		Self::deposit_event(Event::ProviderEndpointCleared { provider: who });
		Ok(())
	}

	/// What the global `address` resolves to: its asset, the asset's provider and
	/// the provider's declared STOQ endpoint. `None` if no asset has the address.
	pub fn resolve(address: &GlobalAddress) -> Option<Resolution<T::AccountId>> {
		let asset = T::Assets::asset_by_address(address)?;
		let provider = T::Assets::asset(&asset)?.owner;
		let endpoint = ProviderEndpoints::<T>::get(&provider);
		Some(Resolution { asset, provider, endpoint })
	}

	/// The trust score of `proxy`, whose record is `record`, at block `now`
	/// (see the crate docs for the formula).
	pub fn trust_score(
		proxy: &T::AccountId,
		record: &ProxyRecordOf<T>,
		now: BlockNumberFor<T>,
	) -> u32 {
		let min_bond = T::MinProxyBond::get();
		let bond_units = if min_bond.is_zero() {
			MAX_BOND_UNITS
		} else {
			record
				.bond
				.checked_div(&min_bond)
				.map(UniqueSaturatedInto::<u32>::unique_saturated_into)
				.unwrap_or(MAX_BOND_UNITS)
				.min(MAX_BOND_UNITS)
		};
		let bond_part = bond_units.saturating_mul(SCORE_PER_BOND_UNIT);
		let liveness = if now.saturating_sub(record.last_heartbeat) <= T::HeartbeatPeriod::get() {
			LIVENESS_SCORE
		} else {
			0
		};
		let history =
			record.heartbeats.min(MAX_COUNTED_HEARTBEATS).saturating_mul(SCORE_PER_HEARTBEAT);
		let penalty =
			T::Standing::failed_challenges(proxy).saturating_mul(PENALTY_PER_FAILED_CHALLENGE);
		bond_part.saturating_add(liveness).saturating_add(history).saturating_sub(penalty)
	}

	/// Up to `count` (at most `MaxProxies`) proxies for `consumer`, with their
	/// records and trust scores, best first. Banned proxies and `consumer` itself
	/// are left out; equal scores are ordered by hash distance to `consumer`.
	pub fn best_proxies(
		consumer: &T::AccountId,
		count: u32,
	) -> Vec<(T::AccountId, ProxyRecordOf<T>, u32)> {
		let count = usize::try_from(count.min(T::MaxProxies::get())).unwrap_or(usize::MAX);
		if count == 0 {
			return Vec::new();
		}
		let now = frame_system::Pallet::<T>::block_number();
		let consumer_hash = sp_io::hashing::blake2_256(&consumer.encode());
		let mut ranked: Vec<_> = ProxyList::<T>::get()
			.into_iter()
			.filter(|proxy| proxy != consumer && !T::Standing::is_banned(proxy))
			.filter_map(|proxy| {
				let record = Proxies::<T>::get(&proxy)?;
				let score = Self::trust_score(&proxy, &record, now);
				let distance = xor_distance(&consumer_hash, &proxy);
				Some((score, distance, proxy, record))
			})
			.collect();
		ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
		ranked.truncate(count);
		ranked.into_iter().map(|(score, _, proxy, record)| (proxy, record, score)).collect()
	}

	/// Checks the pallet's invariants: [`ProxyList`] holds exactly the keys of
	/// [`Proxies`], without duplicates, and each proxy's hold equals its bond.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use frame_support::traits::fungible::InspectHold;

		let list = ProxyList::<T>::get();
		let mut listed = alloc::collections::BTreeSet::new();
		for proxy in list.iter() {
			ensure!(listed.insert(proxy), "ProxyList holds a duplicate");
			ensure!(Proxies::<T>::contains_key(proxy), "ProxyList holds an unregistered account");
		}
		let mut registered: usize = 0;
		for (proxy, record) in Proxies::<T>::iter() {
			registered = registered.saturating_add(1);
			ensure!(listed.contains(&proxy), "a registered proxy is missing from ProxyList");
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::ProxyBond.into(), &proxy) == record.bond,
				"a proxy's hold differs from its bond"
			);
		}
		ensure!(registered == list.len(), "ProxyList and Proxies differ in size");
		Ok(())
	}
}

/// The XOR of `consumer_hash` and the blake2-256 hash of `proxy`'s encoding.
fn xor_distance<AccountId: Encode>(consumer_hash: &[u8; 32], proxy: &AccountId) -> [u8; 32] {
	let mut distance = sp_io::hashing::blake2_256(&proxy.encode());
	for (byte, other) in distance.iter_mut().zip(consumer_hash) {
		*byte ^= other;
	}
	distance
}
