//! Records of challenges, audits and proxy nodes, as stored and as served by the runtime API.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::ConstU32;
use sp_runtime::BoundedVec;

use crate::{asset::AssetId, proof::ProfileKind};

/// Identifier of a challenge, unique on the chain.
pub type ChallengeId = u64;

/// A challenge to an asset's provider, by someone else, to prove its plot again.
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
pub struct Challenge<AccountId, Balance, BlockNumber> {
	/// The asset challenged.
	pub asset: AssetId,
	/// Who challenged it.
	pub challenger: AccountId,
	/// The provider challenged: the asset's owner when the challenge was made.
	pub provider: AccountId,
	/// The challenger's deposit, held until the challenge ends.
	pub deposit: Balance,
	/// Block the challenge was made in; its seed comes from the randomness the chain
	/// draws at the start of the next block.
	pub issued_at: BlockNumber,
	/// Last block in which an answer is accepted.
	pub deadline: BlockNumber,
	/// The profile the answer is held to, fixed when the challenge was made (the
	/// asset's, never below the chain's minimum), so that no change made after the
	/// samples are known can weaken it.
	pub profile: ProfileKind,
}

/// The audit a provider's register, heartbeat or spec change opens on its own asset:
/// the asset proves its plot from randomness drawn after the commitment. One per
/// asset at a time; no deposit.
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
pub struct Audit<AccountId, BlockNumber> {
	/// The provider audited: the asset's owner when the audit was opened.
	pub provider: AccountId,
	/// Block the audit was opened in; its seed comes from the randomness the chain
	/// draws at the start of the next block.
	pub issued_at: BlockNumber,
	/// Last block in which an answer is accepted.
	pub deadline: BlockNumber,
	/// The profile the answer is held to, fixed when the audit was opened.
	pub profile: ProfileKind,
}

/// Longest STOQ endpoint, in bytes.
pub const MAX_ENDPOINT_LEN: u32 = 128;
/// A STOQ endpoint, `host:port` in UTF-8.
pub type Endpoint = BoundedVec<u8, ConstU32<MAX_ENDPOINT_LEN>>;

/// A proxy node: forwards consumers' traffic to the providers of assets.
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
pub struct ProxyRecord<Balance, BlockNumber> {
	/// Where the proxy's STOQ endpoint listens.
	pub endpoint: Endpoint,
	/// The bond it holds.
	pub bond: Balance,
	/// Block it registered in.
	pub registered_at: BlockNumber,
	/// Block of its last heartbeat.
	pub last_heartbeat: BlockNumber,
	/// Heartbeats sent since registration.
	pub heartbeats: u32,
}

/// What a global address resolves to.
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
pub struct Resolution<AccountId> {
	/// The asset at the address.
	pub asset: AssetId,
	/// Its provider.
	pub provider: AccountId,
	/// The provider's STOQ endpoint, if it declared one.
	pub endpoint: Option<Endpoint>,
}
