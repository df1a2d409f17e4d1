//! Requests and responses carried in frames.
//!
//! Every payload is a sequence of fixed-width big-endian fields, optionally
//! followed by one variable-length tail (data, message text or an inner frame)
//! that runs to the end of the payload. See the crate docs for each layout.

use bytes::Buf;

use crate::address::GlobalAddress;
use crate::chunk::ContentHash;
use crate::code::ErrorCode;
use crate::frame::{EncodedFrame, Frame, FrameError, FrameKind};
use crate::payload::Payload;
use crate::token::{AccessToken, TOKEN_LEN};

/// Longest error message carried in a [`Response::Error`].
pub const MAX_ERROR_MESSAGE: usize = 1024;

/// A data-plane request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
	/// Read `len` bytes at `offset` of the token's region.
	Read {
		/// Grants [`Rights::READ`](crate::Rights::READ).
		token: AccessToken,
		/// Byte offset in the region.
		offset: u64,
		/// Bytes to read.
		len: u32,
	},
	/// Write `data` at `offset` of the token's region.
	Write {
		/// Grants [`Rights::WRITE`](crate::Rights::WRITE).
		token: AccessToken,
		/// Byte offset in the region.
		offset: u64,
		/// Bytes to write.
		data: Payload,
	},
	/// Replace the little-endian u64 at `offset` with `new` if it equals `expected`.
	CompareAndSwap {
		/// Grants [`Rights::ATOMIC`](crate::Rights::ATOMIC).
		token: AccessToken,
		/// 8-byte aligned offset.
		offset: u64,
		/// Value the word must hold.
		expected: u64,
		/// Value stored on success.
		new: u64,
	},
	/// Add `delta` (wrapping) to the little-endian u64 at `offset`.
	AtomicAdd {
		/// Grants [`Rights::ATOMIC`](crate::Rights::ATOMIC).
		token: AccessToken,
		/// 8-byte aligned offset.
		offset: u64,
		/// Value added.
		delta: u64,
	},
	/// Completes once every earlier operation on the region is applied.
	Fence {
		/// Grants [`Rights::WRITE`](crate::Rights::WRITE).
		token: AccessToken,
	},
	/// Announces that `len` bytes at `offset` will be read soon.
	Prefetch {
		/// Grants [`Rights::READ`](crate::Rights::READ).
		token: AccessToken,
		/// Byte offset in the region.
		offset: u64,
		/// Bytes that will be read.
		len: u32,
	},
	/// Creates the token's region, `size` zero bytes.
	Map {
		/// Grants [`Rights::MAP`](crate::Rights::MAP).
		token: AccessToken,
		/// Region size in bytes.
		size: u64,
	},
	/// Removes the token's region.
	Unmap {
		/// Grants [`Rights::MAP`](crate::Rights::MAP).
		token: AccessToken,
	},
	/// Completes once every earlier write to the region is durable at the provider.
	Sync {
		/// Grants [`Rights::WRITE`](crate::Rights::WRITE).
		token: AccessToken,
	},
	/// Stores `data` under `hash`; refused if `data` does not hash to it.
	ChunkPut {
		/// BLAKE2b-256 of `data`.
		hash: ContentHash,
		/// The chunk.
		data: Payload,
	},
	/// Fetches the chunk stored under `hash`.
	ChunkGet {
		/// BLAKE2b-256 of the wanted chunk.
		hash: ContentHash,
	},
	/// Asks a proxy to deliver `inner` to the provider of `address`.
	Forward {
		/// The asset's global address.
		address: GlobalAddress,
		/// The request for the provider; never itself a `Forward`.
		inner: Box<Request>,
	},
}

