//! Remote-memory regions: the state behind Read, Write, CompareAndSwap,
//! AtomicAdd, Fence, Prefetch, Map, Unmap and Sync.
//!
//! A [`RegionTable`] is shared by every connection of a provider. Each region
//! has its own lock, held for the whole of one operation: operations on one
//! region are serialised, which makes each of them — compare-and-swap
//! included — atomic with respect to every other on that region, while
//! operations on different regions run in parallel. The table's own lock is
//! held only to look a region up, map or unmap it. Regions live in the
//! provider's memory, so Fence and Sync complete as soon as the operations
//! already under way on the region have been applied.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use bytes::Bytes;

use crate::code::ErrorCode;
use crate::limits::Limits;
use crate::message::{Request, Response};
use crate::token::{AccessToken, Rights, TokenAuthority, TokenError};

/// Errors of remote-memory operations.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MemoryError {
	/// The token was refused.
	#[error("access denied: {0}")]
	Token(#[from] TokenError),
	/// The token's region is not mapped.
	#[error("region {0} is not mapped")]
	NoRegion(u64),
	/// `Map` named a region that is already mapped.
	#[error("region {0} is already mapped")]
	RegionExists(u64),
	/// The range falls outside the region.
	#[error("range {offset}+{len} outside region of {size} bytes")]
	OutOfBounds {
		/// Start of the range.
		offset: u64,
		/// Length of the range.
		len: u64,
		/// Region size.
		size: u64,
	},
	/// An atomic operation's offset is not a multiple of 8.
	#[error("offset {0} is not 8-byte aligned")]
	Misaligned(u64),
	/// A read asks for more than one frame may carry.
	#[error("read of {len} bytes exceeds the frame limit of {max}")]
	ReadTooLarge {
		/// Bytes asked for.
		len: u32,
		/// Largest frame payload.
		max: u32,
	},
	/// The region would exceed the per-region or total memory limit.
	#[error("mapping {size} bytes exceeds the memory limit")]
	OverLimit {
		/// Size asked for.
		size: u64,
	},
	/// The request is not a remote-memory operation.
	#[error("not a memory request")]
	NotMemory,
}

impl MemoryError {
	/// The wire code for this error.
	pub fn code(&self) -> ErrorCode {
		match self {
			Self::Token(_) => ErrorCode::AccessDenied,
			Self::NoRegion(_) => ErrorCode::NotFound,
			Self::RegionExists(_) | Self::OutOfBounds { .. } | Self::Misaligned(_) => {
				ErrorCode::InvalidOperation
			}
			Self::ReadTooLarge { .. } | Self::OverLimit { .. } => ErrorCode::CapacityExceeded,
			Self::NotMemory => ErrorCode::UnexpectedRequest,
		}
	}
}

/// One mapped region: its size, fixed when it is mapped, and its bytes
/// behind the lock that serialises its operations.
#[derive(Debug)]
struct Region {
	len: usize,
	bytes: Mutex<Vec<u8>>,
}

impl Region {
	fn new(len: usize) -> Arc<Self> {
		Arc::new(Self { len, bytes: Mutex::new(vec![0; len]) })
	}

	/// Locks the region's bytes. They carry no invariant an interrupted
	/// operation could break (every range is checked before it is touched),
	/// so a lock poisoned by a panicking thread is still safe to use.
	fn lock(&self) -> MutexGuard<'_, Vec<u8>> {
		self.bytes.lock().unwrap_or_else(PoisonError::into_inner)
	}
}

/// The mapped regions and the bytes they hold together.
#[derive(Debug, Default)]
struct Mapped {
	regions: HashMap<u64, Arc<Region>>,
	used: u64,
}

/// The regions one provider serves, shared by all its connections.
#[derive(Debug)]
pub struct RegionTable {
	authority: TokenAuthority,
	mapped: RwLock<Mapped>,
	max_region_size: u64,
	max_total: u64,
	max_read: u32,
}

impl RegionTable {
	/// An empty table checking tokens with `authority`.
	pub fn new(authority: TokenAuthority, limits: &Limits) -> Self {
		Self {
			authority,
			mapped: RwLock::default(),
			max_region_size: limits.max_region_size,
			max_total: limits.max_region_bytes,
			// Leave room for the response's own fields.
			max_read: limits.max_frame_size.saturating_sub(64),
		}
	}

