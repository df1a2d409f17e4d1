//! Tests of the privacy pallet: every call and error, the access matrix, the state
//! checks and property tests.

use std::collections::{BTreeMap, BTreeSet};

use codec::Decode;
use frame_support::{
	assert_noop, assert_ok,
	traits::{Hooks, UnfilteredDispatchable},
	BoundedVec,
};
use hypermesh_primitives::{
	traits::AccessPolicy, AssetId, PrivacyLevel, PrivacyNetworkId, PrivacyPolicy, ProfileKind,
};
use proptest::prelude::*;
use sp_runtime::{traits::BadOrigin, ArithmeticError, DispatchResult, Percent};

use crate::{mock::*, *};

const ALICE: u64 = 1;
const BOB: u64 = 2;
const CHARLIE: u64 = 3;
const DAVE: u64 = 4;

fn origin(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// Creates a network owned by `owner` and returns its id.
fn create(owner: u64) -> PrivacyNetworkId {
	let network = NextNetworkId::<Test>::get();
	assert_ok!(Privacy::create_network(origin(owner)));
	network
}

/// Creates a network owned by `owner` with `members`.
fn create_with(owner: u64, members: &[u64]) -> PrivacyNetworkId {
	let network = create(owner);
	for member in members {
		assert_ok!(Privacy::add_member(origin(owner), network, *member));
	}
	network
}

/// Registers an asset of `owner` in the test registry; it has the default policy
/// without one being stored.
fn asset_of(owner: u64) -> AssetId {
	TestAssets::register(owner)
}

/// The default policy with `level`.
fn policy_with(level: PrivacyLevel) -> PolicyOf<Test> {
	let mut policy = Privacy::default_policy(ProfileKind::Default);
	policy.level = level;
	policy
}

fn error(error: Error<Test>) -> DispatchResult {
	Err(error.into())
}

// ---- create_network ----

#[test]
fn create_network_works() {
	build_and_execute(|| {
		assert_ok!(Privacy::create_network(origin(ALICE)));
		System::assert_last_event(Event::NetworkCreated { network: 0, owner: ALICE }.into());
		assert_ok!(Privacy::create_network(origin(ALICE)));
		System::assert_last_event(Event::NetworkCreated { network: 1, owner: ALICE }.into());

		assert_eq!(Networks::<Test>::get(1), Some(NetworkInfo { owner: ALICE, members: 0 }));
		assert_eq!(NetworksOwned::<Test>::get(ALICE), 2);
		assert_eq!(NextNetworkId::<Test>::get(), 2);
	});
}

#[test]
fn create_network_needs_a_signed_origin() {
	build_and_execute(|| {
		assert_noop!(Privacy::create_network(RuntimeOrigin::none()), BadOrigin);
		assert_noop!(Privacy::create_network(RuntimeOrigin::root()), BadOrigin);
	});
}

#[test]
fn create_network_fails_with_too_many_networks() {
	build_and_execute(|| {
		for _ in 0..MAX_NETWORKS_PER_OWNER {
			create(ALICE);
		}
		assert_noop!(Privacy::create_network(origin(ALICE)), Error::<Test>::TooManyNetworks);
		// Others are not affected.
		create(BOB);
	});
}

#[test]
fn create_network_fails_when_ids_run_out() {
	build_and_execute(|| {
		NextNetworkId::<Test>::put(u32::MAX);
		assert_noop!(Privacy::create_network(origin(ALICE)), ArithmeticError::Overflow);
	});
}

#[test]
fn network_ids_are_never_reused() {
	build_and_execute(|| {
		let first = create(ALICE);
		assert_ok!(Privacy::remove_network(origin(ALICE), first));
		assert_eq!(create(ALICE), first + 1);
	});
}

// ---- add_member ----

#[test]
fn add_member_works() {
	build_and_execute(|| {
		let first = create(ALICE);
		let second = create(CHARLIE);

		assert_ok!(Privacy::add_member(origin(ALICE), first, BOB));
		System::assert_last_event(Event::MemberAdded { network: first, member: BOB }.into());
		assert!(Members::<Test>::contains_key(first, BOB));
		assert_eq!(Networks::<Test>::get(first).map(|n| n.members), Some(1));
		assert_eq!(MembershipCount::<Test>::get(BOB), 1);

		assert_ok!(Privacy::add_member(origin(CHARLIE), second, BOB));
		System::assert_last_event(Event::MemberAdded { network: second, member: BOB }.into());
		assert_eq!(MembershipCount::<Test>::get(BOB), 2);
	});
}

#[test]
fn add_member_fails_with_unknown_network() {
	build_and_execute(|| {
		assert_noop!(Privacy::add_member(origin(ALICE), 7, BOB), Error::<Test>::UnknownNetwork);
	});
}

#[test]
fn add_member_fails_with_not_network_owner() {
	build_and_execute(|| {
		let network = create(ALICE);
		assert_noop!(
			Privacy::add_member(origin(BOB), network, BOB),
			Error::<Test>::NotNetworkOwner
		);
	});
}

#[test]
fn add_member_fails_with_already_member() {
	build_and_execute(|| {
		let network = create_with(ALICE, &[BOB]);
		assert_noop!(
			Privacy::add_member(origin(ALICE), network, BOB),
			Error::<Test>::AlreadyMember
		);
	});
}

#[test]
fn add_member_fails_with_too_many_members() {
	build_and_execute(|| {
		let members: Vec<u64> = (100..100 + u64::from(MAX_MEMBERS)).collect();
		let network = create_with(ALICE, &members);
		assert_noop!(
			Privacy::add_member(origin(ALICE), network, BOB),
			Error::<Test>::TooManyMembers
		);
	});
}

// ---- remove_member ----

#[test]
fn remove_member_works() {
	build_and_execute(|| {
		let first = create_with(ALICE, &[BOB, CHARLIE]);
		let second = create_with(ALICE, &[BOB]);

		assert_ok!(Privacy::remove_member(origin(ALICE), first, BOB));
		System::assert_last_event(Event::MemberRemoved { network: first, member: BOB }.into());
		assert!(!Members::<Test>::contains_key(first, BOB));
		assert_eq!(Networks::<Test>::get(first).map(|n| n.members), Some(1));
		assert_eq!(MembershipCount::<Test>::get(BOB), 1);

		assert_ok!(Privacy::remove_member(origin(ALICE), second, BOB));
		assert!(!MembershipCount::<Test>::contains_key(BOB));
	});
}

#[test]
fn remove_member_fails_with_unknown_network() {
	build_and_execute(|| {
		assert_noop!(Privacy::remove_member(origin(ALICE), 3, BOB), Error::<Test>::UnknownNetwork);
	});
}

#[test]
fn remove_member_fails_with_not_network_owner() {
	build_and_execute(|| {
		let network = create_with(ALICE, &[BOB]);
		// Not even the member itself.
		assert_noop!(
			Privacy::remove_member(origin(BOB), network, BOB),
			Error::<Test>::NotNetworkOwner
		);
	});
}

#[test]
fn remove_member_fails_with_not_member() {
	build_and_execute(|| {
		let network = create_with(ALICE, &[BOB]);
		assert_noop!(
			Privacy::remove_member(origin(ALICE), network, CHARLIE),
			Error::<Test>::NotMember
		);
	});
}

// ---- remove_network ----

#[test]
fn remove_network_works() {
	build_and_execute(|| {
		let first = create(ALICE);
		let second = create(ALICE);

		assert_ok!(Privacy::remove_network(origin(ALICE), first));
		System::assert_last_event(Event::NetworkRemoved { network: first }.into());
		assert!(!Networks::<Test>::contains_key(first));
		assert_eq!(NetworksOwned::<Test>::get(ALICE), 1);

		assert_ok!(Privacy::remove_network(origin(ALICE), second));
		assert!(!NetworksOwned::<Test>::contains_key(ALICE));
	});
}

#[test]
fn remove_network_fails_with_unknown_network() {
	build_and_execute(|| {
		assert_noop!(Privacy::remove_network(origin(ALICE), 0), Error::<Test>::UnknownNetwork);
	});
}

#[test]
fn remove_network_fails_with_not_network_owner() {
	build_and_execute(|| {
		let network = create(ALICE);
		assert_noop!(Privacy::remove_network(origin(BOB), network), Error::<Test>::NotNetworkOwner);
	});
}

#[test]
fn remove_network_fails_with_network_not_empty() {
	build_and_execute(|| {
		let network = create_with(ALICE, &[BOB]);
		assert_noop!(
			Privacy::remove_network(origin(ALICE), network),
			Error::<Test>::NetworkNotEmpty
		);
	});
}

// ---- trust_network / untrust_network ----

#[test]
fn trust_network_works() {
	build_and_execute(|| {
		let first = create(BOB);
		let second = create(CHARLIE);

		assert_ok!(Privacy::trust_network(origin(ALICE), first));
		System::assert_last_event(Event::NetworkTrusted { owner: ALICE, network: first }.into());
		assert_ok!(Privacy::trust_network(origin(ALICE), second));
		assert_eq!(TrustedNetworks::<Test>::get(ALICE).into_inner(), vec![first, second]);
	});
}

#[test]
fn trust_network_fails_with_unknown_network() {
	build_and_execute(|| {
		assert_noop!(Privacy::trust_network(origin(ALICE), 0), Error::<Test>::UnknownNetwork);
		let network = create(BOB);
		assert_ok!(Privacy::remove_network(origin(BOB), network));
		assert_noop!(Privacy::trust_network(origin(ALICE), network), Error::<Test>::UnknownNetwork);
	});
}

#[test]
fn trust_network_fails_with_already_trusted() {
	build_and_execute(|| {
		let network = create(BOB);
		assert_ok!(Privacy::trust_network(origin(ALICE), network));
		assert_noop!(Privacy::trust_network(origin(ALICE), network), Error::<Test>::AlreadyTrusted);
	});
}

#[test]
fn trust_network_fails_with_too_many_trusted_networks() {
	build_and_execute(|| {
		for owner in 0..u64::from(MAX_TRUSTED_NETWORKS) {
			let network = create(100 + owner);
			assert_ok!(Privacy::trust_network(origin(ALICE), network));
		}
		let one_more = create(BOB);
		assert_noop!(
			Privacy::trust_network(origin(ALICE), one_more),
			Error::<Test>::TooManyTrustedNetworks
		);
	});
}

#[test]
fn untrust_network_works() {
	build_and_execute(|| {
		let first = create(BOB);
		let second = create(CHARLIE);
		assert_ok!(Privacy::trust_network(origin(ALICE), first));
		assert_ok!(Privacy::trust_network(origin(ALICE), second));

		assert_ok!(Privacy::untrust_network(origin(ALICE), first));
		System::assert_last_event(Event::NetworkUntrusted { owner: ALICE, network: first }.into());
		assert_eq!(TrustedNetworks::<Test>::get(ALICE).into_inner(), vec![second]);

		assert_ok!(Privacy::untrust_network(origin(ALICE), second));
		assert!(!TrustedNetworks::<Test>::contains_key(ALICE));
	});
}

#[test]
fn untrust_network_works_for_a_removed_network() {
	build_and_execute(|| {
		let network = create(BOB);
		assert_ok!(Privacy::trust_network(origin(ALICE), network));
		assert_ok!(Privacy::remove_network(origin(BOB), network));
		assert_ok!(Privacy::untrust_network(origin(ALICE), network));
		System::assert_last_event(Event::NetworkUntrusted { owner: ALICE, network }.into());
	});
}

#[test]
fn untrust_network_fails_with_not_trusted() {
	build_and_execute(|| {
		let network = create(BOB);
		assert_noop!(Privacy::untrust_network(origin(ALICE), network), Error::<Test>::NotTrusted);
	});
}

// ---- allow_account / disallow_account ----

#[test]
fn allow_account_works() {
	build_and_execute(|| {
		assert_ok!(Privacy::allow_account(origin(ALICE), BOB));
		System::assert_last_event(Event::AccountAllowed { owner: ALICE, account: BOB }.into());
		assert_ok!(Privacy::allow_account(origin(ALICE), CHARLIE));
		assert!(AllowedAccounts::<Test>::contains_key(ALICE, BOB));
		assert!(AllowedAccounts::<Test>::contains_key(ALICE, CHARLIE));
		assert_eq!(AllowedCount::<Test>::get(ALICE), 2);
	});
}

#[test]
fn allow_account_fails_with_already_allowed() {
	build_and_execute(|| {
		assert_ok!(Privacy::allow_account(origin(ALICE), BOB));
		assert_noop!(Privacy::allow_account(origin(ALICE), BOB), Error::<Test>::AlreadyAllowed);
	});
}

#[test]
fn allow_account_fails_with_too_many_allowed_accounts() {
	build_and_execute(|| {
		for who in 0..u64::from(MAX_ALLOWED_ACCOUNTS) {
			assert_ok!(Privacy::allow_account(origin(ALICE), 100 + who));
		}
		assert_noop!(
			Privacy::allow_account(origin(ALICE), BOB),
			Error::<Test>::TooManyAllowedAccounts
		);
	});
}

#[test]
fn disallow_account_works() {
	build_and_execute(|| {
		assert_ok!(Privacy::allow_account(origin(ALICE), BOB));
		assert_ok!(Privacy::allow_account(origin(ALICE), CHARLIE));

		assert_ok!(Privacy::disallow_account(origin(ALICE), BOB));
		System::assert_last_event(Event::AccountDisallowed { owner: ALICE, account: BOB }.into());
		assert!(!AllowedAccounts::<Test>::contains_key(ALICE, BOB));
		assert_eq!(AllowedCount::<Test>::get(ALICE), 1);

		assert_ok!(Privacy::disallow_account(origin(ALICE), CHARLIE));
		assert!(!AllowedCount::<Test>::contains_key(ALICE));
	});
}

#[test]
fn disallow_account_fails_with_not_allowed() {
	build_and_execute(|| {
		assert_ok!(Privacy::allow_account(origin(BOB), CHARLIE));
		assert_noop!(Privacy::disallow_account(origin(ALICE), CHARLIE), Error::<Test>::NotAllowed);
	});
}

// ---- set_policy ----

#[test]
fn set_policy_works() {
	build_and_execute(|| {
		let asset = asset_of(ALICE);
		let policy = PrivacyPolicy {
			level: PrivacyLevel::P2P,
			max_share: Percent::from_percent(40),
			max_concurrent: MAX_CONCURRENT,
			min_duration: MAX_DURATION,
			max_duration: MAX_DURATION,
			price_per_block: 25,
			profile: ProfileKind::Production,
		};
		assert_ok!(Privacy::set_policy(origin(ALICE), asset, policy.clone()));
		System::assert_last_event(Event::PolicySet { asset, policy: policy.clone() }.into());
		assert_eq!(Policies::<Test>::get(asset), Some(policy.clone()));
		assert_eq!(
			<Privacy as AccessPolicy<_, _, _>>::policy(&asset, ProfileKind::Default),
			policy
		);

		// The smallest valid values.
		let mut smallest = policy_with(PrivacyLevel::FullPublic);
		smallest.max_concurrent = 1;
		smallest.min_duration = 1;
		smallest.max_duration = 1;
		assert_ok!(Privacy::set_policy(origin(ALICE), asset, smallest.clone()));
		assert_eq!(Policies::<Test>::get(asset), Some(smallest));
	});
}

#[test]
fn set_policy_fails_with_profile_below_registration() {
	build_and_execute(|| {
		let asset = TestAssets::register_with_profile(ALICE, ProfileKind::Default);
		let mut policy = policy_with(PrivacyLevel::FullPublic);
		policy.profile = ProfileKind::Testing;
		assert_noop!(
			Privacy::set_policy(origin(ALICE), asset, policy.clone()),
			Error::<Test>::ProfileBelowRegistration
		);
		policy.profile = ProfileKind::Production;
		assert_ok!(Privacy::set_policy(origin(ALICE), asset, policy));
	});
}

#[test]
fn an_allocated_asset_may_raise_its_profile_but_not_lower_it() {
	build_and_execute(|| {
		let asset = asset_of(ALICE);
		TestAssets::allocate(&asset);
		let mut policy = policy_with(PrivacyLevel::FullPublic);
		policy.profile = ProfileKind::Production;
		assert_ok!(Privacy::set_policy(origin(ALICE), asset, policy.clone()));
		// Its consumers were promised the bond Production asks for.
		policy.profile = ProfileKind::Default;
		assert_noop!(
			Privacy::set_policy(origin(ALICE), asset, policy),
			Error::<Test>::ProfileLockedByAllocations
		);
	});
}

#[test]
fn set_policy_fails_with_unknown_asset() {
	build_and_execute(|| {
		let asset = AssetId([9; 32]);
		assert_noop!(
			Privacy::set_policy(origin(ALICE), asset, policy_with(PrivacyLevel::FullPublic)),
			Error::<Test>::UnknownAsset
		);
	});
}

#[test]
fn set_policy_fails_with_not_asset_owner() {
	build_and_execute(|| {
		let asset = asset_of(ALICE);
		assert_noop!(
			Privacy::set_policy(origin(BOB), asset, policy_with(PrivacyLevel::FullPublic)),
			Error::<Test>::NotAssetOwner
		);
	});
}

#[test]
fn set_policy_fails_with_invalid_concurrency() {
	build_and_execute(|| {
		let asset = asset_of(ALICE);
		for max_concurrent in [0, MAX_CONCURRENT + 1, u32::MAX] {
			let mut policy = policy_with(PrivacyLevel::FullPublic);
			policy.max_concurrent = max_concurrent;
			assert_noop!(
				Privacy::set_policy(origin(ALICE), asset, policy),
				Error::<Test>::InvalidConcurrency
			);
		}
	});
}

#[test]
fn set_policy_fails_with_invalid_duration() {
	build_and_execute(|| {
		let asset = asset_of(ALICE);
		// (min_duration, max_duration)
		for (min, max) in
			[(0, 10), (0, 0), (11, 10), (1, MAX_DURATION + 1), (MAX_DURATION + 1, u64::MAX)]
		{
			let mut policy = policy_with(PrivacyLevel::FullPublic);
			policy.min_duration = min;
			policy.max_duration = max;
			assert_noop!(
				Privacy::set_policy(origin(ALICE), asset, policy),
				Error::<Test>::InvalidDuration
			);
		}
	});
}

// ---- AccessPolicy ----

#[test]
fn an_asset_has_the_default_policy_until_its_owner_sets_one() {
	build_and_execute(|| {
		let asset = TestAssets::register(ALICE);
		assert!(!Policies::<Test>::contains_key(asset));
		assert_eq!(
			<Privacy as AccessPolicy<_, _, _>>::policy(&asset, ProfileKind::Production),
			PrivacyPolicy {
				level: PrivacyLevel::Private,
				max_share: Percent::from_percent(100),
				max_concurrent: MAX_CONCURRENT,
				min_duration: 1,
				max_duration: MAX_DURATION,
				price_per_block: 0,
				profile: ProfileKind::Production,
			}
		);
		// The default policy passes the checks `set_policy` makes.
		assert_ok!(Privacy::validate_policy(&Privacy::default_policy(ProfileKind::Testing)));
		// It is private: only the owner may use the asset.
		assert_eq!(Privacy::ensure_access(&asset, &ALICE, &BOB), error(Error::<Test>::OwnerOnly));
		assert_ok!(Privacy::ensure_access(&asset, &ALICE, &ALICE));
		// Setting a policy stores it.
		assert_ok!(Privacy::set_policy(
			origin(ALICE),
			asset,
			policy_with(PrivacyLevel::FullPublic)
		));
		assert!(Policies::<Test>::contains_key(asset));
	});
}

#[test]
fn remove_policy_works() {
	build_and_execute(|| {
		let asset = asset_of(ALICE);
		assert_ok!(Privacy::set_policy(
			origin(ALICE),
			asset,
			policy_with(PrivacyLevel::FullPublic)
		));
		Privacy::remove_policy(&asset);
		assert!(!Policies::<Test>::contains_key(asset));
		// Removing again is harmless.
		Privacy::remove_policy(&asset);
	});
}

/// How a consumer relates to the asset's owner in the access matrix.
#[derive(Clone, Copy, Debug)]
enum Relation {
	/// The owner itself.
	Owner,
	/// A member of a network the owner trusts.
	TrustedMember,
	/// An account the owner allows directly (member of no network).
	Allowed,
	/// A member of a network the owner does not trust, and of no other.
	UntrustedMember,
	/// Member of no network, not allowed.
	Stranger,
}

const RELATIONS: [Relation; 5] = [
	Relation::Owner,
	Relation::TrustedMember,
	Relation::Allowed,
	Relation::UntrustedMember,
	Relation::Stranger,
];

const OWNER: u64 = 1;
const TRUSTED_MEMBER: u64 = 2;
const ALLOWED: u64 = 3;
const UNTRUSTED_MEMBER: u64 = 4;
const STRANGER: u64 = 5;
const TRUSTED_NETWORK_OWNER: u64 = 10;
const UNTRUSTED_NETWORK_OWNER: u64 = 11;

fn account_of(relation: Relation) -> u64 {
	match relation {
		Relation::Owner => OWNER,
		Relation::TrustedMember => TRUSTED_MEMBER,
		Relation::Allowed => ALLOWED,
		Relation::UntrustedMember => UNTRUSTED_MEMBER,
		Relation::Stranger => STRANGER,
	}
}

/// The owner's asset, with one trusted network (one member), one untrusted network (one
/// member) and one directly allowed account.
fn matrix_world() -> AssetId {
	let trusted = create_with(TRUSTED_NETWORK_OWNER, &[TRUSTED_MEMBER]);
	create_with(UNTRUSTED_NETWORK_OWNER, &[UNTRUSTED_MEMBER]);
	assert_ok!(Privacy::trust_network(origin(OWNER), trusted));
	assert_ok!(Privacy::allow_account(origin(OWNER), ALLOWED));
	asset_of(OWNER)
}

#[test]
fn access_matrix() {
	use PrivacyLevel::*;
	const OK: DispatchResult = Ok(());
	let owner_only = error(Error::<Test>::OwnerOnly);
	let not_trusted = error(Error::<Test>::NotInTrustedNetwork);
	let not_peer = error(Error::<Test>::NotAllowedPeer);
	let not_member = error(Error::<Test>::NotNetworkMember);

	#[rustfmt::skip]
	let table: [(PrivacyLevel, [DispatchResult; 5]); 5] = [
		//               owner  trusted member  allowed       untrusted member  stranger
		(Private,        [OK,   owner_only,     owner_only,   owner_only,       owner_only]),
		(PrivateNetwork, [OK,   OK,             not_trusted,  not_trusted,      not_trusted]),
		(P2P,            [OK,   OK,             OK,           not_peer,         not_peer]),
		(PublicNetwork,  [OK,   OK,             not_member,   OK,               not_member]),
		(FullPublic,     [OK,   OK,             OK,           OK,               OK]),
	];
	assert_eq!(table.map(|(level, _)| level), PrivacyLevel::ALL);

	build_and_execute(|| {
		let asset = matrix_world();
		for (level, row) in table {
			assert_ok!(Privacy::set_policy(origin(OWNER), asset, policy_with(level)));
			for (relation, expected) in RELATIONS.into_iter().zip(row) {
				assert_eq!(
					Privacy::ensure_access(&asset, &OWNER, &account_of(relation)),
					expected,
					"level {level:?}, consumer {relation:?}"
				);
			}
		}
	});
}

#[test]
fn a_network_owner_is_not_a_member_of_its_network() {
	build_and_execute(|| {
		let asset = matrix_world();
		assert_ok!(Privacy::set_policy(
			origin(OWNER),
			asset,
			policy_with(PrivacyLevel::PrivateNetwork)
		));
		assert_eq!(
			Privacy::ensure_access(&asset, &OWNER, &TRUSTED_NETWORK_OWNER),
			error(Error::<Test>::NotInTrustedNetwork)
		);
	});
}

#[test]
fn any_trusted_network_grants_access() {
	build_and_execute(|| {
		let asset = asset_of(ALICE);
		assert_ok!(Privacy::set_policy(
			origin(ALICE),
			asset,
			policy_with(PrivacyLevel::PrivateNetwork)
		));
		let mut last = 0;
		for owner in 0..u64::from(MAX_TRUSTED_NETWORKS) {
			last = create(100 + owner);
			assert_ok!(Privacy::trust_network(origin(ALICE), last));
		}
		assert_ok!(Privacy::add_member(
			origin(100 + u64::from(MAX_TRUSTED_NETWORKS) - 1),
			last,
			BOB
		));
		assert_ok!(Privacy::ensure_access(&asset, &ALICE, &BOB));

		assert_ok!(Privacy::untrust_network(origin(ALICE), last));
		assert_eq!(
			Privacy::ensure_access(&asset, &ALICE, &BOB),
			error(Error::<Test>::NotInTrustedNetwork)
		);
	});
}

#[test]
fn access_follows_membership_changes() {
	build_and_execute(|| {
		let asset = asset_of(ALICE);
		let network = create_with(CHARLIE, &[BOB]);
		assert_ok!(Privacy::trust_network(origin(ALICE), network));

		assert_ok!(Privacy::set_policy(origin(ALICE), asset, policy_with(PrivacyLevel::P2P)));
		assert_ok!(Privacy::ensure_access(&asset, &ALICE, &BOB));
		assert_ok!(Privacy::set_policy(
			origin(ALICE),
			asset,
			policy_with(PrivacyLevel::PublicNetwork)
		));
		assert_ok!(Privacy::ensure_access(&asset, &ALICE, &BOB));

		// The network empties and disappears; ALICE still lists it as trusted.
		assert_ok!(Privacy::remove_member(origin(CHARLIE), network, BOB));
		assert_ok!(Privacy::remove_network(origin(CHARLIE), network));
		assert_eq!(TrustedNetworks::<Test>::get(ALICE).into_inner(), vec![network]);

		assert_eq!(
			Privacy::ensure_access(&asset, &ALICE, &BOB),
			error(Error::<Test>::NotNetworkMember)
		);
		assert_ok!(Privacy::set_policy(origin(ALICE), asset, policy_with(PrivacyLevel::P2P)));
		assert_eq!(
			Privacy::ensure_access(&asset, &ALICE, &BOB),
			error(Error::<Test>::NotAllowedPeer)
		);
		assert_ok!(Privacy::set_policy(
			origin(ALICE),
			asset,
			policy_with(PrivacyLevel::PrivateNetwork)
		));
		assert_eq!(
			Privacy::ensure_access(&asset, &ALICE, &BOB),
			error(Error::<Test>::NotInTrustedNetwork)
		);
	});
}

#[test]
fn allowances_are_per_owner() {
	build_and_execute(|| {
		let alices = asset_of(ALICE);
		let daves = asset_of(DAVE);
		assert_ok!(Privacy::set_policy(origin(ALICE), alices, policy_with(PrivacyLevel::P2P)));
		assert_ok!(Privacy::set_policy(origin(DAVE), daves, policy_with(PrivacyLevel::P2P)));
		assert_ok!(Privacy::allow_account(origin(ALICE), BOB));

		assert_ok!(Privacy::ensure_access(&alices, &ALICE, &BOB));
		assert_eq!(
			Privacy::ensure_access(&daves, &DAVE, &BOB),
			error(Error::<Test>::NotAllowedPeer)
		);

		assert_ok!(Privacy::disallow_account(origin(ALICE), BOB));
		assert_eq!(
			Privacy::ensure_access(&alices, &ALICE, &BOB),
			error(Error::<Test>::NotAllowedPeer)
		);
	});
}

#[cfg(feature = "runtime-benchmarks")]
#[test]
fn benchmark_worst_case_access_makes_the_last_trusted_network_the_only_way_in() {
	build_and_execute(|| {
		let asset = TestAssets::register(ALICE);
		// A direct allowance would be a shorter way in; the setup withdraws it.
		assert_ok!(Privacy::allow_account(origin(ALICE), BOB));
		Privacy::benchmark_worst_case_access(&asset, &ALICE, &BOB);

		assert_eq!(Policies::<Test>::get(asset).map(|p| p.level), Some(PrivacyLevel::P2P));
		let trusted = TrustedNetworks::<Test>::get(ALICE);
		assert_eq!(trusted.len(), MAX_TRUSTED_NETWORKS as usize);
		assert_eq!(MembershipCount::<Test>::get(BOB), 1);
		let last = *trusted.last().unwrap();
		assert!(Members::<Test>::contains_key(last, BOB));
		assert!(!AllowedAccounts::<Test>::contains_key(ALICE, BOB));
		assert_ok!(Privacy::ensure_access(&asset, &ALICE, &BOB));

		let last_owner = Networks::<Test>::get(last).unwrap().owner;
		assert_ok!(Privacy::remove_member(origin(last_owner), last, BOB));
		assert_eq!(
			Privacy::ensure_access(&asset, &ALICE, &BOB),
			error(Error::<Test>::NotAllowedPeer)
		);
	});
}

// ---- hooks and state checks ----

#[test]
fn integrity_test_passes() {
	new_test_ext().execute_with(<Privacy as Hooks<u64>>::integrity_test);
}

#[test]
fn try_state_detects_broken_invariants() {
	/// A state with a network 0 of ALICE with member BOB, ALICE trusting it and
	/// allowing CHARLIE.
	fn world() {
		let network = create_with(ALICE, &[BOB]);
		assert_ok!(Privacy::trust_network(origin(ALICE), network));
		assert_ok!(Privacy::allow_account(origin(ALICE), CHARLIE));
		assert_ok!(Privacy::do_try_state());
	}
	let corruptions: Vec<(&str, fn())> = vec![
		("membership count too high", || MembershipCount::<Test>::insert(BOB, 2)),
		("membership count missing", || MembershipCount::<Test>::remove(BOB)),
		("stray membership count", || MembershipCount::<Test>::insert(DAVE, 1)),
		("network member count", || {
			Networks::<Test>::insert(0, NetworkInfo { owner: ALICE, members: 2 })
		}),
		("member of a missing network", || Members::<Test>::insert(5, DAVE, ())),
		("networks owned", || NetworksOwned::<Test>::insert(ALICE, 2)),
		("networks owned missing", || NetworksOwned::<Test>::remove(ALICE)),
		("allowed count", || AllowedCount::<Test>::insert(ALICE, 2)),
		("allowed entry without count", || AllowedAccounts::<Test>::insert(DAVE, BOB, ())),
		("trusted id not handed out", || {
			TrustedNetworks::<Test>::insert(DAVE, BoundedVec::truncate_from(vec![1]))
		}),
		("trusted twice", || {
			TrustedNetworks::<Test>::insert(ALICE, BoundedVec::truncate_from(vec![0, 0]))
		}),
		("empty trusted list", || TrustedNetworks::<Test>::insert(DAVE, BoundedVec::new())),
		("network id beyond next", || NextNetworkId::<Test>::put(0)),
	];
	for (name, corrupt) in corruptions {
		new_test_ext().execute_with(|| {
			world();
			corrupt();
			assert!(Privacy::do_try_state().is_err(), "not detected: {name}");
		});
	}
}

// ---- property tests ----

/// An independent model of networks, trust and allowances, updated only when a call
/// succeeds, to check the pallet's access decisions against.
#[derive(Default)]
struct Model {
	networks: BTreeMap<PrivacyNetworkId, (u64, BTreeSet<u64>)>,
	trusted: BTreeMap<u64, Vec<PrivacyNetworkId>>,
	allowed: BTreeSet<(u64, u64)>,
	next: PrivacyNetworkId,
}

impl Model {
	fn in_trusted_network(&self, owner: u64, consumer: u64) -> bool {
		self.trusted.get(&owner).into_iter().flatten().any(|network| {
			self.networks.get(network).is_some_and(|(_, members)| members.contains(&consumer))
		})
	}

	fn access(&self, level: PrivacyLevel, owner: u64, consumer: u64) -> DispatchResult {
		if owner == consumer {
			return Ok(());
		}
		let granted = match level {
			PrivacyLevel::Private => return error(Error::<Test>::OwnerOnly),
			PrivacyLevel::PrivateNetwork => {
				if self.in_trusted_network(owner, consumer) {
					return Ok(());
				}
				return error(Error::<Test>::NotInTrustedNetwork);
			}
			PrivacyLevel::P2P => {
				self.allowed.contains(&(owner, consumer))
					|| self.in_trusted_network(owner, consumer)
			}
			PrivacyLevel::PublicNetwork => {
				if self.networks.values().any(|(_, members)| members.contains(&consumer)) {
					return Ok(());
				}
				return error(Error::<Test>::NotNetworkMember);
			}
			PrivacyLevel::FullPublic => true,
		};
		if granted {
			Ok(())
		} else {
			error(Error::<Test>::NotAllowedPeer)
		}
	}
}

const ACCOUNTS: u64 = 5;

proptest! {
	#[test]
	fn arbitrary_calls_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..128), who in 0..ACCOUNTS) {
		build_and_execute(|| {
			// Give the decoder something to find.
			create_with(ALICE, &[BOB]);
			asset_of(who);
			if let Ok(call) = crate::Call::<Test>::decode(&mut &bytes[..]) {
				let _ = call.dispatch_bypass_filter(origin(who));
			}
		});
	}

	#[test]
	fn arbitrary_bytes_never_panic_the_decoders(bytes in proptest::collection::vec(any::<u8>(), 0..128)) {
		let _ = PolicyOf::<Test>::decode(&mut &bytes[..]);
		let _ = NetworkInfo::<u64>::decode(&mut &bytes[..]);
		let _ = RuntimeCall::decode(&mut &bytes[..]);
	}

	#[test]
	fn set_policy_accepts_exactly_the_valid_policies(
		max_concurrent in 0..MAX_CONCURRENT + 3,
		min_duration in 0..MAX_DURATION + 3,
		max_duration in 0..MAX_DURATION + 3,
		level in 0..5usize,
		share in 0..=100u8,
		price in any::<u64>(),
	) {
		build_and_execute(|| {
			let asset = asset_of(ALICE);
			let policy = PrivacyPolicy {
				level: PrivacyLevel::ALL[level],
				max_share: Percent::from_percent(share),
				max_concurrent,
				min_duration,
				max_duration,
				price_per_block: price,
				profile: ProfileKind::Default,
			};
			let expected = if !(1..=MAX_CONCURRENT).contains(&max_concurrent) {
				error(Error::<Test>::InvalidConcurrency)
			} else if !(1 <= min_duration && min_duration <= max_duration && max_duration <= MAX_DURATION) {
				error(Error::<Test>::InvalidDuration)
			} else {
				Ok(())
			};
			let result = Privacy::set_policy(origin(ALICE), asset, policy.clone());
			assert_eq!(result, expected);
			if expected.is_ok() {
				assert_eq!(Policies::<Test>::get(asset), Some(policy));
			}
		});
	}

	#[test]
	fn random_calls_keep_invariants_and_match_the_model(
		ops in proptest::collection::vec((0u8..8, 0..ACCOUNTS, 0..ACCOUNTS, 0u32..8), 0..60),
		level in 0..5usize,
	) {
		build_and_execute(|| {
			let mut model = Model::default();
			for (op, actor, other, network) in ops {
				let result = match op {
					0 => Privacy::create_network(origin(actor)),
					1 => Privacy::add_member(origin(actor), network, other),
					2 => Privacy::remove_member(origin(actor), network, other),
					3 => Privacy::remove_network(origin(actor), network),
					4 => Privacy::trust_network(origin(actor), network),
					5 => Privacy::untrust_network(origin(actor), network),
					6 => Privacy::allow_account(origin(actor), other),
					_ => Privacy::disallow_account(origin(actor), other),
				};
				if result.is_ok() {
					match op {
						0 => {
							model.networks.insert(model.next, (actor, BTreeSet::new()));
							model.next += 1;
						}
						1 => { model.networks.get_mut(&network).unwrap().1.insert(other); }
						2 => { model.networks.get_mut(&network).unwrap().1.remove(&other); }
						3 => { model.networks.remove(&network); }
						4 => model.trusted.entry(actor).or_default().push(network),
						5 => model.trusted.entry(actor).or_default().retain(|n| *n != network),
						6 => { model.allowed.insert((actor, other)); }
						_ => { model.allowed.remove(&(actor, other)); }
					}
				}
				assert_ok!(Privacy::do_try_state());
			}

			let level = PrivacyLevel::ALL[level];
			for owner in 0..ACCOUNTS {
				let asset = asset_of(owner);
				assert_ok!(Privacy::set_policy(origin(owner), asset, policy_with(level)));
				for consumer in 0..ACCOUNTS {
					assert_eq!(
						Privacy::ensure_access(&asset, &owner, &consumer),
						model.access(level, owner, consumer),
						"level {level:?}, owner {owner}, consumer {consumer}"
					);
				}
			}
		});
	}
}

