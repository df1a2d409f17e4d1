//! The STOQ frame: an 8-byte header and a payload of any length up to the limit.
//!
//! See the crate documentation for the layout. [`FrameDecoder`] turns the
//! bytes of one QUIC stream, in whatever pieces they arrive, into frames.

use bytes::{Buf, BufMut, Bytes, BytesMut};

use crate::code::ErrorCode;
use crate::payload::Payload;

/// The protocol version this crate speaks.
pub const VERSION: u8 = 1;

/// Length of the frame header in bytes.
pub const HEADER_LEN: usize = 8;

/// Smallest received piece a decoder keeps by reference rather than copying.
///
/// A piece shares its allocation with the rest of its UDP receive (at most
/// 64 KiB), so keeping small pieces could pin far more memory than a stream
/// buffers. From this size on, a stream pins at most 8 times what it buffers.
pub const SHARED_PIECE_MIN: usize = 8 * 1024;

/// Most bytes a decoder reserves for small pieces of a frame before they arrive.
const MAX_PREALLOCATION: usize = 2 * 1024 * 1024;

/// Room a decoder keeps past a frame's end when it reserves for small pieces:
/// the read that completes a frame usually carries the start of the next one,
/// and without room for it, appending would reallocate and copy the whole
/// frame. One read returns at most one QUIC packet's stream data (< 64 KiB).
const READ_AHEAD: usize = 64 * 1024;

/// Errors found while decoding a frame or its payload.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameError {
	/// The header names a version other than [`VERSION`].
	#[error("unsupported frame version {0}")]
	UnsupportedVersion(u8),
	/// The header names a frame kind this version does not define.
	#[error("unknown frame kind 0x{0:02x}")]
	UnknownKind(u8),
	/// Flag or reserved bits that must be zero were set.
	#[error("reserved header bits set")]
	ReservedBits,
	/// The announced payload length exceeds the limit.
	#[error("frame of {len} bytes exceeds the limit of {max} bytes")]
	TooLarge {
		/// Announced payload length.
		len: u32,
		/// The endpoint's limit.
		max: u32,
	},
	/// The payload ended before a field was complete.
	#[error("payload truncated while reading {0}")]
	Truncated(&'static str),
	/// The payload has bytes after its last field.
	#[error("{0} trailing bytes after the payload")]
	TrailingBytes(usize),
	/// A field holds a value the protocol forbids.
	#[error("invalid field {0}")]
	InvalidField(&'static str),
	/// The stream ended in the middle of a frame.
	#[error("stream ended inside a frame")]
	UnexpectedEnd,
	/// The decoder already failed; the stream must be closed.
	#[error("decoder used after an error")]
	Poisoned,
}

impl FrameError {
	/// The code a stream is reset with when this error occurs.
	pub fn code(&self) -> ErrorCode {
		match self {
			Self::UnsupportedVersion(_) => ErrorCode::UnsupportedVersion,
			Self::TooLarge { .. } => ErrorCode::FrameTooLarge,
			_ => ErrorCode::MalformedFrame,
		}
	}
}

/// What a frame carries; the second header byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum FrameKind {
	/// Request: read bytes of a region.
	Read = 0x01,
	/// Request: write bytes into a region.
	Write = 0x02,
	/// Request: compare-and-swap an aligned 64-bit word.
	CompareAndSwap = 0x03,
	/// Request: add to an aligned 64-bit word.
	AtomicAdd = 0x04,
	/// Request: order all earlier operations before later ones.
	Fence = 0x05,
	/// Request: hint that a range will be read soon.
	Prefetch = 0x06,
	/// Request: create a region.
	Map = 0x07,
	/// Request: remove a region.
	Unmap = 0x08,
	/// Request: wait until earlier writes to a region are applied.
	Sync = 0x09,
	/// Request: store a chunk by its content hash.
	ChunkPut = 0x10,
	/// Request: fetch a chunk by its content hash.
	ChunkGet = 0x11,
	/// Request: forward an inner request to the provider of a global address.
	Forward = 0x20,
	/// Response: success without a value.
	Ok = 0x80,
	/// Response: bytes.
	Data = 0x81,
	/// Response: a 64-bit value.
	Value = 0x82,
	/// Response: outcome of a compare-and-swap.
	Swapped = 0x83,
	/// Response: a chunk was stored under this hash.
	Stored = 0x84,
	/// Response: the request failed with a code and message.
	Error = 0xff,
}

