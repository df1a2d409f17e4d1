//! [`ParentBlockHash`]: challenge randomness for a chain without a VRF.

use core::marker::PhantomData;

use frame_support::traits::Randomness;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{Hash, One, Saturating};

/// Randomness from the parent block's hash, mixed with the subject. It becomes
/// known when the parent block is sealed, so it suits [`Config::Randomness`]: a
/// challenge made in a block is seeded with the hash of that very block. Its
/// weakness is the author of that block, who can try a few orderings of the
/// block's extrinsics for a hash it likes; a VRF (BABE's per-block randomness)
/// removes that choice.
///
/// [`Config::Randomness`]: crate::Config::Randomness
pub struct ParentBlockHash<T>(PhantomData<T>);

impl<T: frame_system::Config> Randomness<T::Hash, BlockNumberFor<T>> for ParentBlockHash<T> {
	fn random(subject: &[u8]) -> (T::Hash, BlockNumberFor<T>) {
		let parent = frame_system::Pallet::<T>::parent_hash();
		let known_since = frame_system::Pallet::<T>::block_number().saturating_sub(One::one());
		(T::Hashing::hash_of(&(subject, parent)), known_since)
	}
}
