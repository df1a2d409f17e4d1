//! Types stored and used by the privacy pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::traits::fungible;
use frame_system::pallet_prelude::BlockNumberFor;
use hypermesh_primitives::PrivacyPolicy;
use scale_info::TypeInfo;
use sp_runtime::traits::StaticLookup;

use crate::Config;

/// The balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A policy with the runtime's balance and block number types.
pub type PolicyOf<T> = PrivacyPolicy<BalanceOf<T>, BlockNumberFor<T>>;

/// The form in which calls name an account (an address the runtime resolves).
pub type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;

/// A privacy network as stored.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct NetworkInfo<AccountId> {
	/// The account that created the network and manages its members.
	pub owner: AccountId,
	/// Number of members.
	pub members: u32,
}

/// Sets up what the benchmarks need from the pallet's collaborators.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes an asset owned by `owner` that `Config::Assets` knows, and returns its id.
	/// The asset may or may not already have a policy.
	fn create_asset(owner: &AccountId) -> hypermesh_primitives::AssetId;
}
