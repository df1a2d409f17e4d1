//! Application error codes carried in QUIC `RESET_STREAM`, `STOP_SENDING` and
//! `CONNECTION_CLOSE` frames and in [`Response::Error`](crate::Response::Error).

/// Why STOQ closed a stream or a connection, or refused a request.
///
/// The numeric values are part of the wire protocol and never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum ErrorCode {
	/// Orderly close, nothing went wrong.
	NoError = 0x00,
	/// A frame could not be decoded (bad header, bad payload, unknown kind).
	MalformedFrame = 0x01,
	/// A frame announced a length above the endpoint's frame size limit.
	FrameTooLarge = 0x02,
	/// A frame carried a protocol version this endpoint does not speak.
	UnsupportedVersion = 0x03,
	/// The peer opened more streams than the limit allows.
	TooManyStreams = 0x04,
	/// The endpoint already serves its maximum number of connections.
	TooManyConnections = 0x05,
	/// The connection saw no request for longer than the idle limit.
	IdleTimeout = 0x06,
	/// The peer's identity is not (or no longer) allowed.
	IdentityRefused = 0x07,
	/// The handshake settled on a classical key exchange the policy refuses.
	ClassicalKeyExchange = 0x08,
	/// Too many malformed frames on one connection.
	ProtocolViolation = 0x09,
	/// The access token is missing rights, expired or forged.
	AccessDenied = 0x10,
	/// The addressed region, chunk or route does not exist.
	NotFound = 0x11,
	/// The operation falls outside the region, is misaligned, or the region exists.
	InvalidOperation = 0x12,
	/// Storing the request would exceed a capacity limit.
	CapacityExceeded = 0x13,
	/// A chunk's bytes do not match its content hash.
	HashMismatch = 0x14,
	/// The proxy could not reach the provider behind a global address.
	Unreachable = 0x15,
	/// A request of this kind is not valid here (e.g. a forward inside a forward).
	UnexpectedRequest = 0x16,
	/// An unexpected failure inside the endpoint.
	Internal = 0xff,
}

impl ErrorCode {
	/// All codes, for exhaustive round-trip checks.
	pub const ALL: [ErrorCode; 18] = [
		Self::NoError,
		Self::MalformedFrame,
		Self::FrameTooLarge,
		Self::UnsupportedVersion,
		Self::TooManyStreams,
		Self::TooManyConnections,
		Self::IdleTimeout,
		Self::IdentityRefused,
		Self::ClassicalKeyExchange,
		Self::ProtocolViolation,
		Self::AccessDenied,
		Self::NotFound,
		Self::InvalidOperation,
		Self::CapacityExceeded,
		Self::HashMismatch,
		Self::Unreachable,
		Self::UnexpectedRequest,
		Self::Internal,
	];

	/// The wire value.
	pub fn to_u32(self) -> u32 {
		self as u32
	}

	/// Reads a wire value; unknown values are `None`.
	pub fn from_u32(value: u32) -> Option<Self> {
		Self::ALL.iter().copied().find(|c| c.to_u32() == value)
	}
}

impl core::fmt::Display for ErrorCode {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "{self:?} (0x{:02x})", self.to_u32())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn codes_round_trip() {
		for code in ErrorCode::ALL {
			assert_eq!(ErrorCode::from_u32(code.to_u32()), Some(code));
		}
		assert_eq!(ErrorCode::from_u32(0x4242), None);
	}
}
