//! Types of the four-proof pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::traits::fungible;
use frame_system::pallet_prelude::BlockNumberFor;
use hypermesh_primitives::{Audit, Challenge, ProofBundle};
use scale_info::TypeInfo;
use sp_core::H256;

use crate::Config;

/// The balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A challenge as this runtime stores it.
pub type ChallengeOf<T> =
	Challenge<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// An audit as this runtime stores it.
pub type AuditOf<T> = Audit<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// The randomness drawn at the start of a block for the challenges and audits
/// opened in the block before it.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum BlockSeed {
	/// Randomness nobody knew when the block was built: each challenge's and
	/// audit's seed is derived from it.
	#[codec(index = 0)]
	Drawn(H256),
	/// The source returned randomness known before the block was built: the
	/// block's challenges and audits are cancelled, without slash. Kept for good,
	/// so that an audit closed late is still cancelled.
	#[codec(index = 1)]
	Stale,
}

/// A proof bundle as this runtime verifies it.
pub type ProofBundleOf<T> = ProofBundle<BalanceOf<T>, BlockNumberFor<T>>;

/// Why a challenge was lost by the provider.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum FailureReason {
	/// The provider answered, but the sampled sectors or the work were wrong.
	#[codec(index = 0)]
	WrongAnswer,
	/// No answer arrived before the deadline.
	#[codec(index = 1)]
	Missed,
}

/// Creates the assets the pallet's benchmarks challenge. The runtime implements
/// it with the asset registry; the mock with its asset double.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// The id the next asset created by [`Self::create_asset`] for `owner` gets
	/// (the plot seed depends on it, so the plot is built before the asset).
	fn next_asset_id(owner: &AccountId) -> hypermesh_primitives::AssetId;

	/// Creates an Available asset owned by `owner` with id
	/// [`Self::next_asset_id`], at least
	/// [`MAX_WORK_SOLUTIONS`](hypermesh_primitives::proof::MAX_WORK_SOLUTIONS)
	/// capacity units (the most work an answer shows), plot `commitment` of
	/// `plot_sectors` sectors, held to `profile`, with a heartbeat in the current
	/// block. Returns its id.
	fn create_asset(
		owner: &AccountId,
		commitment: sp_core::H256,
		plot_sectors: u32,
		profile: hypermesh_primitives::ProfileKind,
	) -> hypermesh_primitives::AssetId;

	/// Makes `asset`'s plot the one with `commitment` and `plot_sectors` sectors
	/// (to answer at the deepest Merkle path with a plot built after the seed).
	fn set_plot(
		asset: &hypermesh_primitives::AssetId,
		commitment: sp_core::H256,
		plot_sectors: u32,
	);
}
