//! Endpoint configuration: limits, key exchange policy and QUIC tuning.

use std::sync::Arc;
use std::time::Duration;

use hypermesh_stoq_core::Limits;
use quinn::{AckFrequencyConfig, IdleTimeout, MtuDiscoveryConfig, TransportConfig, VarInt};

use crate::tls::KeyExchange;

/// Most segments quinn 0.11 hands the kernel in one GSO send.
pub const GSO_BATCH: usize = 10;

/// QUIC tuning of a STOQ endpoint.
///
/// The defaults suit a node on the internet; [`Tuning::local`] raises the MTU
/// ceiling for paths with jumbo frames or loopback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tuning {
	/// Flow-control window of one stream, bytes. Keep it at least the
	/// bandwidth-delay product of one stream's share of the path.
	pub stream_window: u32,
	/// Flow-control window of a whole connection, bytes (≥ the path's BDP).
	pub connection_window: u32,
	/// Bytes a connection may have in flight unacknowledged.
	pub send_window: u64,
	/// UDP payload size used from the first packet (at least 1200).
	pub initial_mtu: u16,
	/// Upper bound for path MTU discovery (UDP payload bytes).
	pub mtu_ceiling: u16,
	/// Ack-eliciting packets received before the peer must acknowledge
	/// (QUIC ACK frequency extension).
	pub ack_eliciting_threshold: u32,
	/// Longest the peer may delay an acknowledgement.
	pub max_ack_delay: Duration,
	/// Whether to send with GSO (and receive with GRO) where the OS offers it.
	pub segmentation_offload: bool,
	/// Requested UDP socket buffer size, bytes (the kernel may cap it).
	pub socket_buffer: usize,
	/// UDP sockets bound to the endpoint's one port (Linux `SO_REUSEPORT`).
	///
	/// quinn receives each socket's datagrams on one task, so one socket
	/// receives on one core at a time. A node serving many connections, or
	/// [links](crate::StoqLink) several connections wide, spreads receiving
	/// over about as many cores as it has sockets.
	pub sockets: usize,
}

impl Default for Tuning {
	fn default() -> Self {
		Self {
			stream_window: 16 * 1024 * 1024,
			connection_window: 64 * 1024 * 1024,
			send_window: 64 * 1024 * 1024,
			initial_mtu: 1200,
			mtu_ceiling: 1452,
			ack_eliciting_threshold: 8,
			max_ack_delay: Duration::from_millis(5),
			segmentation_offload: true,
			socket_buffer: 8 * 1024 * 1024,
			sockets: 1,
		}
	}
}

impl Tuning {
	/// Tuning for a path whose link MTU is `link_mtu` bytes (e.g. 9000 for
	/// jumbo frames, 65536 on loopback); discovery still verifies the path.
	///
	/// Segmentation offload stays on only while a batch fits one UDP send:
	/// quinn batches up to [`GSO_BATCH`] segments and the kernel refuses a send
	/// above 64 KiB, so with larger packets batches would be dropped whole.
	/// Large packets already amortise the per-send cost that GSO saves.
	///
	/// Meant for a few high-throughput connections. With about a thousand
	/// connections on one socket, their large datagrams overrun the kernel's
	/// socket buffer (capped by `net.core.rmem_max`) during handshakes and
	/// MTU probing; keep [`Tuning::default`] there.
	pub fn local(link_mtu: u16) -> Self {
		// IPv6 (40) + UDP (8) headers; quinn's ceiling is a UDP payload size.
		let mtu_ceiling = link_mtu.saturating_sub(48).clamp(1200, 65_527);
		let segmentation_offload = usize::from(mtu_ceiling) * GSO_BATCH + 48 <= 65_535;
		// A local path's bandwidth-delay product is small (10 Gbit/s × 100 µs
		// ≈ 125 KB); smaller windows keep bursts within the receiver's socket
		// buffer, where a drop costs far more than the window saves.
		Self {
			mtu_ceiling,
			segmentation_offload,
			stream_window: 4 * 1024 * 1024,
			connection_window: 8 * 1024 * 1024,
			send_window: 8 * 1024 * 1024,
			..Self::default()
		}
	}
}

/// Everything an endpoint needs besides its keys and allowed identities.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoqConfig {
	/// Frame, stream, connection, idle and storage limits.
	pub limits: Limits,
	/// Key exchange policy.
	pub key_exchange: KeyExchange,
	/// QUIC tuning.
	pub tuning: Tuning,
}

impl StoqConfig {
	/// The quinn transport configuration implementing limits and tuning.
	pub fn quinn_transport(&self) -> Arc<TransportConfig> {
		let tuning = &self.tuning;
		let mut transport = TransportConfig::default();
		transport
			.max_concurrent_bidi_streams(VarInt::from_u32(self.limits.max_streams_per_connection))
			.max_concurrent_uni_streams(VarInt::from_u32(0))
			.max_idle_timeout(IdleTimeout::try_from(self.limits.idle_timeout).ok())
			.keep_alive_interval(Some(self.limits.idle_timeout / 3))
			.stream_receive_window(VarInt::from_u32(tuning.stream_window))
			.receive_window(VarInt::from_u32(tuning.connection_window))
			.send_window(tuning.send_window)
			.enable_segmentation_offload(tuning.segmentation_offload);
		transport.initial_mtu(tuning.initial_mtu.min(tuning.mtu_ceiling));
		let mut mtu = MtuDiscoveryConfig::default();
		mtu.upper_bound(tuning.mtu_ceiling);
		transport.mtu_discovery_config(Some(mtu));
		let mut ack = AckFrequencyConfig::default();
		ack.ack_eliciting_threshold(VarInt::from_u32(tuning.ack_eliciting_threshold))
			.max_ack_delay(Some(tuning.max_ack_delay));
		transport.ack_frequency_config(Some(ack));
		Arc::new(transport)
	}
}
