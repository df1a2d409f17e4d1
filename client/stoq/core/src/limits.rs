//! Limits an endpoint enforces on frames, streams, connections, idle time and storage.

use core::time::Duration;

/// Resource limits of one STOQ endpoint.
///
/// The core enforces the frame, stream, idle and storage limits; the driver
/// enforces the connection limit and hands the stream and idle limits to QUIC
/// as well, so a peer is stopped at the first layer that sees the excess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
	/// Largest frame payload accepted, in bytes.
	pub max_frame_size: u32,
	/// Most bidirectional streams a peer may have open on one connection.
	pub max_streams_per_connection: u32,
	/// Most connections an endpoint serves at once.
	pub max_connections: u32,
	/// A connection with no open stream for this long is closed.
	pub idle_timeout: Duration,
	/// Malformed frames tolerated on one connection before it is closed.
	pub max_protocol_errors: u32,
	/// Largest remote-memory region a `Map` may create, in bytes.
	pub max_region_size: u64,
	/// Total bytes all regions of an endpoint may hold.
	pub max_region_bytes: u64,
	/// Total bytes the chunk store of an endpoint may hold.
	pub max_chunk_store_bytes: u64,
}

impl Default for Limits {
	fn default() -> Self {
		Self {
			max_frame_size: 16 * 1024 * 1024,
			max_streams_per_connection: 1024,
			max_connections: 4096,
			idle_timeout: Duration::from_secs(30),
			max_protocol_errors: 8,
			max_region_size: 1 << 30,
			max_region_bytes: 4 << 30,
			max_chunk_store_bytes: 4 << 30,
		}
	}
}
