//! Frame payloads kept as the pieces they arrived in.
//!
//! A large frame reaches the decoder as many QUIC stream reads. Joining them
//! into one buffer would copy every byte once more before its real
//! destination (a region, the chunk store, the socket of a forwarded
//! request); a [`Payload`] keeps the pieces and lets each consumer copy them
//! once, where the bytes are going.

use std::collections::VecDeque;

use bytes::{Buf, Bytes};

/// The bytes of a payload or payload field, in one or more pieces.
///
/// Cloning is cheap (the pieces are reference counted). Two payloads are
/// equal when their bytes are, however they are split.
#[derive(Clone, Default)]
pub struct Payload {
	pieces: VecDeque<Bytes>,
	len: usize,
}

impl Payload {
	/// An empty payload.
	pub fn new() -> Self {
		Self::default()
	}

	/// Number of bytes.
	pub fn len(&self) -> usize {
		self.len
	}

	/// Whether there are no bytes.
	pub fn is_empty(&self) -> bool {
		self.len == 0
	}

	/// Appends a piece.
	pub fn push(&mut self, piece: Bytes) {
		if !piece.is_empty() {
			self.len += piece.len();
			self.pieces.push_back(piece);
		}
	}

	/// The pieces, in order.
	pub fn pieces(&self) -> impl Iterator<Item = &Bytes> {
		self.pieces.iter()
	}

	/// Appends the pieces of `other`, without copying them.
	pub fn append(&mut self, other: Payload) {
		for piece in other.pieces {
			self.push(piece);
		}
	}

	/// Splits off the first `at` bytes (pieces are sliced, not copied).
	///
	/// # Panics
	/// If `at` exceeds the length.
	pub fn split_to(&mut self, at: usize) -> Payload {
		let mut head = Payload::new();
		self.take_front(at, |piece| head.push(piece));
		head
	}

	/// Copies the bytes into `out`, which must be exactly as long.
	///
	/// # Panics
	/// If `out` is not [`len`](Self::len) bytes long.
	pub fn copy_to(&self, out: &mut [u8]) {
		assert_eq!(out.len(), self.len, "copy_to a buffer of another length");
		let mut at = 0;
		for piece in &self.pieces {
			out[at..at + piece.len()].copy_from_slice(piece);
			at += piece.len();
		}
	}

	/// Removes the first `at` bytes, handing each removed piece (sliced
	/// where it straddles `at`) to `taken`.
	fn take_front(&mut self, at: usize, mut taken: impl FnMut(Bytes)) {
		assert!(at <= self.len, "{at} bytes taken from a payload of {}", self.len);
		self.len -= at;
		let mut left = at;
		while left > 0 {
			let Some(piece) = self.pieces.front_mut() else { break };
			if piece.len() <= left {
				left -= piece.len();
				taken(self.pieces.pop_front().unwrap_or_default());
			} else {
				taken(piece.split_to(left));
				left = 0;
			}
		}
	}

	/// The bytes in one contiguous buffer; copies only when there are several pieces.
	pub fn to_bytes(&self) -> Bytes {
		match self.pieces.len() {
			0 => Bytes::new(),
			1 => self.pieces[0].clone(),
			_ => self.to_vec().into(),
		}
	}

	/// The bytes in a new vector (always copies).
	pub fn to_vec(&self) -> Vec<u8> {
		let mut out = Vec::with_capacity(self.len);
		for piece in &self.pieces {
			out.extend_from_slice(piece);
		}
		out
	}
}

impl Buf for Payload {
	fn remaining(&self) -> usize {
		self.len
	}

	fn chunk(&self) -> &[u8] {
		self.pieces.front().map_or(&[], |piece| piece)
	}

	fn advance(&mut self, cnt: usize) {
		self.take_front(cnt, drop);
	}

	fn copy_to_bytes(&mut self, len: usize) -> Bytes {
		self.split_to(len).to_bytes()
	}
}

impl IntoIterator for Payload {
	type Item = Bytes;
	type IntoIter = std::collections::vec_deque::IntoIter<Bytes>;

	/// The pieces, in order.
	fn into_iter(self) -> Self::IntoIter {
		self.pieces.into_iter()
	}
}

impl From<Bytes> for Payload {
	fn from(piece: Bytes) -> Self {
		let mut payload = Payload::new();
		payload.push(piece);
		payload
	}
}

impl From<Vec<u8>> for Payload {
	fn from(bytes: Vec<u8>) -> Self {
		Bytes::from(bytes).into()
	}
}

impl From<&'static [u8]> for Payload {
	fn from(bytes: &'static [u8]) -> Self {
		Bytes::from_static(bytes).into()
	}
}

impl PartialEq for Payload {
	fn eq(&self, other: &Self) -> bool {
		if self.len != other.len {
			return false;
		}
		let (mut a, mut b) = (self.clone(), other.clone());
		while a.has_remaining() {
			let n = a.chunk().len().min(b.chunk().len());
			if a.chunk()[..n] != b.chunk()[..n] {
				return false;
			}
			a.advance(n);
			b.advance(n);
		}
		true
	}
}

impl Eq for Payload {}

impl core::fmt::Debug for Payload {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "Payload({} bytes in {} pieces)", self.len, self.pieces.len())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	fn split(bytes: &[u8], cuts: &[usize]) -> Payload {
		let mut payload = Payload::new();
		let mut start = 0;
		for &cut in cuts.iter().chain([&bytes.len()]) {
			let end = cut.clamp(start, bytes.len());
			payload.push(Bytes::copy_from_slice(&bytes[start..end]));
			start = end;
		}
		payload
	}

	#[test]
	fn split_to_slices_across_pieces() {
		let mut payload = split(b"hello world", &[3, 7]);
		let head = payload.split_to(5);
		assert_eq!(head.to_bytes(), Bytes::from_static(b"hello"));
		assert_eq!(payload.to_bytes(), Bytes::from_static(b" world"));
		assert_eq!(payload.get_u8(), b' ');
		assert_eq!(payload.copy_to_bytes(5), Bytes::from_static(b"world"));
		assert!(payload.is_empty());
	}

	proptest! {
		#[test]
		fn equality_ignores_how_bytes_are_split(
			bytes in proptest::collection::vec(any::<u8>(), 0..64),
			a in proptest::collection::vec(0usize..64, 0..6),
			b in proptest::collection::vec(0usize..64, 0..6),
			at in 0usize..64,
		) {
			let mut a_cuts = a.clone();
			a_cuts.sort_unstable();
			let mut b_cuts = b.clone();
			b_cuts.sort_unstable();
			let (mut x, y) = (split(&bytes, &a_cuts), split(&bytes, &b_cuts));
			prop_assert_eq!(&x, &y);
			prop_assert_eq!(x.to_vec(), bytes.clone());
			let mut copied = vec![0; bytes.len()];
			y.copy_to(&mut copied);
			prop_assert_eq!(&copied, &bytes);
			let at = at.min(bytes.len());
			let head = x.split_to(at);
			prop_assert_eq!(head.to_vec(), bytes[..at].to_vec());
			prop_assert_eq!(x.to_vec(), bytes[at..].to_vec());
		}
	}
}