	/// Bytes mapped across all regions.
	pub fn used(&self) -> u64 {
		self.mapped().used
	}

	// The table's lock guards only the map and its byte count, which every
	// holder updates together without a step that can panic, so a poisoned
	// lock still guards a consistent table.
	fn mapped(&self) -> RwLockReadGuard<'_, Mapped> {
		self.mapped.read().unwrap_or_else(PoisonError::into_inner)
	}

	fn mapped_mut(&self) -> RwLockWriteGuard<'_, Mapped> {
		self.mapped.write().unwrap_or_else(PoisonError::into_inner)
	}

	/// Applies a memory request at `now` (Unix seconds); errors become
	/// [`Response::Error`].
	pub fn apply(&self, request: &Request, now: u64) -> Response {
		self.try_apply(request, now).unwrap_or_else(|e| Response::error(e.code(), e))
	}

	/// Applies a memory request at `now` (Unix seconds).
	pub fn try_apply(&self, request: &Request, now: u64) -> Result<Response, MemoryError> {
		match request {
			Request::Read { token, offset, len } => {
				if *len > self.max_read {
					return Err(MemoryError::ReadTooLarge { len: *len, max: self.max_read });
				}
				let region = self.region(token, Rights::READ, now)?;
				let region = region.lock();
				let range = range(region.len(), *offset, u64::from(*len))?;
				Ok(Response::Data(Bytes::copy_from_slice(&region[range]).into()))
			}
			Request::Prefetch { token, offset, len } => {
				let region = self.region(token, Rights::READ, now)?;
				range(region.len, *offset, u64::from(*len))?;
				Ok(Response::Ok)
			}
			Request::Write { token, offset, data } => {
				let region = self.region(token, Rights::WRITE, now)?;
				let mut region = region.lock();
				let range = range(region.len(), *offset, data.len() as u64)?;
				data.copy_to(&mut region[range]);
				Ok(Response::Ok)
			}
			Request::CompareAndSwap { token, offset, expected, new } => {
				let region = self.region(token, Rights::ATOMIC, now)?;
				let mut region = region.lock();
				let word = word(&mut region, *offset)?;
				let previous = u64::from_le_bytes(*word);
				let swapped = previous == *expected;
				if swapped {
					*word = new.to_le_bytes();
				}
				Ok(Response::Swapped { swapped, previous })
			}
			Request::AtomicAdd { token, offset, delta } => {
				let region = self.region(token, Rights::ATOMIC, now)?;
				let mut region = region.lock();
				let word = word(&mut region, *offset)?;
				let previous = u64::from_le_bytes(*word);
				*word = previous.wrapping_add(*delta).to_le_bytes();
				Ok(Response::Value(previous))
			}
			Request::Fence { token } | Request::Sync { token } => {
				// Taking the region's lock waits for the operation under way.
				let region = self.region(token, Rights::WRITE, now)?;
				drop(region.lock());
				Ok(Response::Ok)
			}
			Request::Map { token, size } => {
				self.authority.check(token, Rights::MAP, now)?;
				let mut mapped = self.mapped_mut();
				if mapped.regions.contains_key(&token.region) {
					return Err(MemoryError::RegionExists(token.region));
				}
				let total = mapped.used.checked_add(*size);
				if *size > self.max_region_size || total.is_none_or(|t| t > self.max_total) {
					return Err(MemoryError::OverLimit { size: *size });
				}
				let len =
					usize::try_from(*size).map_err(|_| MemoryError::OverLimit { size: *size })?;
				mapped.regions.insert(token.region, Region::new(len));
				mapped.used += size;
				Ok(Response::Ok)
			}
			Request::Unmap { token } => {
				self.authority.check(token, Rights::MAP, now)?;
				let mut mapped = self.mapped_mut();
				let region = mapped
					.regions
					.remove(&token.region)
					.ok_or(MemoryError::NoRegion(token.region))?;
				mapped.used -= region.len as u64;
				Ok(Response::Ok)
			}
			Request::ChunkPut { .. } | Request::ChunkGet { .. } | Request::Forward { .. } => {
				Err(MemoryError::NotMemory)
			}
		}
	}

	/// The region `token` names, once the token grants `needed` at `now`.
	fn region(
		&self,
		token: &AccessToken,
		needed: Rights,
		now: u64,
	) -> Result<Arc<Region>, MemoryError> {
		self.authority.check(token, needed, now)?;
		self.mapped().regions.get(&token.region).cloned().ok_or(MemoryError::NoRegion(token.region))
	}
}

