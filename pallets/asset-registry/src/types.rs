//! Types used by the asset registry.

use frame_support::traits::fungible;
use frame_system::pallet_prelude::BlockNumberFor;
use hypermesh_primitives::{
	traits::ProofContext, Allocation, AssetRecord, PrivacyPolicy, ProofBundle,
};
use sp_runtime::traits::StaticLookup;

use crate::Config;

/// The balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// An asset record with the runtime's types.
pub type AssetRecordOf<T> = AssetRecord<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// An allocation with the runtime's types.
pub type AllocationOf<T> =
	Allocation<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// A proof bundle with the runtime's types.
pub type ProofBundleOf<T> = ProofBundle<BalanceOf<T>, BlockNumberFor<T>>;

/// A proof context with the runtime's types.
pub type ProofContextOf<T> = ProofContext<<T as frame_system::Config>::AccountId>;

/// A privacy policy with the runtime's types.
pub type PolicyOf<T> = PrivacyPolicy<BalanceOf<T>, BlockNumberFor<T>>;

/// The form in which calls name an account (an address the runtime resolves).
pub type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;

/// The outcome of settling an allocation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Settlement<Balance, BlockNumber> {
	/// Moved from the consumer's hold to the owner.
	pub paid: Balance,
	/// Released from the consumer's hold back to the consumer.
	pub refunded: Balance,
	/// Blocks of the allocation in which the asset did not serve (Failed, or past its
	/// liveness window); the consumer paid nothing for them.
	pub unserved: BlockNumber,
}

/// Prepares what the benchmarks need from the pallet's collaborators. The runtime
/// implements it with the four-proof and privacy pallets, so that the benchmarks measure
/// the real proof verification and access check.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Balance, BlockNumber> {
	/// Funds `who` and bonds what `profile` requires of a provider.
	fn prepare_provider(who: &AccountId, profile: hypermesh_primitives::ProfileKind);

	/// Builds the plot of `asset` as `profile` requires, and returns its
	/// commitment and number of sectors.
	fn plot(
		asset: &hypermesh_primitives::AssetId,
		profile: hypermesh_primitives::ProfileKind,
	) -> (sp_core::H256, u32);

	/// A bundle that verifies for `context` in the current block, anchored at the parent
	/// block (the helper may record that block's hash), with the plot
	/// [`plot`](Self::plot) built.
	fn bundle(context: &ProofContext<AccountId>) -> ProofBundle<Balance, BlockNumber>;

	/// Answers correctly the audit that registering or a heartbeat opened on `owner`'s
	/// `asset` in this block, as the provider would in the next one: the asset is
	/// then in service, live from now, with no audit open.
	fn pass_audit(owner: &AccountId, asset: &hypermesh_primitives::AssetId);

	/// Makes `consumer`'s access check on `owner`'s `asset` take its costliest path, and
	/// leaves the asset with a policy that admits allocations (a positive maximum share
	/// and concurrency, a maximum duration of at least one block). A positive price per
	/// block lets the benchmarks cover the payment hold.
	fn prepare_worst_case_access(
		asset: &hypermesh_primitives::AssetId,
		owner: &AccountId,
		consumer: &AccountId,
	);
}