/// A data-plane response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
	/// Success without a value.
	Ok,
	/// Bytes read.
	Data(Payload),
	/// The value before an atomic add.
	Value(u64),
	/// Outcome of a compare-and-swap.
	Swapped {
		/// Whether the new value was stored.
		swapped: bool,
		/// The value found at the offset.
		previous: u64,
	},
	/// A chunk is stored under this hash.
	Stored(ContentHash),
	/// The request failed.
	Error {
		/// Why.
		code: ErrorCode,
		/// Human-readable detail, at most [`MAX_ERROR_MESSAGE`] bytes.
		message: String,
	},
}

impl Response {
	/// An error response; the message is cut to [`MAX_ERROR_MESSAGE`] bytes.
	pub fn error(code: ErrorCode, message: impl core::fmt::Display) -> Self {
		let mut message = message.to_string();
		if message.len() > MAX_ERROR_MESSAGE {
			let mut end = MAX_ERROR_MESSAGE;
			while !message.is_char_boundary(end) {
				end -= 1;
			}
			message.truncate(end);
		}
		Response::Error { code, message }
	}
}

/// Reads fixed fields off a payload.
struct Reader {
	buf: Payload,
}

impl Reader {
	fn take<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N], FrameError> {
		if self.buf.len() < N {
			return Err(FrameError::Truncated(what));
		}
		let mut out = [0u8; N];
		self.buf.copy_to_slice(&mut out);
		Ok(out)
	}

	fn u64(&mut self, what: &'static str) -> Result<u64, FrameError> {
		self.take::<8>(what).map(u64::from_be_bytes)
	}

	fn u32(&mut self, what: &'static str) -> Result<u32, FrameError> {
		self.take::<4>(what).map(u32::from_be_bytes)
	}

	fn token(&mut self) -> Result<AccessToken, FrameError> {
		AccessToken::decode(&self.take::<TOKEN_LEN>("token")?)
			.map_err(|_| FrameError::InvalidField("token rights"))
	}

	fn hash(&mut self) -> Result<ContentHash, FrameError> {
		self.take::<32>("hash").map(ContentHash)
	}

	fn rest(self) -> Payload {
		self.buf
	}

	fn end(self) -> Result<(), FrameError> {
		if self.buf.is_empty() {
			Ok(())
		} else {
			Err(FrameError::TrailingBytes(self.buf.len()))
		}
	}
}

impl Request {
	/// The frame kind of this request.
	pub fn kind(&self) -> FrameKind {
		match self {
			Request::Read { .. } => FrameKind::Read,
			Request::Write { .. } => FrameKind::Write,
			Request::CompareAndSwap { .. } => FrameKind::CompareAndSwap,
			Request::AtomicAdd { .. } => FrameKind::AtomicAdd,
			Request::Fence { .. } => FrameKind::Fence,
			Request::Prefetch { .. } => FrameKind::Prefetch,
			Request::Map { .. } => FrameKind::Map,
			Request::Unmap { .. } => FrameKind::Unmap,
			Request::Sync { .. } => FrameKind::Sync,
			Request::ChunkPut { .. } => FrameKind::ChunkPut,
			Request::ChunkGet { .. } => FrameKind::ChunkGet,
			Request::Forward { .. } => FrameKind::Forward,
		}
	}