impl FrameKind {
	/// Reads the kind byte of a header.
	pub fn from_u8(value: u8) -> Option<Self> {
		use FrameKind::*;
		Some(match value {
			0x01 => Read,
			0x02 => Write,
			0x03 => CompareAndSwap,
			0x04 => AtomicAdd,
			0x05 => Fence,
			0x06 => Prefetch,
			0x07 => Map,
			0x08 => Unmap,
			0x09 => Sync,
			0x10 => ChunkPut,
			0x11 => ChunkGet,
			0x20 => Forward,
			0x80 => Ok,
			0x81 => Data,
			0x82 => Value,
			0x83 => Swapped,
			0x84 => Stored,
			0xff => Error,
			_ => return None,
		})
	}

	/// Whether frames of this kind are requests (as opposed to responses).
	pub fn is_request(self) -> bool {
		(self as u8) < 0x80
	}
}

/// A decoded frame header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameHeader {
	/// What the payload holds.
	pub kind: FrameKind,
	/// Payload length in bytes.
	pub len: u32,
}

impl FrameHeader {
	/// Encodes the header.
	pub fn encode(&self) -> [u8; HEADER_LEN] {
		let mut out = [0u8; HEADER_LEN];
		out[0] = VERSION;
		out[1] = self.kind as u8;
		out[4..8].copy_from_slice(&self.len.to_be_bytes());
		out
	}

	/// Decodes and checks a header against the frame size limit.
	pub fn decode(bytes: &[u8; HEADER_LEN], max_frame_size: u32) -> Result<Self, FrameError> {
		let [version, kind, flags, reserved, l0, l1, l2, l3] = *bytes;
		if version != VERSION {
			return Err(FrameError::UnsupportedVersion(version));
		}
		let kind = FrameKind::from_u8(kind).ok_or(FrameError::UnknownKind(kind))?;
		if flags != 0 || reserved != 0 {
			return Err(FrameError::ReservedBits);
		}
		let len = u32::from_be_bytes([l0, l1, l2, l3]);
		if len > max_frame_size {
			return Err(FrameError::TooLarge { len, max: max_frame_size });
		}
		Ok(Self { kind, len })
	}
}

/// A complete frame: its kind and payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
	/// What the payload holds.
	pub kind: FrameKind,
	/// The payload, without the header.
	pub payload: Payload,
}

/// An encoded frame ready to be written: header and fixed fields in `head`,
/// bulk bytes (if any) in `body`, so large payloads are never copied to encode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedFrame {
	/// Header followed by the fixed-size part of the payload.
	pub head: Bytes,
	/// The variable-size tail of the payload; may be empty.
	pub body: Payload,
}

impl EncodedFrame {
	/// Builds a frame from its kind, fixed fields and bulk tail.
	///
	/// Fails only when the payload would not fit the 32-bit length field.
	pub fn new(kind: FrameKind, fixed: &[u8], body: Payload) -> Result<Self, FrameError> {
		let len = u32::try_from(fixed.len() + body.len())
			.map_err(|_| FrameError::TooLarge { len: u32::MAX, max: u32::MAX })?;
		let mut head = BytesMut::with_capacity(HEADER_LEN + fixed.len());
		head.put_slice(&FrameHeader { kind, len }.encode());
		head.put_slice(fixed);
		Ok(Self { head: head.freeze(), body })
	}

	/// Total encoded length, header included.
	pub fn len(&self) -> usize {
		self.head.len() + self.body.len()
	}

	/// Whether the frame is empty; never true, since the header is always present.
	pub fn is_empty(&self) -> bool {
		self.len() == 0
	}

	/// The frame's bytes, head first, without copying them.
	pub fn into_payload(self) -> Payload {
		let mut payload = Payload::from(self.head);
		payload.append(self.body);
		payload
	}

	/// The frame as one contiguous buffer (copies).
	pub fn to_bytes(&self) -> Bytes {
		self.clone().into_payload().to_bytes()
	}

	/// Decodes this encoded frame back into a [`Frame`] (used by proxies and tests).
	pub fn to_frame(&self) -> Result<Frame, FrameError> {
		let mut decoder = FrameDecoder::new(u32::MAX);
		for piece in self.clone().into_payload() {
			decoder.push(piece);
		}
		decoder.next_frame()?.ok_or(FrameError::UnexpectedEnd)
	}
}

