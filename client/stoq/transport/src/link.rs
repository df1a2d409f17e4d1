//! Links: several connections to one peer, used as one.
//!
//! quinn drives each connection on one task, so a single connection moves
//! data on one core at a time. A [`StoqLink`] opens several connections to the
//! same peer, each from a socket of its own (so each has its own receive
//! task here) and each steered to a different socket of the peer's port (so
//! each has its own receive task there), and opens channels on them in turn:
//! one bulk transfer to one peer runs on several cores at each end.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use hypermesh_stoq_core::{ErrorCode, NodeId, Request, Response};

use crate::endpoint::{Channel, EndpointError, RequestError, StoqConnection, StoqEndpoint};

/// Several attested connections to one peer; channels and requests go to
/// each in turn.
#[derive(Debug, Clone)]
pub struct StoqLink {
	connections: Arc<[StoqConnection]>,
	next: Arc<AtomicUsize>,
}

impl StoqEndpoint {
	/// Opens a link of `width` connections (at least one) to the node
	/// `expected` at `addr`, each from a new socket on this endpoint's address.
	/// The connections are steered to consecutive sockets of the peer's port,
	/// starting at a random one, so up to as many as it has land on distinct
	/// sockets (exactly so when that number divides 256). Fails if any
	/// connection fails.
	pub async fn link(
		&self,
		addr: SocketAddr,
		expected: NodeId,
		width: usize,
	) -> Result<StoqLink, EndpointError> {
		let mut connections = Vec::with_capacity(width.max(1));
		let first_socket: u8 = rand::random();
		for index in 0..width.max(1) {
			let steer = first_socket.wrapping_add(index as u8);
			let connected = async {
				let socket = self.new_client_socket()?;
				self.connect_from(&socket, addr, expected, Some(steer)).await
			};
			match connected.await {
				Ok(connection) => connections.push(connection),
				Err(error) => {
					for connection in &connections {
						connection.close(ErrorCode::NoError, "link not established");
					}
					return Err(error);
				}
			}
		}
		Ok(StoqLink { connections: connections.into(), next: Arc::new(AtomicUsize::new(0)) })
	}
}

impl StoqLink {
	/// The link's connections.
	pub fn connections(&self) -> &[StoqConnection] {
		&self.connections
	}

	/// The connection the next channel or request uses.
	fn next_connection(&self) -> &StoqConnection {
		&self.connections[self.next.fetch_add(1, Ordering::Relaxed) % self.connections.len()]
	}

	/// Opens a channel on the next connection.
	pub async fn channel(&self) -> Result<Channel, RequestError> {
		self.next_connection().channel().await
	}

	/// Sends one request on a fresh stream of the next connection and waits
	/// for its response.
	pub async fn request(&self, request: &Request) -> Result<Response, RequestError> {
		self.next_connection().request(request).await
	}

	/// Closes every connection of the link with `code`.
	pub fn close(&self, code: ErrorCode, reason: &str) {
		for connection in self.connections.iter() {
			connection.close(code, reason);
		}
	}
}
