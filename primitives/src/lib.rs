//! # HyperMesh primitives
//!
//! Types and traits shared by the HyperMesh runtime, its pallets, the node and
//! provider-side tools. Everything here is `no_std`, SCALE-encoded, described
//! by `TypeInfo` and of bounded size (`MaxEncodedLen`).
//!
//! - [`asset`]: [`AssetId`] and its text form `hm:<class>:<hex>`, [`AssetClass`],
//!   [`CapacitySpec`], [`AssetState`], [`AssetRecord`].
//! - [`address`]: [`GlobalAddress`], an IPv6 unique-local address per asset.
//! - [`allocation`]: [`Allocation`] of a share of an asset to a consumer.
//! - [`privacy`]: [`PrivacyLevel`] and [`PrivacyPolicy`].
//! - [`proof`]: the [`ProofBundle`] with its four proofs, requirement profiles,
//!   and the work arithmetic provers and verifier share.
//! - [`space`]: the proof of space: plots of labels, sampling and its check.
//! - [`prover`]: building plots, answering samples and solving work.
//! - [`records`]: challenges, proxy nodes and address resolutions.
//! - [`traits`]: how the pallets cooperate.
//! - [`api`]: the `HyperMeshApi` runtime API.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub mod address;
pub mod allocation;
pub mod api;
pub mod asset;
pub mod privacy;
pub mod proof;
pub mod prover;
pub mod records;
pub mod space;
pub mod traits;

pub use address::{GlobalAddress, MeshNetworkId};
pub use allocation::{Allocation, AllocationId};
pub use asset::{
	AssetClass, AssetId, AssetRecord, AssetState, AssetUri, AssetUriError, CapacitySpec,
};
pub use privacy::{PrivacyLevel, PrivacyNetworkId, PrivacyPolicy};
pub use proof::{
	Operation, ProfileKind, ProofBundle, RequirementProfile, SpaceProof, StakeProof, TimeProof,
	UnitBonds, WorkProof, WorkRequirement,
};
pub use records::{Audit, Challenge, ChallengeId, Endpoint, ProxyRecord, Resolution};
pub use space::{LabelOpening, SampleAnswer};
