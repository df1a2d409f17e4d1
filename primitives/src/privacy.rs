//! Privacy levels and per-asset policies.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::Percent;

use crate::proof::ProfileKind;

/// Identifier of a privacy network (a group of accounts).
pub type PrivacyNetworkId = u32;

/// Who may allocate an asset.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum PrivacyLevel {
	/// The owner only.
	#[codec(index = 0)]
	Private,
	/// Members of the networks the owner trusts.
	#[codec(index = 1)]
	PrivateNetwork,
	/// Accounts the owner allows directly, and members of the networks it trusts.
	#[codec(index = 2)]
	P2P,
	/// Members of any registered network.
	#[codec(index = 3)]
	PublicNetwork,
	/// Anyone.
	#[codec(index = 4)]
	FullPublic,
}

impl PrivacyLevel {
	/// Every level, from most to least private.
	pub const ALL: [PrivacyLevel; 5] = [
		PrivacyLevel::Private,
		PrivacyLevel::PrivateNetwork,
		PrivacyLevel::P2P,
		PrivacyLevel::PublicNetwork,
		PrivacyLevel::FullPublic,
	];
}

/// The rules an asset's owner sets for its use.
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
pub struct PrivacyPolicy<Balance, BlockNumber> {
	/// Who may allocate.
	pub level: PrivacyLevel,
	/// The largest total share that may be allocated at once (0–100 %).
	pub max_share: Percent,
	/// The most allocations that may be active at once.
	pub max_concurrent: u32,
	/// The shortest allocation, in blocks.
	pub min_duration: BlockNumber,
	/// The longest allocation, in blocks.
	pub max_duration: BlockNumber,
	/// Price of the whole asset for one block; a share pays its fraction.
	pub price_per_block: Balance,
	/// The requirement profile the asset's proofs must meet.
	pub profile: ProfileKind,
}
