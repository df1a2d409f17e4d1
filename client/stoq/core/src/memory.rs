//! Remote-memory regions: the state behind Read, Write, CompareAndSwap,
//! AtomicAdd, Fence, Prefetch, Map, Unmap and Sync.
//!
//! A [`RegionTable`] applies one request at a time; whoever owns it (the driver
//! keeps it behind a lock) serialises requests, which makes every operation —
//! compare-and-swap included — atomic with respect to every other. Regions live
//! in the provider's memory, so Fence and Sync complete as soon as the earlier
//! requests have been applied, which by construction they have.

use std::collections::HashMap;

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

/// The regions one provider serves.
#[derive(Debug)]
pub struct RegionTable {
	authority: TokenAuthority,
	regions: HashMap<u64, Vec<u8>>,
	used: u64,
	max_region_size: u64,
	max_total: u64,
	max_read: u32,
}

impl RegionTable {
	/// An empty table checking tokens with `authority`.
	pub fn new(authority: TokenAuthority, limits: &Limits) -> Self {
		Self {
			authority,
			regions: HashMap::new(),
			used: 0,
			max_region_size: limits.max_region_size,
			max_total: limits.max_region_bytes,
			// Leave room for the response's own fields.
			max_read: limits.max_frame_size.saturating_sub(64),
		}
	}

	/// Bytes mapped across all regions.
	pub fn used(&self) -> u64 {
		self.used
	}

	/// Applies a memory request at `now` (Unix seconds); errors become
	/// [`Response::Error`].
	pub fn apply(&mut self, request: &Request, now: u64) -> Response {
		self.try_apply(request, now).unwrap_or_else(|e| Response::error(e.code(), e))
	}

	/// Applies a memory request at `now` (Unix seconds).
	pub fn try_apply(&mut self, request: &Request, now: u64) -> Result<Response, MemoryError> {
		match request {
			Request::Read { token, offset, len } => {
				if *len > self.max_read {
					return Err(MemoryError::ReadTooLarge { len: *len, max: self.max_read });
				}
				let region = self.region(token, Rights::READ, now)?;
				let range = range(region.len(), *offset, u64::from(*len))?;
				Ok(Response::Data(Bytes::copy_from_slice(&region[range])))
			}
			Request::Prefetch { token, offset, len } => {
				let region = self.region(token, Rights::READ, now)?;
				range(region.len(), *offset, u64::from(*len))?;
				Ok(Response::Ok)
			}
			Request::Write { token, offset, data } => {
				let region = self.region_mut(token, Rights::WRITE, now)?;
				let range = range(region.len(), *offset, data.len() as u64)?;
				region[range].copy_from_slice(data);
				Ok(Response::Ok)
			}
			Request::CompareAndSwap { token, offset, expected, new } => {
				let word = self.word(token, *offset, now)?;
				let previous = u64::from_le_bytes(*word);
				let swapped = previous == *expected;
				if swapped {
					*word = new.to_le_bytes();
				}
				Ok(Response::Swapped { swapped, previous })
			}
			Request::AtomicAdd { token, offset, delta } => {
				let word = self.word(token, *offset, now)?;
				let previous = u64::from_le_bytes(*word);
				*word = previous.wrapping_add(*delta).to_le_bytes();
				Ok(Response::Value(previous))
			}
			Request::Fence { token } | Request::Sync { token } => {
				self.region(token, Rights::WRITE, now)?;
				Ok(Response::Ok)
			}
			Request::Map { token, size } => {
				self.authority.check(token, Rights::MAP, now)?;
				if self.regions.contains_key(&token.region) {
					return Err(MemoryError::RegionExists(token.region));
				}
				let total = self.used.checked_add(*size);
				if *size > self.max_region_size || total.is_none_or(|t| t > self.max_total) {
					return Err(MemoryError::OverLimit { size: *size });
				}
				let len =
					usize::try_from(*size).map_err(|_| MemoryError::OverLimit { size: *size })?;
				self.regions.insert(token.region, vec![0; len]);
				self.used += size;
				Ok(Response::Ok)
			}
			Request::Unmap { token } => {
				self.authority.check(token, Rights::MAP, now)?;
				let region = self
					.regions
					.remove(&token.region)
					.ok_or(MemoryError::NoRegion(token.region))?;
				self.used -= region.len() as u64;
				Ok(Response::Ok)
			}
			Request::ChunkPut { .. } | Request::ChunkGet { .. } | Request::Forward { .. } => {
				Err(MemoryError::NotMemory)
			}
		}
	}

	fn region(
		&self,
		token: &AccessToken,
		needed: Rights,
		now: u64,
	) -> Result<&Vec<u8>, MemoryError> {
		self.authority.check(token, needed, now)?;
		self.regions.get(&token.region).ok_or(MemoryError::NoRegion(token.region))
	}

	fn region_mut(
		&mut self,
		token: &AccessToken,
		needed: Rights,
		now: u64,
	) -> Result<&mut Vec<u8>, MemoryError> {
		self.authority.check(token, needed, now)?;
		self.regions.get_mut(&token.region).ok_or(MemoryError::NoRegion(token.region))
	}

	fn word(
		&mut self,
		token: &AccessToken,
		offset: u64,
		now: u64,
	) -> Result<&mut [u8; 8], MemoryError> {
		if offset % 8 != 0 {
			return Err(MemoryError::Misaligned(offset));
		}
		let region = self.region_mut(token, Rights::ATOMIC, now)?;
		let range = range(region.len(), offset, 8)?;
		region[range].first_chunk_mut::<8>().ok_or(MemoryError::Misaligned(offset))
	}
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

	const NOW: u64 = 1_000;

	fn setup() -> (RegionTable, AccessToken) {
		let authority = TokenAuthority::new([3; 32]);
		let token = authority.issue(1, Rights::ALL, NOW + 60);
		let mut table = RegionTable::new(authority, &Limits::default());
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
		let (mut table, token) = setup();
		let data = Bytes::from_static(b"remote memory");
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
		let (mut table, token) = setup();
		let cas = |expected, new| Request::CompareAndSwap { token, offset: 16, expected, new };
		assert_eq!(table.apply(&cas(0, 5), NOW), Response::Swapped { swapped: true, previous: 0 });
		assert_eq!(table.apply(&cas(0, 9), NOW), Response::Swapped { swapped: false, previous: 5 });
		assert_eq!(table.apply(&cas(5, 9), NOW), Response::Swapped { swapped: true, previous: 5 });
		let add = Request::AtomicAdd { token, offset: 16, delta: u64::MAX };
		assert_eq!(table.apply(&add, NOW), Response::Value(9));
		assert_eq!(table.apply(&add, NOW), Response::Value(8));
		let read = table.apply(&Request::Read { token, offset: 16, len: 8 }, NOW);
		assert_eq!(read, Response::Data(Bytes::copy_from_slice(&7u64.to_le_bytes())));
	}

	#[test]
	fn interleaved_cas_writers_never_lose_updates() {
		// Several writers each read the counter then CAS it up by one, with
		// their steps interleaved round-robin; losers retry. Every increment lands.
		let (mut table, token) = setup();
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
						seen[w] = Some(u64::from_le_bytes(bytes[..].try_into().unwrap()));
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
	fn errors() {
		let (mut table, token) = setup();
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
				&Request::Write { token: read_only, offset: 0, data: Bytes::from_static(b"x") },
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
