//! Unit tests of the calls, resolution and trust ranking.

use codec::{Decode, Encode};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use proptest::prelude::*;
use sp_runtime::{traits::Dispatchable, DispatchError};

use crate::{
	mock::*, Endpoint, Error, Event, HoldReason, ProviderEndpoints, Proxies, ProxyList,
	ProxyRecord, Resolution,
};

fn ep(text: &str) -> Endpoint {
	text.as_bytes().to_vec().try_into().unwrap()
}

fn register(who: AccountId, bond: u64) {
	assert_ok!(Proxy::register_proxy(RuntimeOrigin::signed(who), ep("proxy.example:4433"), bond));
}

fn held(who: AccountId) -> u64 {
	Balances::balance_on_hold(&HoldReason::ProxyBond.into(), &who)
}

fn run_to(block: BlockNumber) {
	System::set_block_number(block);
}

fn ranked(consumer: AccountId, count: u32) -> Vec<(AccountId, u32)> {
	Proxy::best_proxies(&consumer, count)
		.into_iter()
		.map(|(proxy, _, score)| (proxy, score))
		.collect()
}

fn distance(consumer: AccountId, proxy: AccountId) -> [u8; 32] {
	let a = sp_io::hashing::blake2_256(&consumer.encode());
	let b = sp_io::hashing::blake2_256(&proxy.encode());
	core::array::from_fn(|i| a[i] ^ b[i])
}

// --- register_proxy ---

#[test]
fn register_proxy_holds_the_bond_and_records_the_proxy() {
	build_and_execute(|| {
		run_to(5);
		assert_ok!(Proxy::register_proxy(RuntimeOrigin::signed(1), ep("[fd00::1]:4433"), 250));
		assert_eq!(
			Proxies::<Test>::get(1),
			Some(ProxyRecord {
				endpoint: ep("[fd00::1]:4433"),
				bond: 250,
				registered_at: 5,
				last_heartbeat: 5,
				heartbeats: 0,
			})
		);
		assert_eq!(ProxyList::<Test>::get().into_inner(), vec![1]);
		assert_eq!(held(1), 250);
		assert_eq!(Balances::balance(&1), ENDOWMENT - 250);
		System::assert_last_event(
			Event::ProxyRegistered { proxy: 1, endpoint: ep("[fd00::1]:4433"), bond: 250 }.into(),
		);
	});
}

