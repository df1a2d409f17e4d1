//! The STOQ endpoint: binds its UDP sockets, accepts and opens attested,
//! post-quantum QUIC connections, and exchanges framed requests on them.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::task::Poll;

use bytes::Bytes;
use hypermesh_stoq_core::{
	AllowedIdentities, EncodedFrame, ErrorCode, FrameError, IdentityError, NodeId, NodeKeys,
	PeerIdentity, Request, Response, StreamSession,
};
use quinn::crypto::rustls::{HandshakeData, QuicClientConfig, QuicServerConfig};
use quinn::{RecvStream, SendStream, VarInt};
use rustls::NamedGroup;

use crate::config::{StoqConfig, Tuning};
use crate::steering::{initial_connection_id, SocketConnectionIds, MAX_STEERED_SOCKETS};
use crate::tls::{self, NodeCertificate, TlsError};

/// Errors of endpoint setup and connection establishment.
#[derive(Debug, thiserror::Error)]
pub enum EndpointError {
	/// Binding or configuring the socket failed.
	#[error("socket: {0}")]
	Io(#[from] std::io::Error),
	/// TLS setup failed.
	#[error("tls: {0}")]
	Tls(#[from] TlsError),
	/// quinn refused to start the connection.
	#[error("connect: {0}")]
	Connect(#[from] quinn::ConnectError),
	/// The handshake or connection failed (including refused identities).
	#[error("connection: {0}")]
	Connection(#[from] quinn::ConnectionError),
	/// The peer is not who it should be.
	#[error("identity: {0}")]
	Identity(#[from] IdentityError),
	/// The handshake settled on a group the policy refuses.
	#[error("key exchange group {0:?} refused by policy")]
	KeyExchange(NamedGroup),
	/// The handshake produced no usable peer certificate or handshake data.
	#[error("handshake incomplete: {0}")]
	Handshake(String),
	/// The endpoint is closed.
	#[error("endpoint closed")]
	Closed,
}

/// Errors of a request on a connection.
#[derive(Debug, thiserror::Error)]
pub enum RequestError {
	/// The connection failed.
	#[error("connection: {0}")]
	Connection(#[from] quinn::ConnectionError),
	/// Writing the request failed (e.g. the server reset the stream).
	#[error("write: {0}")]
	Write(#[from] quinn::WriteError),
	/// Reading the response failed (e.g. the server reset the stream).
	#[error("read: {0}")]
	Read(#[from] quinn::ReadError),
	/// A frame could not be encoded or decoded.
	#[error("frame: {0}")]
	Frame(#[from] FrameError),
	/// The stream ended before a response arrived.
	#[error("stream ended before the response")]
	NoResponse,
	/// The stream was already closed.
	#[error("stream closed")]
	Closed(#[from] quinn::ClosedStream),
}

impl RequestError {
	/// The STOQ code the peer reset the stream or closed the connection with, if any.
	pub fn code(&self) -> Option<ErrorCode> {
		let raw = match self {
			Self::Write(quinn::WriteError::Stopped(code)) => *code,
			Self::Read(quinn::ReadError::Reset(code)) => *code,
			Self::Connection(quinn::ConnectionError::ApplicationClosed(close))
			| Self::Read(quinn::ReadError::ConnectionLost(
				quinn::ConnectionError::ApplicationClosed(close),
			))
			| Self::Write(quinn::WriteError::ConnectionLost(
				quinn::ConnectionError::ApplicationClosed(close),
			)) => close.error_code,
			_ => return None,
		};
		u32::try_from(raw.into_inner()).ok().and_then(ErrorCode::from_u32)
	}
}

pub(crate) fn varint(code: ErrorCode) -> VarInt {
	VarInt::from_u32(code.to_u32())
}

/// A STOQ endpoint: serves connections on one UDP port and opens connections.
///
/// The port may be bound by several sockets ([`Tuning::sockets`]); each is a
/// quinn endpoint with its own receive task, and the kernel steers each
/// connection's datagrams to one of them by connection ID (see
/// [`StoqLink`](crate::StoqLink)), so the traffic of many connections is
/// received on many cores.
///
/// [`Tuning::sockets`]: crate::Tuning::sockets
#[derive(Debug, Clone)]
pub struct StoqEndpoint {
	/// The sockets bound to the endpoint's port.
	sockets: Arc<[quinn::Endpoint]>,
	/// Where the next accept starts looking and which socket the next
	/// outgoing connection leaves from (its replies come back to that
	/// socket, steered by connection ID), so the sockets share the work.
	next_socket: Arc<AtomicUsize>,
	endpoint_config: quinn::EndpointConfig,
	runtime: Arc<dyn quinn::Runtime>,
	client: quinn::ClientConfig,
	node: NodeId,
	config: Arc<StoqConfig>,
	connections: Arc<AtomicUsize>,
}

impl StoqEndpoint {
	/// Binds `addr` with the node's `keys`, accepting peers in `allowed`.
	///
	/// Several sockets on one port need Linux (`SO_REUSEPORT`); elsewhere
	/// asking for more than one is an error.
	pub fn bind(
		addr: SocketAddr,
		keys: &NodeKeys,
		allowed: Arc<RwLock<AllowedIdentities>>,
		config: StoqConfig,
	) -> Result<Self, EndpointError> {
		let cert = NodeCertificate::issue(keys)?;
		let transport = config.quinn_transport();
		let server_tls = tls::server_tls(&cert, allowed.clone(), config.key_exchange)?;
		let mut server = quinn::ServerConfig::with_crypto(Arc::new(
			QuicServerConfig::try_from(server_tls).map_err(TlsError::from)?,
		));
		server.transport_config(transport.clone());
		server.max_incoming(config.limits.max_connections as usize);
		let client_tls = tls::client_tls(&cert, allowed, config.key_exchange)?;
		let mut client = quinn::ClientConfig::new(Arc::new(
			QuicClientConfig::try_from(client_tls).map_err(TlsError::from)?,
		));
		client.transport_config(transport);

		let runtime = quinn::default_runtime()
			.ok_or_else(|| std::io::Error::other("no async runtime found"))?;
		// One configuration for all sockets: they share the stateless-reset key.
		let mut endpoint_config = quinn::EndpointConfig::default();
		// The largest UDP payload this endpoint accepts, announced to peers;
		// it caps what MTU discovery may reach.
		endpoint_config
			.max_udp_payload_size(config.tuning.mtu_ceiling)
			.map_err(|e| std::io::Error::other(e.to_string()))?;
		let bound = bind_sockets(addr, &config.tuning)?;
		let steered = bound.len() > 1;
		let sockets: Arc<[_]> = bound
			.into_iter()
			.enumerate()
			.map(|(index, socket)| {
				let mut socket_config = endpoint_config.clone();
				if steered {
					// `bind_sockets` allows no more sockets than a byte can index.
					let ids = SocketConnectionIds { socket: index as u8 };
					socket_config.cid_generator(move || Box::new(ids));
				}
				quinn::Endpoint::new(socket_config, Some(server.clone()), socket, runtime.clone())
			})
			.collect::<Result<_, _>>()?;
		Ok(Self {
			sockets,
			next_socket: Arc::new(AtomicUsize::new(0)),
			endpoint_config,
			runtime,
			client,
			node: keys.node_id(),
			config: Arc::new(config),
			connections: Arc::new(AtomicUsize::new(0)),
		})
	}

	/// The local socket address (the same for every socket of the endpoint).
	pub fn local_addr(&self) -> Result<SocketAddr, EndpointError> {
		Ok(self.sockets[0].local_addr()?)
	}

	/// How many sockets share the endpoint's port.
	pub fn socket_count(&self) -> usize {
		self.sockets.len()
	}

	/// Open connections held by each socket of the endpoint's port, in
	/// socket order (a link's connections are not counted: they leave from
	/// sockets of their own).
	pub fn connections_per_socket(&self) -> Vec<usize> {
		self.sockets.iter().map(quinn::Endpoint::open_connections).collect()
	}

	/// A new socket for outgoing connections only, on this endpoint's address
	/// and a port of its own.
	pub(crate) fn new_client_socket(&self) -> Result<quinn::Endpoint, EndpointError> {
		let addr = SocketAddr::new(self.local_addr()?.ip(), 0);
		let socket = bind_socket(addr, self.config.tuning.socket_buffer, false)?;
		let endpoint_config = self.endpoint_config.clone();
		Ok(quinn::Endpoint::new(endpoint_config, None, socket, self.runtime.clone())?)
	}

	/// This node's identity.
	pub fn node_id(&self) -> NodeId {
		self.node
	}

	/// The endpoint's configuration.
	pub fn config(&self) -> &StoqConfig {
		&self.config
	}

	/// Connections currently served (accepted, not yet closed).
	pub fn accepted_connections(&self) -> usize {
		self.connections.load(Ordering::Relaxed)
	}

	/// Connects to the node `expected` at `addr`.
	pub async fn connect(
		&self,
		addr: SocketAddr,
		expected: NodeId,
	) -> Result<StoqConnection, EndpointError> {
		let socket = self.next_socket.fetch_add(1, Ordering::Relaxed) % self.sockets.len();
		self.connect_from(&self.sockets[socket], addr, expected, None).await
	}

	/// Connects from `socket` to the node `expected` at `addr`; with
	/// `steer`, to socket `steer % n` of a peer whose port has `n` sockets.
	pub(crate) async fn connect_from(
		&self,
		socket: &quinn::Endpoint,
		addr: SocketAddr,
		expected: NodeId,
		steer: Option<u8>,
	) -> Result<StoqConnection, EndpointError> {
		let mut client = self.client.clone();
		if let Some(first) = steer {
			client.initial_dst_cid_provider(Arc::new(move || initial_connection_id(first)));
		}
		let connecting = socket.connect_with(client, addr, tls::SERVER_NAME)?;
		let connection = StoqConnection::establish(connecting.await?, &self.config)?;
		if connection.peer.node != expected {
			let error = IdentityError::UnexpectedPeer { expected, actual: connection.peer.node };
			connection.close(ErrorCode::IdentityRefused, &error.to_string());
			return Err(error.into());
		}
		Ok(connection)
	}

	/// Waits for the next incoming connection attempt. Attempts above the
	/// connection limit are refused before any handshake work.
	/// `None` once the endpoint is closed.
	pub async fn accept(&self) -> Option<Accepting> {
		loop {
			let incoming = self.next_incoming().await?;
			let max = self.config.limits.max_connections as usize;
			if self.connections.fetch_add(1, Ordering::AcqRel) >= max {
				self.connections.fetch_sub(1, Ordering::AcqRel);
				incoming.refuse();
				continue;
			}
			return Some(Accepting {
				incoming,
				config: self.config.clone(),
				connections: self.connections.clone(),
			});
		}
	}

	/// The next connection attempt on any socket, `None` once all are closed.
	async fn next_incoming(&self) -> Option<quinn::Incoming> {
		// Start at a different socket each time, so a busy one cannot starve the rest.
		let first = self.next_socket.fetch_add(1, Ordering::Relaxed);
		let count = self.sockets.len();
		let mut accepts: Vec<Option<Pin<Box<quinn::Accept<'_>>>>> = (0..count)
			.map(|i| Some(Box::pin(self.sockets[(first + i) % count].accept())))
			.collect();
		// Dropping the other sockets' accepts loses nothing: quinn keeps
		// attempts queued until an accept takes them.
		std::future::poll_fn(|cx| {
			for slot in accepts.iter_mut() {
				let Some(accept) = slot else { continue };
				match accept.as_mut().poll(cx) {
					Poll::Ready(Some(incoming)) => return Poll::Ready(Some(incoming)),
					Poll::Ready(None) => *slot = None,
					Poll::Pending => {}
				}
			}
			if accepts.iter().all(Option::is_none) {
				Poll::Ready(None)
			} else {
				Poll::Pending
			}
		})
		.await
	}

	/// Closes every connection and stops accepting.
	pub fn close(&self) {
		for socket in self.sockets.iter() {
			socket.close(varint(ErrorCode::NoError), b"endpoint closed");
		}
	}

	/// Waits until every connection is closed and its state released.
	pub async fn wait_idle(&self) {
		for socket in self.sockets.iter() {
			socket.wait_idle().await;
		}
	}
}

/// Binds `tuning.sockets` UDP sockets to one port of `addr`.
fn bind_sockets(addr: SocketAddr, tuning: &Tuning) -> std::io::Result<Vec<std::net::UdpSocket>> {
	let count = tuning.sockets.max(1);
	let shared = count > 1;
	if shared && !cfg!(any(target_os = "linux", target_os = "android")) {
		return Err(std::io::Error::new(
			std::io::ErrorKind::Unsupported,
			"several sockets on one port need SO_REUSEPORT balancing (Linux)",
		));
	}
	if count > MAX_STEERED_SOCKETS {
		return Err(std::io::Error::new(
			std::io::ErrorKind::InvalidInput,
			format!("{count} sockets on one port: at most {MAX_STEERED_SOCKETS} can be steered to"),
		));
	}
	let first = bind_socket(addr, tuning.socket_buffer, shared)?;
	// Binding port 0 picked a port; the other sockets join that one, in
	// index order: the order the steering program counts them in.
	let port = first.local_addr()?;
	let mut sockets = vec![first];
	for _ in 1..count {
		sockets.push(bind_socket(port, tuning.socket_buffer, shared)?);
	}
	#[cfg(any(target_os = "linux", target_os = "android"))]
	if shared {
		crate::steering::steer_port(&sockets[0], count)?;
	}
	Ok(sockets)
}

fn bind_socket(
	addr: SocketAddr,
	buffer: usize,
	shared_port: bool,
) -> std::io::Result<std::net::UdpSocket> {
	use socket2::{Domain, Protocol, Socket, Type};
	let socket = Socket::new(Domain::for_address(addr), Type::DGRAM, Some(Protocol::UDP))?;
	// Larger buffers absorb bursts at high rates; the kernel caps them at its maximum.
	socket.set_recv_buffer_size(buffer)?;
	socket.set_send_buffer_size(buffer)?;
	#[cfg(any(target_os = "linux", target_os = "android"))]
	if shared_port {
		// Only sockets of the same user may join the port.
		socket.set_reuse_port(true)?;
	}
	#[cfg(not(any(target_os = "linux", target_os = "android")))]
	let _ = shared_port;
	socket.bind(&addr.into())?;
	Ok(socket.into())
}

/// An incoming connection admitted under the limit; run its handshake with
/// [`establish`](Self::establish), typically in its own task.
#[derive(Debug)]
pub struct Accepting {
	incoming: quinn::Incoming,
	config: Arc<StoqConfig>,
	connections: Arc<AtomicUsize>,
}

impl Accepting {
	/// Completes the handshake: key exchange policy, attestation and allowed identity.
	pub async fn establish(self) -> Result<StoqConnection, EndpointError> {
		let established = async {
			let connection = self.incoming.await?;
			StoqConnection::establish(connection, &self.config)
		};
		match established.await {
			Ok(connection) => {
				let watched = connection.inner.clone();
				let connections = self.connections;
				tokio::spawn(async move {
					watched.closed().await;
					connections.fetch_sub(1, Ordering::AcqRel);
				});
				Ok(connection)
			}
			Err(error) => {
				self.connections.fetch_sub(1, Ordering::AcqRel);
				Err(error)
			}
		}
	}
}

/// An established STOQ connection to an attested, allowed peer.
#[derive(Debug, Clone)]
pub struct StoqConnection {
	inner: quinn::Connection,
	peer: PeerIdentity,
	group: NamedGroup,
	max_frame_size: u32,
}

impl StoqConnection {
	fn establish(inner: quinn::Connection, config: &StoqConfig) -> Result<Self, EndpointError> {
		let handshake = inner
			.handshake_data()
			.and_then(|data| data.downcast::<HandshakeData>().ok())
			.ok_or_else(|| EndpointError::Handshake("no handshake data".into()))?;
		let group = handshake.negotiated_key_exchange_group;
		if !config.key_exchange.permits(group) {
			inner.close(varint(ErrorCode::ClassicalKeyExchange), b"key exchange refused");
			return Err(EndpointError::KeyExchange(group));
		}
		let certs = inner
			.peer_identity()
			.and_then(|certs| {
				certs.downcast::<Vec<rustls::pki_types::CertificateDer<'static>>>().ok()
			})
			.ok_or_else(|| EndpointError::Handshake("no peer certificate".into()))?;
		let cert = certs
			.first()
			.ok_or_else(|| EndpointError::Handshake("empty certificate chain".into()))?;
		let peer =
			tls::claimed_identity(cert).map_err(|e| EndpointError::Handshake(e.to_string()))?;
		Ok(Self { inner, peer, group, max_frame_size: config.limits.max_frame_size })
	}

	/// The peer's verified identity.
	pub fn peer(&self) -> PeerIdentity {
		self.peer
	}

	/// The key exchange group the handshake negotiated.
	pub fn key_exchange_group(&self) -> NamedGroup {
		self.group
	}

	/// Whether the handshake used the hybrid post-quantum group.
	pub fn is_post_quantum(&self) -> bool {
		self.group == NamedGroup::X25519MLKEM768
	}

	/// The peer's socket address.
	pub fn remote_address(&self) -> SocketAddr {
		self.inner.remote_address()
	}

	/// Path and congestion statistics.
	pub fn stats(&self) -> quinn::ConnectionStats {
		self.inner.stats()
	}

	/// Closes the connection with `code`.
	pub fn close(&self, code: ErrorCode, reason: &str) {
		self.inner.close(varint(code), reason.as_bytes());
	}

	/// Why the connection closed, if it has.
	pub fn close_reason(&self) -> Option<quinn::ConnectionError> {
		self.inner.close_reason()
	}

	/// Waits for the connection to close.
	pub async fn closed(&self) -> quinn::ConnectionError {
		self.inner.closed().await
	}

	/// Sends one request on a fresh stream and waits for its response.
	pub async fn request(&self, request: &Request) -> Result<Response, RequestError> {
		let mut channel = self.channel().await?;
		channel.send(request).await?;
		channel.finish()?;
		channel.receive().await
	}

	/// Opens a stream for several requests answered in order.
	pub async fn channel(&self) -> Result<Channel, RequestError> {
		let (send, recv) = self.inner.open_bi().await?;
		Ok(Channel::new(send, recv, self.max_frame_size))
	}

	/// Opens a raw bidirectional stream (for sending hand-made bytes).
	pub async fn open_raw(&self) -> Result<(SendStream, RecvStream), RequestError> {
		Ok(self.inner.open_bi().await?)
	}

	pub(crate) async fn accept_bi(
		&self,
	) -> Result<(SendStream, RecvStream), quinn::ConnectionError> {
		self.inner.accept_bi().await
	}
}

/// One bidirectional stream carrying requests and, in order, their responses.
#[derive(Debug)]
pub struct Channel {
	send: SendStream,
	recv: RecvStream,
	stream: StreamSession,
}

impl Channel {
	fn new(send: SendStream, recv: RecvStream, max_frame_size: u32) -> Self {
		Self { send, recv, stream: StreamSession::new(max_frame_size) }
	}

	/// Sends a request without waiting for its response (pipelining).
	pub async fn send(&mut self, request: &Request) -> Result<(), RequestError> {
		write_frame(&mut self.send, request.encode()?).await
	}

	/// Waits for the next response.
	pub async fn receive(&mut self) -> Result<Response, RequestError> {
		loop {
			if let Some(response) = self.stream.poll_response()? {
				return Ok(response);
			}
			match self.recv.read_chunk(usize::MAX, true).await? {
				Some(chunk) => self.stream.push(chunk.bytes),
				None => return Err(RequestError::NoResponse),
			}
		}
	}

	/// Sends a request and waits for its response.
	pub async fn call(&mut self, request: &Request) -> Result<Response, RequestError> {
		self.send(request).await?;
		self.receive().await
	}

	/// Signals that no more requests follow.
	pub fn finish(&mut self) -> Result<(), RequestError> {
		Ok(self.send.finish()?)
	}
}

/// Writes an encoded frame without copying its body.
pub(crate) async fn write_frame(
	send: &mut SendStream,
	frame: EncodedFrame,
) -> Result<(), RequestError> {
	let mut pieces: Vec<Bytes> = frame.into_payload().into_iter().collect();
	send.write_all_chunks(&mut pieces).await?;
	Ok(())
}
