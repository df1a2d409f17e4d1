//! # HyperMesh runtime
//!
//! The FRAME runtime of the HyperMesh chain, compiled to WASM and executed by
//! every node. It composes the consensus pallets (Aura block production,
//! GRANDPA finality), accounts and the CAES token (Balances, TransactionPayment)
//! and Sudo, and the HyperMesh pallets (asset registry, four proofs, privacy,
//! proxy) from index 10.
//!
//! - [`configs`]: one `impl Config` per pallet.
//! - [`apis`]: the runtime APIs nodes and clients call.
//! - [`genesis_config_presets`]: the `dev` and `local_testnet` presets used by the chain specs.
//! - `signing` (std): signed transactions as wallets build them.

#![cfg_attr(not(feature = "std"), no_std)]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
pub mod migrations;
#[cfg(feature = "std")]
pub mod signing;

extern crate alloc;

use alloc::vec::Vec;

use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use pallet_asset_registry::Call as AssetRegistryCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_four_proof::Call as FourProofCall;
pub use pallet_mesh_proxy::Call as MeshProxyCall;
pub use pallet_privacy::Call as PrivacyCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Types the node uses without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
}

impl_opaque_keys! {
	/// The session keys of a validator: Aura for authoring, GRANDPA for finality.
	pub struct SessionKeys {
		/// Block authoring key.
		pub aura: Aura,
		/// Finality voting key.
		pub grandpa: Grandpa,
	}
}

/// The version of this runtime; `spec_version` rises with every release.
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("hypermesh"),
	impl_name: alloc::borrow::Cow::Borrowed("hypermesh-node"),
	authoring_version: 1,
	spec_version: 104,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 4,
	system_version: 1,
};

/// Target time between blocks. Short slots let GRANDPA finalize each block
/// soon after it is imported (see the README's section on finality).
pub const MILLI_SECS_PER_BLOCK: u64 = 3000;

/// Aura slot duration. It cannot change once a chain has started.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// Smallest unit count of one CAES: the token has 12 decimals.
pub const CAES: Balance = 1_000_000_000_000;
/// One thousandth of a CAES.
pub const MILLI_CAES: Balance = CAES / 1_000;
/// One millionth of a CAES.
pub const MICRO_CAES: Balance = CAES / 1_000_000;

/// The token symbol shown by wallets and explorers.
pub const TOKEN_SYMBOL: &str = "CAES";
/// The number of decimals of the token.
pub const TOKEN_DECIMALS: u8 = 12;
/// The SS58 address prefix (42: the generic Substrate prefix).
pub const SS58_PREFIX: u16 = 42;

/// Minimum balance an account must hold to exist.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_CAES;

/// The signature type of transactions: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;

/// An account identifier: the public key of the signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// Balance of an account, in the smallest CAES unit.
pub type Balance = u128;

/// Number of transactions an account has sent.
pub type Nonce = u32;

/// A block or state hash.
pub type Hash = sp_core::H256;

/// A block number.
pub type BlockNumber = u32;

/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;

/// Block header type.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// Block type.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The transaction extensions: exactly the standard FRAME set, so every
/// Substrate signer (Polkadot.js, polkadot-api, subxt, py-substrate-interface,
/// hardware wallets) builds transactions without custom types.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Extrinsic type as submitted by clients.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload that is signed for a transaction.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Migrations run on runtime upgrade, beyond those the pallets declare.
type Migrations = (
	migrations::RenameMeshProxy,
	pallet_asset_registry::migrations::v1::MigrateToV1<Runtime>,
	pallet_four_proof::migrations::v1::MigrateToV1<
		Runtime,
		configs::hypermesh::GenesisProfiles,
		configs::hypermesh::UpgradeMinimumProfile,
	>,
	pallet_four_proof::migrations::v2::MigrateToV2<Runtime>,
	pallet_asset_registry::migrations::v2::MigrateToV2<Runtime>,
	pallet_four_proof::migrations::v3::MigrateToV3<Runtime, configs::hypermesh::GenesisProfiles>,
	pallet_four_proof::migrations::v4::MigrateToV4<Runtime>,
);

/// Executive: dispatches blocks and transactions to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// The runtime: pallet indices are fixed once released and never reordered.
#[frame_support::runtime]
mod runtime {
	/// The HyperMesh runtime.
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	/// Accounts, blocks and events.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	/// On-chain time, set by the block author.
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	/// Aura: round-robin block authoring.
	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	/// GRANDPA: deterministic finality.
	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	/// The CAES token.
	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	/// Transaction fees.
	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	/// Root access for the chain's governance key.
	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	/// Computing assets: registration, allocation, release.
	#[runtime::pallet_index(10)]
	pub type AssetRegistry = pallet_asset_registry;

	/// The four proofs, provider bonds, challenges and slashing.
	#[runtime::pallet_index(11)]
	pub type FourProof = pallet_four_proof;

	/// Privacy policies, networks and the access check.
	#[runtime::pallet_index(12)]
	pub type Privacy = pallet_privacy;

	/// Global address resolution and proxy nodes.
	#[runtime::pallet_index(13)]
	pub type MeshProxy = pallet_mesh_proxy;
}

#[cfg(test)]
mod tests;