	/// Encodes the request as a frame.
	pub fn encode(&self) -> Result<EncodedFrame, FrameError> {
		let mut fixed = Vec::with_capacity(TOKEN_LEN + 24);
		let mut body = Payload::new();
		match self {
			Request::Read { token, offset, len } | Request::Prefetch { token, offset, len } => {
				fixed.extend_from_slice(&token.encode());
				fixed.extend_from_slice(&offset.to_be_bytes());
				fixed.extend_from_slice(&len.to_be_bytes());
			}
			Request::Write { token, offset, data } => {
				fixed.extend_from_slice(&token.encode());
				fixed.extend_from_slice(&offset.to_be_bytes());
				body = data.clone();
			}
			Request::CompareAndSwap { token, offset, expected, new } => {
				fixed.extend_from_slice(&token.encode());
				fixed.extend_from_slice(&offset.to_be_bytes());
				fixed.extend_from_slice(&expected.to_be_bytes());
				fixed.extend_from_slice(&new.to_be_bytes());
			}
			Request::AtomicAdd { token, offset, delta } => {
				fixed.extend_from_slice(&token.encode());
				fixed.extend_from_slice(&offset.to_be_bytes());
				fixed.extend_from_slice(&delta.to_be_bytes());
			}
			Request::Map { token, size } => {
				fixed.extend_from_slice(&token.encode());
				fixed.extend_from_slice(&size.to_be_bytes());
			}
			Request::Fence { token } | Request::Unmap { token } | Request::Sync { token } => {
				fixed.extend_from_slice(&token.encode());
			}
			Request::ChunkPut { hash, data } => {
				fixed.extend_from_slice(&hash.0);
				body = data.clone();
			}
			Request::ChunkGet { hash } => fixed.extend_from_slice(&hash.0),
			Request::Forward { address, inner } => {
				if matches!(**inner, Request::Forward { .. }) {
					return Err(FrameError::InvalidField("nested forward"));
				}
				fixed.extend_from_slice(&address.octets());
				body = inner.encode()?.into_payload();
			}
		}
		EncodedFrame::new(self.kind(), &fixed, body)
	}

	/// Decodes a request frame; response frames are an error.
	pub fn decode(frame: &Frame) -> Result<Self, FrameError> {
		let mut r = Reader { buf: frame.payload.clone() };
		let request = match frame.kind {
			FrameKind::Read | FrameKind::Prefetch => {
				let token = r.token()?;
				let offset = r.u64("offset")?;
				let len = r.u32("length")?;
				r.end()?;
				if frame.kind == FrameKind::Read {
					Request::Read { token, offset, len }
				} else {
					Request::Prefetch { token, offset, len }
				}
			}
			FrameKind::Write => {
				let token = r.token()?;
				let offset = r.u64("offset")?;
				Request::Write { token, offset, data: r.rest() }
			}
			FrameKind::CompareAndSwap => {
				let token = r.token()?;
				let offset = r.u64("offset")?;
				let expected = r.u64("expected")?;
				let new = r.u64("new")?;
				r.end()?;
				Request::CompareAndSwap { token, offset, expected, new }
			}
			FrameKind::AtomicAdd => {
				let token = r.token()?;
				let offset = r.u64("offset")?;
				let delta = r.u64("delta")?;
				r.end()?;
				Request::AtomicAdd { token, offset, delta }
			}
			FrameKind::Map => {
				let token = r.token()?;
				let size = r.u64("size")?;
				r.end()?;
				Request::Map { token, size }
			}
			FrameKind::Fence | FrameKind::Unmap | FrameKind::Sync => {
				let token = r.token()?;
				r.end()?;
				match frame.kind {
					FrameKind::Fence => Request::Fence { token },
					FrameKind::Unmap => Request::Unmap { token },
					_ => Request::Sync { token },
				}
			}
			FrameKind::ChunkPut => {
				let hash = r.hash()?;
				Request::ChunkPut { hash, data: r.rest() }
			}
			FrameKind::ChunkGet => {
				let hash = r.hash()?;
				r.end()?;
				Request::ChunkGet { hash }
			}
			FrameKind::Forward => {
				let address = GlobalAddress::new(r.take::<16>("address")?.into())
					.map_err(|_| FrameError::InvalidField("address"))?;
				let inner_frame =
					EncodedFrame { head: Default::default(), body: r.rest() }.to_frame()?;
				if inner_frame.kind == FrameKind::Forward {
					return Err(FrameError::InvalidField("nested forward"));
				}
				let inner = Box::new(Request::decode(&inner_frame)?);
				let consumed = inner.encode()?.len();
				if consumed != frame.payload.len() - 16 {
					return Err(FrameError::TrailingBytes(frame.payload.len() - 16 - consumed));
				}
				Request::Forward { address, inner }
			}
			FrameKind::Ok
			| FrameKind::Data
			| FrameKind::Value
			| FrameKind::Swapped
			| FrameKind::Stored
			| FrameKind::Error => {
				return Err(FrameError::InvalidField("response where a request was expected"))
			}
		};
		Ok(request)
	}
}

