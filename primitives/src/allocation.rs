//! Allocations: a consumer's share of an asset for a number of blocks.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::Percent;

use crate::asset::AssetId;

/// Identifier of an allocation, unique on the chain.
pub type AllocationId = u64;

/// An active allocation. Released and expired allocations are settled and
/// removed from storage; their events remain.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct Allocation<AccountId, Balance, BlockNumber> {
	/// Who uses the share.
	pub consumer: AccountId,
	/// The asset allocated.
	pub asset: AssetId,
	/// The share of the asset's capacity.
	pub share: Percent,
	/// Block the allocation started.
	pub start: BlockNumber,
	/// Block at which it expires by itself.
	pub expires_at: BlockNumber,
	/// The payment held from the consumer for the whole duration.
	pub price: Balance,
	/// The asset's count of unserved blocks ([`AssetRecord::unserved_blocks`]) when
	/// the allocation started; settlement refunds the unserved blocks since.
	///
	/// [`AssetRecord::unserved_blocks`]: crate::AssetRecord::unserved_blocks
	pub unserved_at_start: BlockNumber,
}
