//! Connection and stream state machines.
//!
//! A [`Session`] is the STOQ view of one QUIC connection: it admits streams up
//! to the limit, counts protocol errors, and decides when the connection has
//! been idle too long. A [`StreamSession`] turns the bytes of one stream into
//! requests (server side) or responses (client side). Neither does IO or reads
//! a clock: the driver passes `now` in and carries out the returned [`Action`]s.

use std::time::{Duration, Instant};

use bytes::Bytes;

use crate::code::ErrorCode;
use crate::frame::{FrameDecoder, FrameError};
use crate::limits::Limits;
use crate::message::{Request, Response};

/// Errors of session bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
	/// The peer already has the maximum number of open streams.
	#[error("stream limit of {0} reached")]
	TooManyStreams(u32),
	/// The session has been closed.
	#[error("session closed with {0}")]
	Closed(ErrorCode),
}

impl SessionError {
	/// The code the refused stream or connection is closed with.
	pub fn code(&self) -> ErrorCode {
		match self {
			Self::TooManyStreams(_) => ErrorCode::TooManyStreams,
			Self::Closed(code) => *code,
		}
	}
}

/// What the driver must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
	/// Reset the offending stream (both directions) with this code; keep the connection.
	ResetStream(ErrorCode),
	/// Close the whole connection with this code and reason.
	CloseConnection {
		/// Wire code.
		code: ErrorCode,
		/// Reason sent to the peer.
		reason: String,
	},
}

/// Connection-level state.
#[derive(Debug)]
pub struct Session {
	limits: Limits,
	open_streams: u32,
	protocol_errors: u32,
	last_activity: Instant,
	closed: Option<ErrorCode>,
}

impl Session {
	/// A session opened at `now`.
	pub fn new(limits: Limits, now: Instant) -> Self {
		Self { limits, open_streams: 0, protocol_errors: 0, last_activity: now, closed: None }
	}

	/// The limits this session enforces.
	pub fn limits(&self) -> &Limits {
		&self.limits
	}

	/// Streams currently open.
	pub fn open_streams(&self) -> u32 {
		self.open_streams
	}

	/// Whether the session is closed, and why.
	pub fn closed(&self) -> Option<ErrorCode> {
		self.closed
	}

	/// Admits a new stream opened by the peer at `now`.
	pub fn open_stream(&mut self, now: Instant) -> Result<StreamSession, SessionError> {
		if let Some(code) = self.closed {
			return Err(SessionError::Closed(code));
		}
		if self.open_streams >= self.limits.max_streams_per_connection {
			return Err(SessionError::TooManyStreams(self.limits.max_streams_per_connection));
		}
		self.open_streams += 1;
		self.last_activity = now;
		Ok(StreamSession::new(self.limits.max_frame_size))
	}

	/// Records that a stream ended (cleanly or not) at `now`.
	pub fn close_stream(&mut self, now: Instant) {
		self.open_streams = self.open_streams.saturating_sub(1);
		self.last_activity = now;
	}

	/// Records a request served at `now`.
	pub fn on_request(&mut self, now: Instant) {
		self.last_activity = now;
	}

	/// Decides what to do about a malformed frame on one stream.
	///
	/// The stream is reset; once the connection has seen more than
	/// `max_protocol_errors` malformed frames, the connection is closed.
	pub fn on_frame_error(&mut self, error: &FrameError) -> Action {
		self.protocol_errors += 1;
		if self.protocol_errors > self.limits.max_protocol_errors {
			self.closed = Some(ErrorCode::ProtocolViolation);
			return Action::CloseConnection {
				code: ErrorCode::ProtocolViolation,
				reason: format!("{} malformed frames, last: {error}", self.protocol_errors),
			};
		}
		Action::ResetStream(error.code())
	}

	/// When the idle limit expires, if no stream is open.
	pub fn poll_timeout(&self) -> Option<Instant> {
		if self.closed.is_some() || self.open_streams > 0 {
			return None;
		}
		Some(self.last_activity + self.limits.idle_timeout)
	}

	/// Checks the idle limit at `now`.
	pub fn handle_timeout(&mut self, now: Instant) -> Option<Action> {
		let deadline = self.poll_timeout()?;
		if now < deadline {
			return None;
		}
		self.closed = Some(ErrorCode::IdleTimeout);
		Some(Action::CloseConnection {
			code: ErrorCode::IdleTimeout,
			reason: format!("idle for {:?}", self.limits.idle_timeout),
		})
	}

	/// How long until the idle limit expires, from `now`.
	pub fn idle_remaining(&self, now: Instant) -> Option<Duration> {
		self.poll_timeout().map(|deadline| deadline.saturating_duration_since(now))
	}
}

/// The state of one stream: a frame decoder plus message decoding.
#[derive(Debug)]
pub struct StreamSession {
	decoder: FrameDecoder,
}

impl StreamSession {
	/// A stream refusing frames above `max_frame_size` bytes.
	pub fn new(max_frame_size: u32) -> Self {
		Self { decoder: FrameDecoder::new(max_frame_size) }
	}

	/// Appends bytes received on the stream.
	pub fn push(&mut self, data: Bytes) {
		self.decoder.push(data);
	}