impl Response {
	/// The frame kind of this response.
	pub fn kind(&self) -> FrameKind {
		match self {
			Response::Ok => FrameKind::Ok,
			Response::Data(_) => FrameKind::Data,
			Response::Value(_) => FrameKind::Value,
			Response::Swapped { .. } => FrameKind::Swapped,
			Response::Stored(_) => FrameKind::Stored,
			Response::Error { .. } => FrameKind::Error,
		}
	}

	/// Encodes the response as a frame.
	pub fn encode(&self) -> Result<EncodedFrame, FrameError> {
		let mut fixed = Vec::with_capacity(12);
		let mut body = Payload::new();
		match self {
			Response::Ok => {}
			Response::Data(data) => body = data.clone(),
			Response::Value(value) => fixed.extend_from_slice(&value.to_be_bytes()),
			Response::Swapped { swapped, previous } => {
				fixed.push(u8::from(*swapped));
				fixed.extend_from_slice(&previous.to_be_bytes());
			}
			Response::Stored(hash) => fixed.extend_from_slice(&hash.0),
			Response::Error { code, message } => {
				fixed.extend_from_slice(&code.to_u32().to_be_bytes());
				fixed.extend_from_slice(message.as_bytes());
			}
		}
		EncodedFrame::new(self.kind(), &fixed, body)
	}