/// Incremental frame decoder for one stream.
///
/// Push bytes as they arrive with [`push`](Self::push), take frames with
/// [`next_frame`](Self::next_frame). Pieces of at least [`SHARED_PIECE_MIN`]
/// bytes become part of a frame's [`Payload`] without being copied; smaller
/// ones are gathered into one buffer. After an error the decoder is poisoned:
/// the stream it serves must be reset with [`FrameError::code`].
#[derive(Debug)]
pub struct FrameDecoder {
	/// Received bytes, in order, up to the small pieces still being gathered.
	held: Payload,
	/// Small pieces received after `held`, gathered into one buffer.
	gathered: BytesMut,
	max_frame_size: u32,
	header: Option<FrameHeader>,
	poisoned: bool,
}

impl FrameDecoder {
	/// A decoder refusing payloads above `max_frame_size` bytes.
	pub fn new(max_frame_size: u32) -> Self {
		Self {
			held: Payload::new(),
			gathered: BytesMut::new(),
			max_frame_size,
			header: None,
			poisoned: false,
		}
	}

	/// Appends received bytes.
	pub fn push(&mut self, piece: Bytes) {
		if piece.len() >= SHARED_PIECE_MIN {
			self.hold_gathered();
			self.held.push(piece);
			return;
		}
		if self.gathered.capacity() - self.gathered.len() < piece.len() {
			// Reserve for the rest of the frame, but never more than
			// MAX_PREALLOCATION up front: a peer announcing large frames on many
			// streams must send the bytes before it makes this endpoint hold the memory.
			let frame_rest = self
				.header
				.map_or(0, |header| (header.len as usize).saturating_sub(self.buffered()));
			let wanted = (frame_rest + READ_AHEAD).min(MAX_PREALLOCATION);
			self.gathered.reserve(wanted.max(piece.len()));
		}
		self.gathered.extend_from_slice(&piece);
	}

	/// Bytes received and not yet taken as frames.
	fn buffered(&self) -> usize {
		self.held.len() + self.gathered.len()
	}

	/// Moves the gathered small pieces, as one piece, behind the held ones.
	fn hold_gathered(&mut self) {
		if !self.gathered.is_empty() {
			self.held.push(self.gathered.split().freeze());
		}
	}

	/// Whether no partial frame is buffered (a stream may end cleanly here).
	pub fn is_idle(&self) -> bool {
		self.header.is_none() && self.buffered() == 0
	}

	/// Checks that the stream may end now; a partial frame is an error.
	pub fn finish(&self) -> Result<(), FrameError> {
		if self.is_idle() {
			Ok(())
		} else {
			Err(FrameError::UnexpectedEnd)
		}
	}