/// The aligned 8-byte word at `offset` of `region`.
fn word(region: &mut [u8], offset: u64) -> Result<&mut [u8; 8], MemoryError> {
	if offset % 8 != 0 {
		return Err(MemoryError::Misaligned(offset));
	}
	let range = range(region.len(), offset, 8)?;
	region[range].first_chunk_mut::<8>().ok_or(MemoryError::Misaligned(offset))
}

fn range(size: usize, offset: u64, len: u64) -> Result<core::ops::Range<usize>, MemoryError> {
	let size64 = size as u64;
	let out = MemoryError::OutOfBounds { offset, len, size: size64 };
	let end = offset.checked_add(len).ok_or(out.clone())?;
	if end > size64 {
		return Err(out);
	}
	// Both bounds are at most `size`, which is a usize.
	Ok(offset as usize..end as usize)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::payload::Payload;

	const NOW: u64 = 1_000;

	fn setup() -> (RegionTable, AccessToken) {
		let authority = TokenAuthority::new([3; 32]);
		let token = authority.issue(1, Rights::ALL, NOW + 60);
		let table = RegionTable::new(authority, &Limits::default());
		assert_eq!(table.apply(&Request::Map { token, size: 64 }, NOW), Response::Ok);
		(table, token)
	}

	fn code(response: Response) -> ErrorCode {
		match response {
			Response::Error { code, .. } => code,
			other => panic!("expected an error, got {other:?}"),
		}
	}

	#[test]
	fn write_then_read() {
		let (table, token) = setup();
		let data = Payload::from(&b"remote memory"[..]);
		assert_eq!(
			table.apply(&Request::Write { token, offset: 8, data: data.clone() }, NOW),
			Response::Ok
		);
		assert_eq!(
			table.apply(&Request::Read { token, offset: 8, len: 13 }, NOW),
			Response::Data(data)
		);
		assert_eq!(
			table.apply(&Request::Prefetch { token, offset: 0, len: 64 }, NOW),
			Response::Ok
		);
		assert_eq!(table.apply(&Request::Fence { token }, NOW), Response::Ok);
		assert_eq!(table.apply(&Request::Sync { token }, NOW), Response::Ok);
	}

	#[test]
	fn compare_and_swap_semantics() {
		let (table, token) = setup();
		let cas = |expected, new| Request::CompareAndSwap { token, offset: 16, expected, new };
		assert_eq!(table.apply(&cas(0, 5), NOW), Response::Swapped { swapped: true, previous: 0 });
		assert_eq!(table.apply(&cas(0, 9), NOW), Response::Swapped { swapped: false, previous: 5 });
		assert_eq!(table.apply(&cas(5, 9), NOW), Response::Swapped { swapped: true, previous: 5 });
		let add = Request::AtomicAdd { token, offset: 16, delta: u64::MAX };
		assert_eq!(table.apply(&add, NOW), Response::Value(9));
		assert_eq!(table.apply(&add, NOW), Response::Value(8));
		let read = table.apply(&Request::Read { token, offset: 16, len: 8 }, NOW);
		assert_eq!(read, Response::Data(7u64.to_le_bytes().to_vec().into()));
	}

	#[test]
	fn interleaved_cas_writers_never_lose_updates() {
		// Several writers each read the counter then CAS it up by one, with
		// their steps interleaved round-robin; losers retry. Every increment lands.
		let (table, token) = setup();
		let writers = 7;
		let per_writer = 50;
		let mut seen = vec![None::<u64>; writers];
		let mut done = vec![0; writers];
		while done.iter().any(|d| *d < per_writer) {
			for w in 0..writers {
				if done[w] == per_writer {
					continue;
				}
				match seen[w].take() {
					None => {
						let Response::Data(bytes) =
							table.apply(&Request::Read { token, offset: 0, len: 8 }, NOW)
						else {
							panic!("read failed");
						};
						seen[w] = Some(u64::from_le_bytes(bytes.to_vec().try_into().unwrap()));
					}
					Some(old) => {
						let cas = Request::CompareAndSwap {
							token,
							offset: 0,
							expected: old,
							new: old + 1,
						};
						if let Response::Swapped { swapped: true, .. } = table.apply(&cas, NOW) {
							done[w] += 1;
						}
					}
				}
			}
		}
		let final_value = table.apply(&Request::AtomicAdd { token, offset: 0, delta: 0 }, NOW);
		assert_eq!(final_value, Response::Value((writers * per_writer) as u64));
	}

	#[test]
	fn concurrent_threads_never_lose_updates() {
		// Threads race read-then-CAS increments on one word while others
		// write a second region; every increment lands.
		let (table, token) = setup();
		let authority = TokenAuthority::new([3; 32]);
		let other = authority.issue(2, Rights::ALL, NOW + 60);
		assert_eq!(table.apply(&Request::Map { token: other, size: 4096 }, NOW), Response::Ok);
		let (threads, per_thread) = (8, 500);
		std::thread::scope(|scope| {
			for t in 0..threads {
				let table = &table;
				scope.spawn(move || {
					let data = Payload::from(vec![t as u8; 4096]);
					for _ in 0..per_thread {
						let write = Request::Write { token: other, offset: 0, data: data.clone() };
						assert_eq!(table.apply(&write, NOW), Response::Ok);
						let mut expected = 0;
						loop {
							let cas = Request::CompareAndSwap {
								token,
								offset: 0,
								expected,
								new: expected + 1,
							};
							match table.apply(&cas, NOW) {
								Response::Swapped { swapped: true, .. } => break,
								Response::Swapped { previous, .. } => expected = previous,
								other => panic!("unexpected {other:?}"),
							}
						}
					}
				});
			}
		});
		let total = table.apply(&Request::AtomicAdd { token, offset: 0, delta: 0 }, NOW);
		assert_eq!(total, Response::Value(threads * per_thread));
	}

	#[test]
	fn errors() {
		let (table, token) = setup();
		assert_eq!(
			code(table.apply(&Request::Map { token, size: 8 }, NOW)),
			ErrorCode::InvalidOperation
		);
		assert_eq!(
			code(table.apply(&Request::Read { token, offset: 60, len: 8 }, NOW)),
			ErrorCode::InvalidOperation
		);
		assert_eq!(
			code(table.apply(&Request::Read { token, offset: u64::MAX, len: 8 }, NOW)),
			ErrorCode::InvalidOperation
		);
		assert_eq!(
			code(
				table
					.apply(&Request::CompareAndSwap { token, offset: 4, expected: 0, new: 1 }, NOW)
			),
			ErrorCode::InvalidOperation
		);
		assert_eq!(code(table.apply(&Request::Fence { token }, NOW + 60)), ErrorCode::AccessDenied);
		let authority = TokenAuthority::new([3; 32]);
		let read_only = authority.issue(1, Rights::READ, NOW + 60);
		assert_eq!(
			code(table.apply(
				&Request::Write { token: read_only, offset: 0, data: b"x"[..].into() },
				NOW
			)),
			ErrorCode::AccessDenied
		);
		let other = authority.issue(2, Rights::ALL, NOW + 60);
		assert_eq!(code(table.apply(&Request::Sync { token: other }, NOW)), ErrorCode::NotFound);
		assert_eq!(
			code(table.apply(&Request::Map { token: other, size: u64::MAX }, NOW)),
			ErrorCode::CapacityExceeded
		);
		assert_eq!(
			code(table.apply(&Request::Read { token, offset: 0, len: u32::MAX }, NOW)),
			ErrorCode::CapacityExceeded
		);
		assert_eq!(table.apply(&Request::Unmap { token }, NOW), Response::Ok);
		assert_eq!(table.used(), 0);
		assert_eq!(code(table.apply(&Request::Unmap { token }, NOW)), ErrorCode::NotFound);
		assert_eq!(
			code(table.apply(&Request::ChunkGet { hash: crate::ContentHash::of(b"") }, NOW)),
			ErrorCode::UnexpectedRequest
		);
	}
}
