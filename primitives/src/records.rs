//! Records of challenges and proxy nodes, as stored and as served by the runtime API.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::{ConstU32, H256};
use sp_runtime::BoundedVec;

use crate::{asset::AssetId, proof::ProfileKind};

/// Identifier of a challenge, unique on the chain.
pub type ChallengeId = u64;

/// A challenge to an asset's provider to prove its plot again.
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
	/// The challenger's deposit, held until the challenge ends.
	pub deposit: Balance,
	/// The randomness that selects the labels to answer: drawn by the chain in the
	/// block after the challenge was made (`None` until then), so that nobody knew it
	/// when the plot was committed or the challenge sent.
	pub seed: Option<H256>,
	/// Block the challenge was made in.
	pub issued_at: BlockNumber,
	/// Last block in which an answer is accepted.
	pub deadline: BlockNumber,
	/// The profile the answer is held to, fixed when the challenge was made (the
	/// asset's, never below the chain's minimum), so that no change made after the
	/// samples are known can weaken it.
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
