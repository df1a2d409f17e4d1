//! Benchmarks of the calls, each at its worst case: the longest endpoint and,
//! where the proxy list is read and written, a full list.

use alloc::vec;

use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get,
};
use frame_system::RawOrigin;
use sp_runtime::traits::Saturating;

use crate::*;

/// The longest valid endpoint: a host name filling all but `:65535`.
fn longest_endpoint() -> Endpoint {
	let port = b":65535";
	let host_len = Endpoint::bound().saturating_sub(port.len());
	let mut bytes = vec![b'a'; host_len];
	bytes.extend_from_slice(port);
	Endpoint::truncate_from(bytes)
}

/// An account with enough funds for any bond the benchmarks hold.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	fund::<T>(account(name, index, 0))
}

/// `who`, given enough funds for any bond or deposit the benchmarks hold.
fn fund<T: Config>(who: T::AccountId) -> T::AccountId {
	let amount = T::MinProxyBond::get()
		.saturating_add(T::EndpointDeposit::get())
		.saturating_add(T::Currency::minimum_balance())
		.saturating_mul(100u32.into());
	T::Currency::set_balance(&who, amount);
	who
}

/// Registers `count` proxies other than the benchmarked caller.
fn register_others<T: Config>(count: u32) -> Result<(), BenchmarkError> {
	for index in 0..count {
		let who = funded::<T>("other", index);
		Pallet::<T>::do_register_proxy(who, longest_endpoint(), T::MinProxyBond::get())?;
	}
	Ok(())
}

/// Registers `who` as a proxy with the minimum bond.
fn register<T: Config>(who: &T::AccountId) -> Result<(), BenchmarkError> {
	Pallet::<T>::do_register_proxy(who.clone(), longest_endpoint(), T::MinProxyBond::get())?;
	Ok(())
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(event.into());
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_proxy() -> Result<(), BenchmarkError> {
		frame_system::Pallet::<T>::set_block_number(1u32.into());
		register_others::<T>(T::MaxProxies::get().saturating_sub(1))?;
		let caller = funded::<T>("caller", 0);
		let endpoint = longest_endpoint();
		let bond = T::MinProxyBond::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), endpoint.clone(), bond);

		assert!(ProxyList::<T>::get().is_full());
		assert_last_event::<T>(Event::ProxyRegistered { proxy: caller, endpoint, bond });
		Ok(())
	}

	#[benchmark]
	fn update_proxy_endpoint() -> Result<(), BenchmarkError> {
		frame_system::Pallet::<T>::set_block_number(1u32.into());
		let caller = funded::<T>("caller", 0);
		register::<T>(&caller)?;
		let endpoint = longest_endpoint();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), endpoint.clone());

		assert_last_event::<T>(Event::ProxyEndpointUpdated { proxy: caller, endpoint });
		Ok(())
	}

	#[benchmark]
	fn proxy_heartbeat() -> Result<(), BenchmarkError> {
		frame_system::Pallet::<T>::set_block_number(1u32.into());
		let caller = funded::<T>("caller", 0);
		register::<T>(&caller)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));

		assert_last_event::<T>(Event::ProxyHeartbeat { proxy: caller, heartbeats: 1 });
		Ok(())
	}

	#[benchmark]
	fn unregister_proxy() -> Result<(), BenchmarkError> {
		frame_system::Pallet::<T>::set_block_number(1u32.into());
		let caller = funded::<T>("caller", 0);
		register::<T>(&caller)?;
		register_others::<T>(T::MaxProxies::get().saturating_sub(1))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));

		assert!(!Proxies::<T>::contains_key(&caller));
		assert_last_event::<T>(Event::ProxyUnregistered {
			proxy: caller,
			bond: T::MinProxyBond::get(),
		});
		Ok(())
	}

	#[benchmark]
	fn set_provider_endpoint() -> Result<(), BenchmarkError> {
		frame_system::Pallet::<T>::set_block_number(1u32.into());
		let caller: T::AccountId = fund::<T>(whitelisted_caller());
		let endpoint = longest_endpoint();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), endpoint.clone());

		assert_last_event::<T>(Event::ProviderEndpointSet { provider: caller, endpoint });
		Ok(())
	}

	#[benchmark]
	fn clear_provider_endpoint() -> Result<(), BenchmarkError> {
		frame_system::Pallet::<T>::set_block_number(1u32.into());
		let caller: T::AccountId = fund::<T>(whitelisted_caller());
		Pallet::<T>::do_set_provider_endpoint(caller.clone(), longest_endpoint())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));

		assert_last_event::<T>(Event::ProviderEndpointCleared { provider: caller });
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
