//! Benchmarks of the privacy pallet, each call at its worst case.

use alloc::vec::Vec;

use frame_benchmarking::v2::*;
use frame_support::traits::Get;
use frame_system::RawOrigin;
use hypermesh_primitives::{PrivacyLevel, PrivacyNetworkId, ProfileKind};
use sp_runtime::traits::StaticLookup;

use crate::*;

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(event.into());
}

/// `who`, funded for the deposits of as many records as it may create.
fn funded<T: Config>(who: T::AccountId) -> T::AccountId {
	Pallet::<T>::benchmark_fund(&who);
	who
}

/// A network owned by `owner` with `members` members.
fn network_with_members<T: Config>(
	owner: &T::AccountId,
	members: u32,
) -> Result<PrivacyNetworkId, BenchmarkError> {
	let network = Pallet::<T>::do_create_network(owner)?;
	for i in 0..members {
		let member: T::AccountId = account("member", i, 0);
		Pallet::<T>::do_add_member(owner, network, &member)?;
	}
	Ok(network)
}

/// `count` networks, each owned by its own account.
fn foreign_networks<T: Config>(count: u32) -> Result<Vec<PrivacyNetworkId>, BenchmarkError> {
	(0..count)
		.map(|i| {
			let owner: T::AccountId = funded::<T>(account("network-owner", i, 0));
			Pallet::<T>::do_create_network(&owner).map_err(Into::into)
		})
		.collect()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The caller already owns all but one of the networks it may own.
	#[benchmark]
	fn create_network() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = funded::<T>(whitelisted_caller());
		for _ in 1..T::MaxNetworksPerOwner::get() {
			Pallet::<T>::do_create_network(&caller)?;
		}
		let network = NextNetworkId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));

		assert!(Networks::<T>::contains_key(network));
		assert_last_event::<T>(Event::NetworkCreated { network, owner: caller });
		Ok(())
	}

	/// The network has all but one of its members; the new member is in another network.
	#[benchmark]
	fn add_member() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = funded::<T>(whitelisted_caller());
		let max = T::MaxMembers::get();
		let network = network_with_members::<T>(&caller, max.saturating_sub(1))?;
		let who: T::AccountId = account("member", max, 0);
		let other = Pallet::<T>::do_create_network(&caller)?;
		Pallet::<T>::do_add_member(&caller, other, &who)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), network, T::Lookup::unlookup(who.clone()));

		assert!(Members::<T>::contains_key(network, &who));
		assert_last_event::<T>(Event::MemberAdded { network, member: who });
		Ok(())
	}

	/// The network is full; the member leaving is also in another network.
	#[benchmark]
	fn remove_member() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = funded::<T>(whitelisted_caller());
		let max = T::MaxMembers::get();
		let network = network_with_members::<T>(&caller, max)?;
		let who: T::AccountId = account("member", max.saturating_sub(1), 0);
		let other = Pallet::<T>::do_create_network(&caller)?;
		Pallet::<T>::do_add_member(&caller, other, &who)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), network, T::Lookup::unlookup(who.clone()));

		assert!(!Members::<T>::contains_key(network, &who));
		assert_last_event::<T>(Event::MemberRemoved { network, member: who });
		Ok(())
	}

	/// The owner keeps other networks.
	#[benchmark]
	fn remove_network() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = funded::<T>(whitelisted_caller());
		for _ in 1..T::MaxNetworksPerOwner::get() {
			Pallet::<T>::do_create_network(&caller)?;
		}
		let network = Pallet::<T>::do_create_network(&caller)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), network);

		assert!(!Networks::<T>::contains_key(network));
		assert_last_event::<T>(Event::NetworkRemoved { network });
		Ok(())
	}

	/// The caller trusts all but one of the networks it may trust.
	#[benchmark]
	fn trust_network() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = funded::<T>(whitelisted_caller());
		let networks = foreign_networks::<T>(T::MaxTrustedNetworks::get())?;
		let (network, earlier) = networks.split_last().ok_or(BenchmarkError::Stop("no network"))?;
		for id in earlier {
			Pallet::<T>::do_trust_network(&caller, *id)?;
		}
		let network = *network;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), network);

		assert!(TrustedNetworks::<T>::get(&caller).contains(&network));
		assert_last_event::<T>(Event::NetworkTrusted { owner: caller, network });
		Ok(())
	}

	/// The caller trusts as many networks as it may and drops the last.
	#[benchmark]
	fn untrust_network() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = funded::<T>(whitelisted_caller());
		let networks = foreign_networks::<T>(T::MaxTrustedNetworks::get())?;
		for id in &networks {
			Pallet::<T>::do_trust_network(&caller, *id)?;
		}
		let network = *networks.last().ok_or(BenchmarkError::Stop("no network"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), network);

		assert!(!TrustedNetworks::<T>::get(&caller).contains(&network));
		assert_last_event::<T>(Event::NetworkUntrusted { owner: caller, network });
		Ok(())
	}

	/// The caller allows all but one of the accounts it may allow.
	#[benchmark]
	fn allow_account() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = funded::<T>(whitelisted_caller());
		let max = T::MaxAllowedAccounts::get();
		for i in 1..max {
			let allowed: T::AccountId = account("allowed", i, 0);
			Pallet::<T>::do_allow_account(&caller, &allowed)?;
		}
		let who: T::AccountId = account("allowed", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), T::Lookup::unlookup(who.clone()));

		assert!(AllowedAccounts::<T>::contains_key(&caller, &who));
		assert_last_event::<T>(Event::AccountAllowed { owner: caller, account: who });
		Ok(())
	}

	/// The caller allows as many accounts as it may and withdraws one.
	#[benchmark]
	fn disallow_account() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = funded::<T>(whitelisted_caller());
		for i in 0..T::MaxAllowedAccounts::get() {
			let allowed: T::AccountId = account("allowed", i, 0);
			Pallet::<T>::do_allow_account(&caller, &allowed)?;
		}
		let who: T::AccountId = account("allowed", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), T::Lookup::unlookup(who.clone()));

		assert!(!AllowedAccounts::<T>::contains_key(&caller, &who));
		assert_last_event::<T>(Event::AccountDisallowed { owner: caller, account: who });
		Ok(())
	}

	/// Every check passes and the policy is replaced.
	#[benchmark]
	fn set_policy() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = funded::<T>(whitelisted_caller());
		let asset = T::BenchmarkHelper::create_asset(&caller);
		// A policy set before: replacing it decodes the old one.
		if !Policies::<T>::contains_key(asset) {
			Policies::<T>::insert(asset, Pallet::<T>::default_policy(ProfileKind::Testing));
		}
		let mut policy = Pallet::<T>::default_policy(ProfileKind::Testing);
		policy.level = PrivacyLevel::FullPublic;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), asset, policy.clone());

		assert_eq!(Policies::<T>::get(asset), Some(policy.clone()));
		assert_last_event::<T>(Event::PolicySet { asset, policy });
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
