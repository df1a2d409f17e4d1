//! Content-addressed storage chunks.

use std::collections::HashMap;

use blake2::digest::{consts::U32, Digest};
use blake2::Blake2b;
use bytes::Bytes;

use crate::payload::Payload;

/// Errors of the chunk store.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChunkError {
	/// The chunk's bytes hash to something other than the claimed hash.
	#[error("chunk hashes to {actual}, not {claimed}")]
	HashMismatch {
		/// Hash named by the request.
		claimed: ContentHash,
		/// Hash of the bytes received.
		actual: ContentHash,
	},
	/// No chunk with this hash is stored.
	#[error("chunk {0} not found")]
	NotFound(ContentHash),
	/// Storing the chunk would exceed the store's capacity.
	#[error("chunk store full: {needed} bytes needed, {free} free")]
	Full {
		/// Size of the chunk.
		needed: u64,
		/// Bytes left.
		free: u64,
	},
}

/// BLAKE2b-256 of a chunk's bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentHash(pub [u8; 32]);

impl ContentHash {
	/// Hashes `data`.
	pub fn of(data: &[u8]) -> Self {
		Self::of_pieces([data])
	}

	/// Hashes the concatenation of `pieces`.
	pub fn of_pieces<'a>(pieces: impl IntoIterator<Item = &'a [u8]>) -> Self {
		let mut hasher = Blake2b::<U32>::new();
		for piece in pieces {
			hasher.update(piece);
		}
		Self(hasher.finalize().into())
	}
}

impl core::fmt::Display for ContentHash {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		for byte in &self.0 {
			write!(f, "{byte:02x}")?;
		}
		Ok(())
	}
}

impl core::fmt::Debug for ContentHash {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "ContentHash({self})")
	}
}

/// A chunk whose bytes are known to hash to its claimed [`ContentHash`].
///
/// Verifying is the expensive part of storing a chunk; doing it here, apart
/// from the store, lets a shared store stay locked only for the insertion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedChunk {
	hash: ContentHash,
	data: Bytes,
}

impl VerifiedChunk {
	/// Checks that `data` hashes to `claimed`, and copies it into a buffer of
	/// its own: the received pieces may share larger allocations, which a
	/// stored chunk must not keep alive.
	pub fn new(claimed: ContentHash, data: &Payload) -> Result<Self, ChunkError> {
		let actual = ContentHash::of_pieces(data.pieces().map(|piece| &piece[..]));
		if actual != claimed {
			return Err(ChunkError::HashMismatch { claimed, actual });
		}
		Ok(Self { hash: claimed, data: data.to_vec().into() })
	}

	/// The chunk's content hash.
	pub fn hash(&self) -> ContentHash {
		self.hash
	}
}

/// An in-memory content-addressed chunk store with a byte capacity.
#[derive(Debug, Default)]
pub struct ChunkStore {
	chunks: HashMap<ContentHash, Bytes>,
	used: u64,
	capacity: u64,
}

impl ChunkStore {
	/// An empty store holding at most `capacity` bytes.
	pub fn new(capacity: u64) -> Self {
		Self { chunks: HashMap::new(), used: 0, capacity }
	}

	/// Stores a verified chunk.
	///
	/// Storing a chunk that is already present succeeds without using space.
	pub fn put(&mut self, chunk: VerifiedChunk) -> Result<(), ChunkError> {
		if self.chunks.contains_key(&chunk.hash) {
			return Ok(());
		}
		let needed = chunk.data.len() as u64;
		let free = self.capacity.saturating_sub(self.used);
		if needed > free {
			return Err(ChunkError::Full { needed, free });
		}
		self.used += needed;
		self.chunks.insert(chunk.hash, chunk.data);
		Ok(())
	}

	/// The chunk stored under `hash`.
	pub fn get(&self, hash: &ContentHash) -> Result<Bytes, ChunkError> {
		self.chunks.get(hash).cloned().ok_or(ChunkError::NotFound(*hash))
	}

	/// Bytes held.
	pub fn used(&self) -> u64 {
		self.used
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn put_get_and_checks() {
		let mut store = ChunkStore::new(10);
		let data = Payload::from(&b"chunk"[..]);
		let hash = ContentHash::of(b"chunk");
		let chunk = VerifiedChunk::new(hash, &data).unwrap();
		assert_eq!(chunk.hash(), hash);
		store.put(chunk.clone()).unwrap();
		store.put(chunk).unwrap();
		assert_eq!(store.used(), 5);
		assert_eq!(store.get(&hash), Ok(data.to_bytes()));
		let other = ContentHash::of(b"other");
		assert_eq!(store.get(&other), Err(ChunkError::NotFound(other)));
		assert!(matches!(
			VerifiedChunk::new(other, &b"not other"[..].into()),
			Err(ChunkError::HashMismatch { .. })
		));
		let big = VerifiedChunk::new(ContentHash::of(b"too big"), &b"too big"[..].into()).unwrap();
		assert_eq!(store.put(big), Err(ChunkError::Full { needed: 7, free: 5 }));
	}
}
