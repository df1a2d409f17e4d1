//! The `HyperMeshApi` runtime API: what nodes, RPC and tools read from the chain.

use alloc::vec::Vec;

use codec::Codec;

use crate::{
	address::GlobalAddress,
	allocation::{Allocation, AllocationId},
	asset::{AssetClass, AssetId, AssetRecord},
	privacy::PrivacyPolicy,
	proof::{ProfileKind, RequirementProfile},
	records::{Audit, Challenge, ChallengeId, ProxyRecord, Resolution},
};
use sp_core::H256;

sp_api::decl_runtime_apis! {
	/// Queries over assets, allocations, policies, proxies and challenges.
	///
	/// Version 2: asset records count unserved blocks, allocations record the
	/// unserved count at their start, challenges carry an optional seed and their
	/// profile, requirement profiles carry unit bonds by class, and
	/// `requirement_profile` returns `None` for a profile the chain does not define.
	///
	/// Version 3: audits are apart from challenges (`audit`); a challenge records its
	/// provider, and `open_challenges` returns each challenge's seed beside it.
	#[api_version(3)]
	pub trait HyperMeshApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// The id the next asset of `class` registered by `owner` will get.
		fn next_asset_id(owner: AccountId, class: AssetClass) -> AssetId;
		/// The record of an asset.
		fn asset(id: AssetId) -> Option<AssetRecord<AccountId, BlockNumber>>;
		/// What a global address resolves to: asset, provider, STOQ endpoint.
		fn resolve(address: GlobalAddress) -> Option<Resolution<AccountId>>;
		/// The assets an account owns.
		fn assets_by_owner(owner: AccountId) -> Vec<AssetId>;
		/// The active allocations of an asset.
		fn allocations(asset: AssetId) -> Vec<(AllocationId, Allocation<AccountId, Balance, BlockNumber>)>;
		/// The privacy policy of an asset (the default one until its owner sets one);
		/// `None` for an asset that does not exist.
		fn policy(asset: AssetId) -> Option<PrivacyPolicy<Balance, BlockNumber>>;
		/// Up to `count` proxies for `consumer`, best trust score first.
		fn best_proxies(consumer: AccountId, count: u32) -> Vec<(AccountId, ProxyRecord<Balance, BlockNumber>, u32)>;
		/// Challenges of an asset that are still open, each with its seed once drawn
		/// (the block after the challenge).
		fn open_challenges(asset: AssetId) -> Vec<(ChallengeId, Challenge<AccountId, Balance, BlockNumber>, Option<H256>)>;
		/// The open audit of an asset, with its seed once drawn (the block after the
		/// audit was opened).
		fn audit(asset: AssetId) -> Option<(Audit<AccountId, BlockNumber>, Option<H256>)>;
		/// The last proof nonce accepted from an account (bundles need the next one).
		fn proof_nonce(who: AccountId) -> u64;
		/// What a requirement profile asks for, if the chain defines it.
		fn requirement_profile(kind: ProfileKind) -> Option<RequirementProfile<Balance>>;
	}
}
