//! Migrations of the runtime itself (the pallets' own are in their crates).

use frame_support::{
	storage::{migration::move_pallet, KeyPrefixIterator},
	traits::{OnRuntimeUpgrade, PalletInfoAccess},
	weights::Weight,
	StorageHasher, Twox128,
};

use crate::{MeshProxy, Runtime};

/// The name the mesh proxy pallet had until spec 104: that of FRAME's own proxy
/// pallet, which wallets such as Polkadot.js apps query by that name.
pub const OLD_MESH_PROXY_NAME: &[u8] = b"Proxy";

/// Moves the mesh proxy pallet's storage from its old name to `MeshProxy`, once: a
/// chain that never stored anything under the old name (every chain after the move)
/// reads one key and writes nothing.
pub struct RenameMeshProxy;

impl OnRuntimeUpgrade for RenameMeshProxy {
	fn on_runtime_upgrade() -> Weight {
		let db = <Runtime as frame_system::Config>::DbWeight::get();
		let prefix = Twox128::hash(OLD_MESH_PROXY_NAME);
		let stored = KeyPrefixIterator::new(prefix.to_vec(), prefix.to_vec(), |_| Ok(()));
		let keys = u64::try_from(stored.count()).unwrap_or(u64::MAX);
		if keys == 0 {
			return db.reads(1);
		}
		move_pallet(OLD_MESH_PROXY_NAME, MeshProxy::name().as_bytes());
		db.reads_writes(keys.saturating_mul(2).saturating_add(1), keys.saturating_mul(2))
	}
}