	/// Decodes a response frame; request frames are an error.
	pub fn decode(frame: &Frame) -> Result<Self, FrameError> {
		let mut r = Reader { buf: frame.payload.clone() };
		let response = match frame.kind {
			FrameKind::Ok => {
				r.end()?;
				Response::Ok
			}
			FrameKind::Data => Response::Data(r.rest()),
			FrameKind::Value => {
				let value = r.u64("value")?;
				r.end()?;
				Response::Value(value)
			}
			FrameKind::Swapped => {
				let swapped = match r.take::<1>("swapped")?[0] {
					0 => false,
					1 => true,
					_ => return Err(FrameError::InvalidField("swapped")),
				};
				let previous = r.u64("previous")?;
				r.end()?;
				Response::Swapped { swapped, previous }
			}
			FrameKind::Stored => {
				let hash = r.hash()?;
				r.end()?;
				Response::Stored(hash)
			}
			FrameKind::Error => {
				let code = ErrorCode::from_u32(r.u32("error code")?)
					.ok_or(FrameError::InvalidField("error code"))?;
				let text = r.rest();
				if text.len() > MAX_ERROR_MESSAGE {
					return Err(FrameError::InvalidField("error message length"));
				}
				let message = String::from_utf8(text.to_vec())
					.map_err(|_| FrameError::InvalidField("error message utf-8"))?;
				Response::Error { code, message }
			}
			_ => return Err(FrameError::InvalidField("request where a response was expected")),
		};
		Ok(response)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::token::{Rights, TokenAuthority};
	use proptest::prelude::*;

	fn token() -> AccessToken {
		TokenAuthority::new([1; 32]).issue(9, Rights::ALL, 1_000)
	}

	fn all_requests() -> Vec<Request> {
		let token = token();
		let hash = ContentHash::of(b"x");
		let address = GlobalAddress::new("fd00::1".parse().unwrap()).unwrap();
		vec![
			Request::Read { token, offset: 1, len: 2 },
			Request::Write { token, offset: 3, data: b"data"[..].into() },
			Request::CompareAndSwap { token, offset: 8, expected: 1, new: 2 },
			Request::AtomicAdd { token, offset: 16, delta: 5 },
			Request::Fence { token },
			Request::Prefetch { token, offset: 0, len: 64 },
			Request::Map { token, size: 4096 },
			Request::Unmap { token },
			Request::Sync { token },
			Request::ChunkPut { hash, data: b"x"[..].into() },
			Request::ChunkGet { hash },
			Request::Forward { address, inner: Box::new(Request::ChunkGet { hash }) },
			Request::Forward {
				address,
				inner: Box::new(Request::Write { token, offset: 0, data: b"w"[..].into() }),
			},
		]
	}

	fn all_responses() -> Vec<Response> {
		vec![
			Response::Ok,
			Response::Data(b"bytes"[..].into()),
			Response::Value(42),
			Response::Swapped { swapped: true, previous: 7 },
			Response::Stored(ContentHash::of(b"y")),
			Response::error(ErrorCode::AccessDenied, "token expired"),
		]
	}

	#[test]
	fn requests_round_trip() {
		for request in all_requests() {
			let frame = request.encode().unwrap().to_frame().unwrap();
			assert_eq!(Request::decode(&frame), Ok(request));
			assert!(Response::decode(&frame).is_err());
		}
	}

	#[test]
	fn responses_round_trip() {
		for response in all_responses() {
			let frame = response.encode().unwrap().to_frame().unwrap();
			assert_eq!(Response::decode(&frame), Ok(response));
			assert!(Request::decode(&frame).is_err());
		}
	}

	#[test]
	fn nested_forward_refused() {
		let address = GlobalAddress::new("fd00::1".parse().unwrap()).unwrap();
		let inner =
			Request::Forward { address, inner: Box::new(Request::Fence { token: token() }) };
		let nested = Request::Forward { address, inner: Box::new(inner) };
		assert_eq!(nested.encode(), Err(FrameError::InvalidField("nested forward")));
	}

	#[test]
	fn error_messages_are_cut() {
		let Response::Error { message, .. } =
			Response::error(ErrorCode::Internal, "é".repeat(2000))
		else {
			panic!("not an error response");
		};
		assert!(message.len() <= MAX_ERROR_MESSAGE);
	}

	#[test]
	fn truncated_and_trailing_payloads_refused() {
		let frame = Request::Map { token: token(), size: 1 }.encode().unwrap().to_frame().unwrap();
		let mut payload = frame.payload.clone();
		let short = Frame { kind: frame.kind, payload: payload.split_to(payload.len() - 1) };
		assert_eq!(Request::decode(&short), Err(FrameError::Truncated("size")));
		let mut long = frame.payload.to_vec();
		long.push(0);
		let long = Frame { kind: frame.kind, payload: long.into() };
		assert_eq!(Request::decode(&long), Err(FrameError::TrailingBytes(1)));
	}

	fn kinds() -> impl Strategy<Value = FrameKind> {
		(0u8..=255).prop_filter_map("known kind", FrameKind::from_u8)
	}

	proptest! {
		#[test]
		fn decoding_arbitrary_payloads_never_panics(kind in kinds(), payload in proptest::collection::vec(any::<u8>(), 0..256)) {
			let frame = Frame { kind, payload: payload.into() };
			if let Ok(request) = Request::decode(&frame) {
				// Whatever decodes re-encodes to the same frame.
				let again = request.encode().unwrap().to_frame().unwrap();
				prop_assert_eq!(again, frame.clone());
			}
			if let Ok(response) = Response::decode(&frame) {
				let again = response.encode().unwrap().to_frame().unwrap();
				prop_assert_eq!(again, frame);
			}
		}

		#[test]
		fn mutated_requests_never_panic(index in 0usize..13, flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8)) {
			let mut wire = all_requests()[index].encode().unwrap().to_bytes().to_vec();
			for (at, value) in flips {
				let at = at % wire.len();
				wire[at] = value;
			}
			let mut decoder = crate::frame::FrameDecoder::new(1 << 20);
			decoder.push(wire.into());
			if let Ok(Some(frame)) = decoder.next_frame() {
				let _ = Request::decode(&frame);
			}
		}
	}
}