	/// Returns the next complete frame, `None` when more bytes are needed.
	pub fn next_frame(&mut self) -> Result<Option<Frame>, FrameError> {
		if self.poisoned {
			return Err(FrameError::Poisoned);
		}
		let header = match self.header {
			Some(header) => header,
			None => {
				if self.buffered() < HEADER_LEN {
					return Ok(None);
				}
				if self.held.len() < HEADER_LEN {
					self.hold_gathered();
				}
				let mut raw = [0u8; HEADER_LEN];
				self.held.split_to(HEADER_LEN).copy_to_slice(&mut raw);
				let header = match FrameHeader::decode(&raw, self.max_frame_size) {
					Ok(header) => header,
					Err(e) => {
						self.poisoned = true;
						return Err(e);
					}
				};
				self.header = Some(header);
				header
			}
		};
		let len = header.len as usize;
		if self.buffered() < len {
			return Ok(None);
		}
		self.header = None;
		if self.held.len() < len {
			self.hold_gathered();
		}
		let payload = self.held.split_to(len);
		Ok(Some(Frame { kind: header.kind, payload }))
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	fn frame(kind: FrameKind, payload: &[u8]) -> Vec<u8> {
		EncodedFrame::new(kind, payload, Payload::new()).unwrap().to_bytes().to_vec()
	}

	#[test]
	fn header_round_trip() {
		let header = FrameHeader { kind: FrameKind::Write, len: 12345 };
		assert_eq!(FrameHeader::decode(&header.encode(), u32::MAX), Ok(header));
	}

	#[test]
	fn header_checks() {
		let mut raw = FrameHeader { kind: FrameKind::Read, len: 10 }.encode();
		assert_eq!(FrameHeader::decode(&raw, 9), Err(FrameError::TooLarge { len: 10, max: 9 }));
		raw[0] = 2;
		assert_eq!(FrameHeader::decode(&raw, 100), Err(FrameError::UnsupportedVersion(2)));
		raw[0] = VERSION;
		raw[2] = 1;
		assert_eq!(FrameHeader::decode(&raw, 100), Err(FrameError::ReservedBits));
		raw[2] = 0;
		raw[1] = 0x42;
		assert_eq!(FrameHeader::decode(&raw, 100), Err(FrameError::UnknownKind(0x42)));
	}

	#[test]
	fn decoder_reassembles_byte_by_byte() {
		let mut wire = frame(FrameKind::ChunkPut, b"hello");
		wire.extend(frame(FrameKind::Ok, b""));
		let mut decoder = FrameDecoder::new(1024);
		let mut frames = Vec::new();
		for byte in wire {
			decoder.push(Bytes::copy_from_slice(&[byte]));
			while let Some(f) = decoder.next_frame().unwrap() {
				frames.push(f);
			}
		}
		assert!(decoder.finish().is_ok());
		assert_eq!(frames.len(), 2);
		assert_eq!(frames[0].kind, FrameKind::ChunkPut);
		assert_eq!(frames[0].payload.to_vec(), b"hello");
		assert_eq!(frames[1].kind, FrameKind::Ok);
		assert!(frames[1].payload.is_empty());
	}

	#[test]
	fn decoder_poisoned_after_error() {
		let mut decoder = FrameDecoder::new(4);
		decoder.push(frame(FrameKind::Data, b"too long").into());
		assert!(matches!(decoder.next_frame(), Err(FrameError::TooLarge { .. })));
		assert_eq!(decoder.next_frame(), Err(FrameError::Poisoned));
	}

	#[test]
	fn partial_frame_at_end_is_an_error() {
		let mut decoder = FrameDecoder::new(1024);
		decoder.push(Bytes::copy_from_slice(&frame(FrameKind::Data, b"abc")[..9]));
		assert_eq!(decoder.next_frame(), Ok(None));
		assert_eq!(decoder.finish(), Err(FrameError::UnexpectedEnd));
	}

	#[test]
	fn large_pieces_are_kept_not_copied() {
		let body = vec![7u8; 3 * SHARED_PIECE_MIN];
		let wire = frame(FrameKind::Write, &body);
		let (head, rest) = wire.split_at(HEADER_LEN + 5);
		let pieces: Vec<Bytes> = [head, &rest[..SHARED_PIECE_MIN], &rest[SHARED_PIECE_MIN..]]
			.into_iter()
			.map(Bytes::copy_from_slice)
			.collect();
		let mut decoder = FrameDecoder::new(u32::MAX);
		for piece in &pieces {
			decoder.push(piece.clone());
		}
		let frame = decoder.next_frame().unwrap().unwrap();
		assert_eq!(frame.payload.to_vec(), body);
		// The two large pieces are the payload's last two pieces, in place.
		let held: Vec<_> = frame.payload.pieces().map(|piece| piece.as_ptr()).collect();
		assert_eq!(held[held.len() - 2..], [pieces[1].as_ptr(), pieces[2].as_ptr()]);
		assert!(decoder.finish().is_ok());
	}

	proptest! {
		#[test]
		fn any_split_decodes_the_same_frames(
			bodies in proptest::collection::vec(0usize..40_000, 1..5),
			cuts in proptest::collection::vec(1usize..20_000, 0..40),
		) {
			let wire: Vec<u8> = bodies
				.iter()
				.enumerate()
				.flat_map(|(i, &len)| frame(FrameKind::Data, &vec![i as u8; len]))
				.collect();
			let mut decoder = FrameDecoder::new(u32::MAX);
			let mut decoded = Vec::new();
			let mut at = 0usize;
			for cut in cuts.into_iter().chain([usize::MAX]) {
				let end = at.saturating_add(cut).min(wire.len());
				decoder.push(Bytes::copy_from_slice(&wire[at..end]));
				at = end;
				while let Some(frame) = decoder.next_frame().unwrap() {
					decoded.push(frame.payload.to_vec());
				}
			}
			prop_assert!(decoder.finish().is_ok());
			let expected: Vec<Vec<u8>> =
				bodies.iter().enumerate().map(|(i, &len)| vec![i as u8; len]).collect();
			prop_assert_eq!(decoded, expected);
		}

		#[test]
		fn decoder_never_panics(chunks in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..64), 0..16), max in 0u32..256) {
			let mut decoder = FrameDecoder::new(max);
			for chunk in chunks {
				decoder.push(chunk.into());
				while let Ok(Some(frame)) = decoder.next_frame() {
					prop_assert!(frame.payload.len() <= max as usize);
				}
			}
		}
	}
}