#[test]
fn register_proxy_requires_a_signed_origin() {
	build_and_execute(|| {
		assert_noop!(
			Proxy::register_proxy(RuntimeOrigin::root(), ep("a:1"), MIN_BOND),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn register_proxy_fails_when_already_registered() {
	build_and_execute(|| {
		register(1, MIN_BOND);
		assert_noop!(
			Proxy::register_proxy(RuntimeOrigin::signed(1), ep("other:1"), MIN_BOND),
			Error::<Test>::AlreadyRegistered
		);
	});
}

#[test]
fn register_proxy_fails_below_the_minimum_bond() {
	build_and_execute(|| {
		assert_noop!(
			Proxy::register_proxy(RuntimeOrigin::signed(1), ep("a:1"), MIN_BOND - 1),
			Error::<Test>::BondTooLow
		);
	});
}

#[test]
fn register_proxy_fails_when_the_registry_is_full() {
	build_and_execute(|| {
		for who in 1..=AccountId::from(MAX_PROXIES) {
			register(who, MIN_BOND);
		}
		assert_noop!(
			Proxy::register_proxy(RuntimeOrigin::signed(20), ep("a:1"), MIN_BOND),
			Error::<Test>::TooManyProxies
		);
	});
}

#[test]
fn register_proxy_fails_with_an_invalid_endpoint() {
	build_and_execute(|| {
		for bad in ["", "host", "host:0", "fd00::1:80", "[fd00::1:80"] {
			assert_noop!(
				Proxy::register_proxy(RuntimeOrigin::signed(1), ep(bad), MIN_BOND),
				Error::<Test>::InvalidEndpoint
			);
		}
	});
}

#[test]
fn register_proxy_fails_when_the_bond_cannot_be_held() {
	build_and_execute(|| {
		assert_noop!(
			Proxy::register_proxy(RuntimeOrigin::signed(1), ep("a:1"), ENDOWMENT + 1),
			Error::<Test>::InsufficientBalance
		);
		// Account 99 has no funds at all.
		assert_noop!(
			Proxy::register_proxy(RuntimeOrigin::signed(99), ep("a:1"), MIN_BOND),
			Error::<Test>::InsufficientBalance
		);
	});
}

// --- update_proxy_endpoint ---

#[test]
fn update_proxy_endpoint_replaces_the_endpoint() {
	build_and_execute(|| {
		register(1, MIN_BOND);
		assert_ok!(Proxy::update_proxy_endpoint(RuntimeOrigin::signed(1), ep("10.0.0.2:9000")));
		assert_eq!(Proxies::<Test>::get(1).unwrap().endpoint, ep("10.0.0.2:9000"));
		System::assert_last_event(
			Event::ProxyEndpointUpdated { proxy: 1, endpoint: ep("10.0.0.2:9000") }.into(),
		);
	});
}

#[test]
fn update_proxy_endpoint_fails_when_not_registered() {
	build_and_execute(|| {
		assert_noop!(
			Proxy::update_proxy_endpoint(RuntimeOrigin::signed(1), ep("a:1")),
			Error::<Test>::NotRegistered
		);
	});
}

#[test]
fn update_proxy_endpoint_fails_with_an_invalid_endpoint() {
	build_and_execute(|| {
		register(1, MIN_BOND);
		assert_noop!(
			Proxy::update_proxy_endpoint(RuntimeOrigin::signed(1), ep("a:65536")),
			Error::<Test>::InvalidEndpoint
		);
	});
}

// --- proxy_heartbeat ---

#[test]
fn proxy_heartbeat_records_the_block_and_counts() {
	build_and_execute(|| {
		register(1, MIN_BOND);
		run_to(7);
		assert_ok!(Proxy::proxy_heartbeat(RuntimeOrigin::signed(1)));
		run_to(9);
		assert_ok!(Proxy::proxy_heartbeat(RuntimeOrigin::signed(1)));
		let record = Proxies::<Test>::get(1).unwrap();
		assert_eq!((record.last_heartbeat, record.heartbeats, record.registered_at), (9, 2, 1));
		System::assert_last_event(Event::ProxyHeartbeat { proxy: 1, heartbeats: 2 }.into());
	});
}

#[test]
fn proxy_heartbeat_count_saturates() {
	build_and_execute(|| {
		register(1, MIN_BOND);
		Proxies::<Test>::mutate(1, |record| record.as_mut().unwrap().heartbeats = u32::MAX);
		assert_ok!(Proxy::proxy_heartbeat(RuntimeOrigin::signed(1)));
		assert_eq!(Proxies::<Test>::get(1).unwrap().heartbeats, u32::MAX);
		System::assert_last_event(Event::ProxyHeartbeat { proxy: 1, heartbeats: u32::MAX }.into());
	});
}

#[test]
fn proxy_heartbeat_fails_when_not_registered() {
	build_and_execute(|| {
		assert_noop!(
			Proxy::proxy_heartbeat(RuntimeOrigin::signed(1)),
			Error::<Test>::NotRegistered
		);
	});
}

// --- unregister_proxy ---

#[test]
fn unregister_proxy_releases_the_bond_and_forgets_the_proxy() {
	build_and_execute(|| {
		register(1, 300);
		register(2, MIN_BOND);
		register(3, MIN_BOND);
		assert_ok!(Proxy::unregister_proxy(RuntimeOrigin::signed(1)));
		assert_eq!(Proxies::<Test>::get(1), None);
		assert_eq!(ProxyList::<Test>::get().into_inner(), vec![2, 3]);
		assert_eq!(held(1), 0);
		assert_eq!(Balances::balance(&1), ENDOWMENT);
		System::assert_last_event(Event::ProxyUnregistered { proxy: 1, bond: 300 }.into());
		// It may register again.
		register(1, MIN_BOND);
	});
}

#[test]
fn unregister_proxy_fails_when_not_registered() {
	build_and_execute(|| {
		assert_noop!(
			Proxy::unregister_proxy(RuntimeOrigin::signed(1)),
			Error::<Test>::NotRegistered
		);
	});
}

// --- set_provider_endpoint / clear_provider_endpoint ---

#[test]
fn set_provider_endpoint_declares_and_replaces() {
	build_and_execute(|| {
		assert_ok!(Proxy::set_provider_endpoint(RuntimeOrigin::signed(4), ep("node4:4433")));
		assert_eq!(ProviderEndpoints::<Test>::get(4), Some(ep("node4:4433")));
		System::assert_last_event(
			Event::ProviderEndpointSet { provider: 4, endpoint: ep("node4:4433") }.into(),
		);
		assert_ok!(Proxy::set_provider_endpoint(RuntimeOrigin::signed(4), ep("[::1]:5")));
		assert_eq!(ProviderEndpoints::<Test>::get(4), Some(ep("[::1]:5")));
		// One endpoint, one deposit: replacing it holds no more.
		assert_eq!(endpoint_deposit(4), ENDPOINT_DEPOSIT);
	});
}

/// What `who` holds for its provider endpoint.
fn endpoint_deposit(who: AccountId) -> u64 {
	Balances::balance_on_hold(&HoldReason::EndpointDeposit.into(), &who)
}

#[test]
fn an_endpoint_nobody_pays_for_is_not_stored() {
	build_and_execute(|| {
		let unfunded = 99;
		assert_noop!(
			Proxy::set_provider_endpoint(RuntimeOrigin::signed(unfunded), ep("node:1")),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn set_provider_endpoint_fails_with_an_invalid_endpoint() {
	build_and_execute(|| {
		assert_noop!(
			Proxy::set_provider_endpoint(RuntimeOrigin::signed(4), ep("node4:")),
			Error::<Test>::InvalidEndpoint
		);
	});
}

#[test]
fn clear_provider_endpoint_removes_the_declaration() {
	build_and_execute(|| {
		assert_ok!(Proxy::set_provider_endpoint(RuntimeOrigin::signed(4), ep("node4:4433")));
		assert_ok!(Proxy::clear_provider_endpoint(RuntimeOrigin::signed(4)));
		assert_eq!(ProviderEndpoints::<Test>::get(4), None);
		assert_eq!(endpoint_deposit(4), 0);
		System::assert_last_event(Event::ProviderEndpointCleared { provider: 4 }.into());
	});
}

#[test]
fn clear_provider_endpoint_fails_without_an_endpoint() {
	build_and_execute(|| {
		assert_noop!(
			Proxy::clear_provider_endpoint(RuntimeOrigin::signed(4)),
			Error::<Test>::NoEndpoint
		);
	});
}

// --- resolve ---

#[test]
fn resolve_finds_asset_provider_and_endpoint() {
	build_and_execute(|| {
		let (asset, address) = add_asset(7, 0);
		assert_ok!(Proxy::set_provider_endpoint(RuntimeOrigin::signed(7), ep("node7:4433")));
		assert_eq!(
			Proxy::resolve(&address),
			Some(Resolution { asset, provider: 7, endpoint: Some(ep("node7:4433")) })
		);
	});
}

#[test]
fn resolve_without_a_provider_endpoint_has_none() {
	build_and_execute(|| {
		let (asset, address) = add_asset(7, 0);
		assert_eq!(
			Proxy::resolve(&address),
			Some(Resolution { asset, provider: 7, endpoint: None })
		);
	});
}

#[test]
fn resolve_of_an_unknown_address_is_none() {
	build_and_execute(|| {
		add_asset(7, 0);
		let (_, other) = add_asset(8, 0);
		assert!(Proxy::resolve(&other).is_some());
		assert_eq!(Proxy::resolve(&hypermesh_primitives::GlobalAddress([0xfd; 16])), None);
	});
}

// --- trust ranking ---

fn score_of(consumer: AccountId, proxy: AccountId) -> Option<u32> {
	ranked(consumer, u32::MAX).into_iter().find(|(p, _)| *p == proxy).map(|(_, score)| score)
}

#[test]
fn bond_part_counts_whole_minimum_bonds_up_to_ten() {
	build_and_execute(|| {
		register(1, MIN_BOND); // 1 unit
		register(2, 5 * MIN_BOND + 99); // 5 units
		register(3, 10 * MIN_BOND); // 10 units
		register(4, 30 * MIN_BOND); // capped at 10
							  // Fresh registrations are alive (1000) and have no history.
		assert_eq!(score_of(20, 1), Some(100 + 1000));
		assert_eq!(score_of(20, 2), Some(500 + 1000));
		assert_eq!(score_of(20, 3), Some(1000 + 1000));
		assert_eq!(score_of(20, 4), Some(1000 + 1000));
		let order: Vec<_> = ranked(20, 10).into_iter().map(|(p, _)| p).collect();
		assert_eq!(&order[2..], &[2, 1]);
	});
}

#[test]
fn liveness_lasts_heartbeat_period_blocks() {
	build_and_execute(|| {
		register(1, MIN_BOND); // at block 1
		run_to(1 + HEARTBEAT_PERIOD);
		assert_eq!(score_of(20, 1), Some(100 + 1000));
		run_to(2 + HEARTBEAT_PERIOD);
		assert_eq!(score_of(20, 1), Some(100));
		assert_ok!(Proxy::proxy_heartbeat(RuntimeOrigin::signed(1)));
		assert_eq!(score_of(20, 1), Some(100 + 1000 + 5));
	});
}

#[test]
fn live_proxy_outranks_a_richer_silent_one() {
	build_and_execute(|| {
		register(1, 10 * MIN_BOND);
		run_to(50);
		register(2, MIN_BOND);
		assert_eq!(ranked(20, 10), vec![(2, 1100), (1, 1000)]);
	});
}

#[test]
fn history_counts_heartbeats_up_to_one_hundred() {
	build_and_execute(|| {
		register(1, MIN_BOND);
		register(2, MIN_BOND);
		for _ in 0..3 {
			assert_ok!(Proxy::proxy_heartbeat(RuntimeOrigin::signed(1)));
		}
		Proxies::<Test>::mutate(2, |record| record.as_mut().unwrap().heartbeats = 150);
		assert_eq!(score_of(20, 1), Some(100 + 1000 + 3 * 5));
		assert_eq!(score_of(20, 2), Some(100 + 1000 + 100 * 5));
		assert_eq!(ranked(20, 10), vec![(2, 1600), (1, 1115)]);
	});
}

#[test]
fn lost_challenges_are_penalised_down_to_zero() {
	build_and_execute(|| {
		register(1, 10 * MIN_BOND);
		register(2, MIN_BOND);
		set_failed_challenges(1, 2);
		assert_eq!(ranked(20, 10), vec![(2, 1100), (1, 2000 - 1000)]);
		set_failed_challenges(1, 5);
		assert_eq!(score_of(20, 1), Some(0));
		set_failed_challenges(1, u32::MAX);
		assert_eq!(score_of(20, 1), Some(0));
	});
}

#[test]
fn banned_proxies_are_never_returned() {
	build_and_execute(|| {
		register(1, 10 * MIN_BOND);
		register(2, MIN_BOND);
		ban(1);
		assert_eq!(ranked(20, 10), vec![(2, 1100)]);
	});
}

#[test]
fn the_consumer_is_not_offered_itself() {
	build_and_execute(|| {
		register(1, 10 * MIN_BOND);
		register(2, MIN_BOND);
		assert_eq!(ranked(1, 10), vec![(2, 1100)]);
		assert_eq!(ranked(2, 10), vec![(1, 2000)]);
	});
}

#[test]
fn equal_scores_are_ordered_by_hash_distance_to_the_consumer() {
	build_and_execute(|| {
		let proxies: Vec<AccountId> = (1..=AccountId::from(MAX_PROXIES)).collect();
		for who in &proxies {
			register(*who, MIN_BOND);
		}
		let mut firsts = std::collections::BTreeSet::new();
		for consumer in 10..=20 {
			let mut expected = proxies.clone();
			expected.sort_by_key(|proxy| distance(consumer, *proxy));
			let got: Vec<_> = ranked(consumer, u32::MAX).into_iter().map(|(p, _)| p).collect();
			assert_eq!(got, expected, "consumer {consumer}");
			// Deterministic: asking again gives the same order.
			assert_eq!(
				Proxy::best_proxies(&consumer, u32::MAX),
				Proxy::best_proxies(&consumer, u32::MAX)
			);
			firsts.insert(got[0]);
		}
		// Consumers are spread over the equally trusted proxies.
		assert!(firsts.len() > 1);
	});
}

#[test]
fn score_comes_before_hash_distance() {
	build_and_execute(|| {
		for who in 1..=3 {
			register(who, MIN_BOND);
		}
		for consumer in 10..=20 {
			// Whoever is closest to the consumer, a better score wins.
			let closest = ranked(consumer, 1)[0].0;
			assert_ok!(Proxy::proxy_heartbeat(RuntimeOrigin::signed(closest)));
			let other = (1..=3).find(|p| *p != closest).unwrap();
			assert_ok!(Proxy::proxy_heartbeat(RuntimeOrigin::signed(other)));
			assert_ok!(Proxy::proxy_heartbeat(RuntimeOrigin::signed(other)));
			assert_eq!(ranked(consumer, 1)[0].0, other);
			// Level the field again for the next consumer.
			for who in 1..=3 {
				Proxies::<Test>::mutate(who, |record| record.as_mut().unwrap().heartbeats = 0);
			}
		}
	});
}

#[test]
fn count_is_capped_at_max_proxies() {
	build_and_execute(|| {
		for who in 1..=AccountId::from(MAX_PROXIES) {
			register(who, MIN_BOND);
		}
		assert_eq!(Proxy::best_proxies(&20, 0), vec![]);
		assert_eq!(Proxy::best_proxies(&20, 2).len(), 2);
		assert_eq!(Proxy::best_proxies(&20, MAX_PROXIES).len(), MAX_PROXIES as usize);
		assert_eq!(Proxy::best_proxies(&20, u32::MAX).len(), MAX_PROXIES as usize);
		// The top `n` is a prefix of the full ranking.
		assert_eq!(Proxy::best_proxies(&20, 2)[..], Proxy::best_proxies(&20, u32::MAX)[..2]);
	});
}

#[test]
fn ranking_returns_the_stored_records() {
	build_and_execute(|| {
		register(1, MIN_BOND);
		let best = Proxy::best_proxies(&20, 1);
		assert_eq!(best, vec![(1, Proxies::<Test>::get(1).unwrap(), 1100)]);
	});
}

// --- invariants ---

#[test]
fn try_state_detects_a_missing_list_entry() {
	new_test_ext().execute_with(|| {
		register(1, MIN_BOND);
		assert_ok!(Proxy::do_try_state());
		ProxyList::<Test>::kill();
		assert!(Proxy::do_try_state().is_err());
	});
}

#[test]
fn try_state_detects_a_duplicate() {
	new_test_ext().execute_with(|| {
		register(1, MIN_BOND);
		ProxyList::<Test>::put(frame_support::BoundedVec::truncate_from(vec![1, 1]));
		assert!(Proxy::do_try_state().is_err());
	});
}

#[test]
fn try_state_detects_a_hold_that_differs_from_the_bond() {
	new_test_ext().execute_with(|| {
		register(1, MIN_BOND);
		Proxies::<Test>::mutate(1, |record| record.as_mut().unwrap().bond = MIN_BOND + 1);
		assert!(Proxy::do_try_state().is_err());
	});
}

// --- property tests: arbitrary input never panics and keeps the invariants ---

proptest! {
	#![proptest_config(ProptestConfig::with_cases(256))]

	#[test]
	fn arbitrary_call_bytes_never_panic(
		index in 0u8..8,
		tail in proptest::collection::vec(any::<u8>(), 0..200),
		signer in 0u64..25,
	) {
		build_and_execute(|| {
			let mut bytes = vec![index];
			bytes.extend_from_slice(&tail);
			if let Ok(call) = crate::Call::<Test>::decode(&mut &bytes[..]) {
				let _ = RuntimeCall::Proxy(call).dispatch(RuntimeOrigin::signed(signer));
			}
		});
	}

	#[test]
	fn arbitrary_call_sequences_keep_the_invariants(
		steps in proptest::collection::vec(
			(0u8..6, 1u64..10, any::<u64>(), proptest::collection::vec(any::<u8>(), 0..20), 0u64..30),
			1..30,
		),
	) {
		build_and_execute(|| {
			for (call, who, bond, endpoint, advance) in steps {
				let endpoint: Endpoint = endpoint.try_into().unwrap();
				let bond = bond % (2 * ENDOWMENT);
				let origin = RuntimeOrigin::signed(who);
				let _ = match call {
					0 => Proxy::register_proxy(origin, endpoint, bond),
					1 => Proxy::update_proxy_endpoint(origin, endpoint),
					2 => Proxy::proxy_heartbeat(origin),
					3 => Proxy::unregister_proxy(origin),
					4 => Proxy::set_provider_endpoint(origin, endpoint),
					_ => Proxy::clear_provider_endpoint(origin),
				};
				run_to(System::block_number() + advance);
				let best = Proxy::best_proxies(&who, u32::MAX);
				assert!(best.len() <= MAX_PROXIES as usize);
				assert!(best.windows(2).all(|pair| pair[0].2 >= pair[1].2));
				assert!(best.iter().all(|(proxy, _, _)| *proxy != who));
			}
		});
	}

	#[test]
	fn trust_score_never_panics(
		bond in any::<u64>(),
		last_heartbeat in any::<u64>(),
		now in any::<u64>(),
		heartbeats in any::<u32>(),
		failed in any::<u32>(),
	) {
		build_and_execute(|| {
			set_failed_challenges(3, failed);
			let record = ProxyRecord {
				endpoint: ep("a:1"),
				bond,
				registered_at: 0,
				last_heartbeat,
				heartbeats,
			};
			let score = Proxy::trust_score(&3, &record, now);
			assert!(score <= 1000 + 1000 + 500);
		});
	}
}
