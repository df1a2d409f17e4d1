//! How the HyperMesh pallets cooperate. Each trait is implemented by one pallet
//! and used by others; the runtime wires them in `configs`. No pallet touches
//! another's storage.

use sp_core::H256;
use sp_runtime::DispatchResult;

use crate::{
	address::GlobalAddress,
	asset::{AssetClass, AssetId, AssetRecord, CapacitySpec},
	privacy::PrivacyPolicy,
	proof::{Operation, ProfileKind, ProofBundle},
};

/// What the proof verifier needs to know about the provider operation being
/// proved.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ProofContext<AccountId> {
	/// The operation.
	pub operation: Operation,
	/// The signer.
	pub who: AccountId,
	/// The asset operated on.
	pub asset: AssetId,
	/// Its owner (the provider).
	pub owner: AccountId,
	/// The plot commitment: from the call for register, else the asset's.
	pub commitment: H256,
	/// Sectors in that plot.
	pub plot_sectors: u32,
	/// The asset's class.
	pub class: AssetClass,
	/// The asset's declared capacity in class units (for update_spec, the new one).
	pub capacity_units: u64,
	/// The profile the proofs are held to.
	pub profile: ProfileKind,
}

/// Verifies the proof bundles of provider operations (implemented by the
/// four-proof pallet).
pub trait ProofVerifier<AccountId, Balance, BlockNumber> {
	/// Checks the proofs of `bundle` for `context`, consumes the bundle's nonce,
	/// commits the signer's bond to the asset (the asset's bond for its class and
	/// capacity, with the bonds of its other assets, must be covered by its stake),
	/// and opens an audit of the asset's plot: a challenge against its owner whose
	/// randomness is drawn in a later block, so the space proof is sampled only after
	/// the commitment is on chain. Fails with the verifier's error naming the first
	/// check that failed.
	fn verify(
		context: &ProofContext<AccountId>,
		bundle: &ProofBundle<Balance, BlockNumber>,
	) -> DispatchResult;

	/// Whether `owner` stands behind `asset`, of `spec` and held to `profile`, as a
	/// provider must: not banned, the asset's bond under that profile (never less
	/// than the chain's minimum) committed to it by a proof, and its stake covering
	/// the bonds of all its assets. Allocation asks it, so nobody pays for an asset
	/// whose bond could not cover a slash.
	fn ensure_stake(
		owner: &AccountId,
		asset: &AssetId,
		spec: &CapacitySpec,
		profile: ProfileKind,
	) -> DispatchResult;

	/// Frees the bond committed to `asset` (retired, or passed to a new owner, who
	/// commits its own with its next proof). The bond stays held: its owner unbonds
	/// it.
	fn release_bond(asset: &AssetId);
}

/// Read access to assets, and the changes other pallets may ask for (implemented
/// by the asset registry).
pub trait AssetInspect<AccountId, BlockNumber> {
	/// The record of `asset`.
	fn asset(asset: &AssetId) -> Option<AssetRecord<AccountId, BlockNumber>>;
	/// The asset at `address`.
	fn asset_by_address(address: &GlobalAddress) -> Option<AssetId>;
	/// Marks `asset` Failed after a lost challenge.
	fn mark_failed(asset: &AssetId) -> DispatchResult;
	/// Records that `asset` answered a challenge correctly: its liveness starts
	/// again from now, and an Unproven or Failed asset enters service.
	fn mark_proven(asset: &AssetId) -> DispatchResult;
}

/// Privacy policies and the access check (implemented by the privacy pallet).
pub trait AccessPolicy<AccountId, Balance, BlockNumber> {
	/// The policy of `asset`, registered at profile `registered`: the one its owner
	/// set, or else the default (Private, at `registered`). A new asset has the
	/// default without anything being stored.
	fn policy(asset: &AssetId, registered: ProfileKind) -> PrivacyPolicy<Balance, BlockNumber>;
	/// Drops the policy of a retired asset.
	fn remove_policy(asset: &AssetId);
	/// Whether `consumer` may allocate `owner`'s `asset`; the error names the reason.
	fn ensure_access(asset: &AssetId, owner: &AccountId, consumer: &AccountId) -> DispatchResult;
}

/// Provider standing (implemented by the four-proof pallet).
pub trait ProviderStanding<AccountId> {
	/// Challenges `who` has lost.
	fn failed_challenges(who: &AccountId) -> u32;
	/// Whether `who` is banned from providing.
	fn is_banned(who: &AccountId) -> bool;
}

/// Open challenges (implemented by the four-proof pallet).
pub trait ChallengeInspect {
	/// How many challenges against `asset` are open.
	fn open_challenges(asset: &AssetId) -> u32;
}
