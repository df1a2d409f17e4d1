//! Steering a shared port's datagrams to sockets by connection ID.
//!
//! A port bound by several sockets (`SO_REUSEPORT`) is by default spread by a
//! hash of the peer's address and port, so where connections land is left to
//! chance: four connections on four sockets share a socket more often than
//! not, and the busiest socket's receive task caps them all.
//!
//! STOQ steers by connection ID instead. Socket `i` of a port issues
//! connection IDs whose first byte is `i` ([`SocketConnectionIds`]), and a
//! classic BPF program attached to the port ([`steer_port`]) sends each
//! datagram to socket `b % n`, where `b` is the first byte of the packet's
//! destination connection ID and `n` the number of sockets. A connection's
//! first packets carry an ID the client chose ([`initial_connection_id`]),
//! and every later packet one its socket issued, so all its packets reach the
//! socket that holds it. A client that opens several connections to one peer
//! (a [link](crate::StoqLink)) picks consecutive first bytes for them, which
//! puts them on distinct sockets of the peer's port.
//!
//! Apart from that first byte, every connection ID is random. The byte tells
//! an observer only which of the port's sockets serves a connection, as in the
//! plaintext server IDs of QUIC load balancers.

use quinn::{ConnectionId, ConnectionIdGenerator};
use rand::RngCore;

/// Random bytes after the steering byte of an issued connection ID.
const ISSUED_RANDOM: usize = 8;

/// Random bytes after the steering byte of a client's initial destination
/// connection ID; RFC 9000 asks for at least 8 unpredictable bytes in all.
const INITIAL_RANDOM: usize = 16;

/// The most sockets one port can steer to: the steering byte's range.
pub(crate) const MAX_STEERED_SOCKETS: usize = 256;

/// An `N`-byte connection ID: `first`, then `N - 1` random bytes.
fn connection_id<const N: usize>(first: u8) -> ConnectionId {
	let mut bytes = [first; N];
	rand::thread_rng().fill_bytes(&mut bytes[1..]);
	ConnectionId::new(&bytes)
}

/// The destination connection ID of a client's first packets, steering them
/// to socket `first % n` of a peer whose port has `n` sockets.
pub(crate) fn initial_connection_id(first: u8) -> ConnectionId {
	connection_id::<{ 1 + INITIAL_RANDOM }>(first)
}

/// Issues the connection IDs of one socket of a shared port: its index, then
/// random bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SocketConnectionIds {
	/// The socket's index in the port's reuse group.
	pub(crate) socket: u8,
}

impl ConnectionIdGenerator for SocketConnectionIds {
	fn generate_cid(&mut self) -> ConnectionId {
		connection_id::<{ 1 + ISSUED_RANDOM }>(self.socket)
	}

	fn cid_len(&self) -> usize {
		1 + ISSUED_RANDOM
	}

	fn cid_lifetime(&self) -> Option<std::time::Duration> {
		None
	}
}

/// Attaches the steering program to the reuse group of `socket`'s port,
/// which `sockets` sockets have joined in index order (at most
/// [`MAX_STEERED_SOCKETS`]).
///
/// The program reads the first byte of the destination connection ID (offset
/// 6 in a long header, 1 in a short one) and returns it modulo `sockets`. A
/// datagram too short to read sends the kernel to socket 0, where quinn drops
/// it.
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) fn steer_port(socket: &std::net::UdpSocket, sockets: usize) -> std::io::Result<()> {
	use std::os::fd::AsRawFd;

	use libc::{
		sock_filter, sock_fprog, BPF_A, BPF_ABS, BPF_ALU, BPF_B, BPF_JA, BPF_JMP, BPF_JSET, BPF_K,
		BPF_LD, BPF_MOD, BPF_RET,
	};

	debug_assert!((2..=MAX_STEERED_SOCKETS).contains(&sockets));
	let op = |code: u32, jump_true: u8, jump_false: u8, k: u32| sock_filter {
		code: code as u16,
		jt: jump_true,
		jf: jump_false,
		k,
	};
	// The program sees the UDP payload: the QUIC packet.
	let mut program = [
		// The header form bit: set in long headers.
		op(BPF_LD | BPF_B | BPF_ABS, 0, 0, 0),
		op(BPF_JMP | BPF_JSET | BPF_K, 0, 2, 0x80),
		// Long header: flags, 4-byte version, ID length, then the ID.
		op(BPF_LD | BPF_B | BPF_ABS, 0, 0, 6),
		op(BPF_JMP | BPF_JA, 0, 0, 1),
		// Short header: flags, then the ID.
		op(BPF_LD | BPF_B | BPF_ABS, 0, 0, 1),
		op(BPF_ALU | BPF_MOD | BPF_K, 0, 0, sockets as u32),
		op(BPF_RET | BPF_A, 0, 0, 0),
	];
	let filter = sock_fprog { len: program.len() as u16, filter: program.as_mut_ptr() };
	// SAFETY: `filter` points at `program`, both live until the call returns,
	// and the kernel copies the program before it does.
	let result = unsafe {
		libc::setsockopt(
			socket.as_raw_fd(),
			libc::SOL_SOCKET,
			libc::SO_ATTACH_REUSEPORT_CBPF,
			(&raw const filter).cast(),
			size_of::<sock_fprog>() as libc::socklen_t,
		)
	};
	if result == 0 {
		Ok(())
	} else {
		Err(std::io::Error::last_os_error())
	}
}