	/// The next complete request; `Ok(None)` when more bytes are needed.
	pub fn poll_request(&mut self) -> Result<Option<Request>, FrameError> {
		match self.decoder.next_frame()? {
			Some(frame) => Request::decode(&frame).map(Some),
			None => Ok(None),
		}
	}

	/// The next complete response; `Ok(None)` when more bytes are needed.
	pub fn poll_response(&mut self) -> Result<Option<Response>, FrameError> {
		match self.decoder.next_frame()? {
			Some(frame) => Response::decode(&frame).map(Some),
			None => Ok(None),
		}
	}

	/// Checks that the stream may end here (no partial frame).
	pub fn finish(&self) -> Result<(), FrameError> {
		self.decoder.finish()
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::memory::RegionTable;
	use crate::token::{Rights, TokenAuthority};

	fn limits() -> Limits {
		Limits {
			max_frame_size: 1024,
			max_streams_per_connection: 2,
			idle_timeout: Duration::from_secs(10),
			max_protocol_errors: 1,
			..Limits::default()
		}
	}

	#[test]
	fn stream_limit() {
		let t0 = Instant::now();
		let mut session = Session::new(limits(), t0);
		let _a = session.open_stream(t0).unwrap();
		let _b = session.open_stream(t0).unwrap();
		let err = session.open_stream(t0).unwrap_err();
		assert_eq!(err, SessionError::TooManyStreams(2));
		assert_eq!(err.code(), ErrorCode::TooManyStreams);
		session.close_stream(t0);
		assert!(session.open_stream(t0).is_ok());
	}

	#[test]
	fn idle_timeout_on_simulated_time() {
		let t0 = Instant::now();
		let mut session = Session::new(limits(), t0);
		assert_eq!(session.poll_timeout(), Some(t0 + Duration::from_secs(10)));
		// An open stream keeps the connection alive however long it lasts.
		session.open_stream(t0 + Duration::from_secs(5)).unwrap();
		assert_eq!(session.poll_timeout(), None);
		assert_eq!(session.handle_timeout(t0 + Duration::from_secs(100)), None);
		session.close_stream(t0 + Duration::from_secs(100));
		assert_eq!(
			session.idle_remaining(t0 + Duration::from_secs(105)),
			Some(Duration::from_secs(5))
		);
		assert_eq!(session.handle_timeout(t0 + Duration::from_secs(109)), None);
		let action = session.handle_timeout(t0 + Duration::from_secs(110)).unwrap();
		assert!(matches!(action, Action::CloseConnection { code: ErrorCode::IdleTimeout, .. }));
		assert_eq!(session.closed(), Some(ErrorCode::IdleTimeout));
		assert_eq!(
			session.open_stream(t0 + Duration::from_secs(111)).unwrap_err(),
			SessionError::Closed(ErrorCode::IdleTimeout)
		);
	}

	#[test]
	fn malformed_frames_reset_then_close() {
		let t0 = Instant::now();
		let mut session = Session::new(limits(), t0);
		let mut stream = session.open_stream(t0).unwrap();
		stream.push(Bytes::from_static(&[9, 9, 9, 9, 9, 9, 9, 9]));
		let error = stream.poll_request().unwrap_err();
		assert_eq!(error, FrameError::UnsupportedVersion(9));
		assert_eq!(
			session.on_frame_error(&error),
			Action::ResetStream(ErrorCode::UnsupportedVersion)
		);
		let action = session.on_frame_error(&FrameError::ReservedBits);
		assert!(matches!(
			action,
			Action::CloseConnection { code: ErrorCode::ProtocolViolation, .. }
		));
	}

	/// A whole exchange in memory: client frames in, server table, response frames out.
	#[test]
	fn in_memory_request_response() {
		let t0 = Instant::now();
		let authority = TokenAuthority::new([5; 32]);
		let token = authority.issue(1, Rights::ALL, 100);
		let table = RegionTable::new(authority, &limits());
		let mut server = Session::new(limits(), t0);
		let mut server_stream = server.open_stream(t0).unwrap();
		let mut client_stream = StreamSession::new(1024);

		let requests = [
			Request::Map { token, size: 32 },
			Request::Write { token, offset: 0, data: b"hello"[..].into() },
			Request::CompareAndSwap { token, offset: 8, expected: 0, new: 3 },
			Request::Read { token, offset: 0, len: 5 },
		];
		let wire: Vec<u8> =
			requests.iter().flat_map(|r| r.encode().unwrap().to_bytes().to_vec()).collect();
		// Deliver in uneven pieces, as a network would.
		let mut responses = Vec::new();
		for piece in wire.chunks(7) {
			server_stream.push(Bytes::copy_from_slice(piece));
			while let Some(request) = server_stream.poll_request().unwrap() {
				server.on_request(t0);
				let response = table.apply(&request, 50);
				client_stream.push(response.encode().unwrap().to_bytes());
				while let Some(response) = client_stream.poll_response().unwrap() {
					responses.push(response);
				}
			}
		}
		assert!(server_stream.finish().is_ok());
		assert_eq!(
			responses,
			vec![
				Response::Ok,
				Response::Ok,
				Response::Swapped { swapped: true, previous: 0 },
				Response::Data(b"hello"[..].into()),
			]
		);
	}
}