/// What `who` holds in record deposits.
fn deposits_of(who: u64) -> u64 {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&HoldReason::RecordDeposit.into(), &who)
}

#[test]
fn every_record_holds_a_deposit_from_its_maker_until_it_is_removed() {
	build_and_execute(|| {
		use frame_support::traits::fungible::Mutate;
		RecordDeposit::set(&10);
		let (owner, truster, member) = (1, 2, 3);
		for who in [owner, truster] {
			assert_ok!(Balances::mint_into(&who, 100));
		}
		let network = create(owner);
		assert_ok!(Privacy::add_member(origin(owner), network, member));
		assert_ok!(Privacy::allow_account(origin(owner), member));
		assert_ok!(Privacy::trust_network(origin(truster), network));
		// The network, its member and the allowance are the owner's records; the
		// trusted entry is the truster's. The member pays nothing for being added.
		assert_eq!((deposits_of(owner), deposits_of(truster), deposits_of(member)), (30, 10, 0));

		assert_ok!(Privacy::untrust_network(origin(truster), network));
		assert_ok!(Privacy::disallow_account(origin(owner), member));
		assert_ok!(Privacy::remove_member(origin(owner), network, member));
		assert_ok!(Privacy::remove_network(origin(owner), network));
		assert_eq!((deposits_of(owner), deposits_of(truster)), (0, 0));
		assert_eq!((Balances::free_balance(owner), Balances::free_balance(truster)), (100, 100));
	});
}

#[test]
fn a_record_nobody_can_pay_for_is_not_made() {
	build_and_execute(|| {
		use frame_support::traits::fungible::Mutate;
		RecordDeposit::set(&10);
		let owner = 1;
		assert_noop!(Privacy::create_network(origin(owner)), Error::<Test>::InsufficientBalance);
		// Enough for the network (and the existential deposit), not for a member.
		assert_ok!(Balances::mint_into(&owner, 15));
		let network = create(owner);
		assert_noop!(
			Privacy::add_member(origin(owner), network, 2),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(Privacy::allow_account(origin(owner), 2), Error::<Test>::InsufficientBalance);
		assert_noop!(
			Privacy::trust_network(origin(owner), network),
			Error::<Test>::InsufficientBalance
		);
	});
}
