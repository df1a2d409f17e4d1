//! The data plane a node serves over STOQ: remote-memory regions, the chunk
//! store, and forwarding to the provider behind a global address.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use hypermesh_stoq_core::{
	Action, ChunkError, ChunkStore, ErrorCode, GlobalAddress, Limits, RegionTable, Request,
	Response, Route, RouteTable, Session, StreamSession, TokenAuthority, VerifiedChunk,
};
use quinn::{RecvStream, SendStream};

use crate::endpoint::{varint, write_frame, StoqConnection, StoqEndpoint};

/// Errors of the data-plane service.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
	/// A lock was poisoned by a panicking task.
	#[error("state lock poisoned")]
	Poisoned,
}

fn lock<T>(mutex: &Mutex<T>) -> Result<MutexGuard<'_, T>, ServiceError> {
	mutex.lock().map_err(|_| ServiceError::Poisoned)
}

fn unix_now() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// The state behind one node's data plane.
#[derive(Debug)]
pub struct DataPlane {
	limits: Limits,
	regions: RegionTable,
	chunks: Mutex<ChunkStore>,
	routes: RwLock<RouteTable>,
	providers: tokio::sync::Mutex<HashMap<SocketAddr, StoqConnection>>,
}

impl DataPlane {
	/// A data plane checking region tokens with `authority`.
	pub fn new(authority: TokenAuthority, limits: &Limits) -> Arc<Self> {
		Arc::new(Self {
			limits: limits.clone(),
			regions: RegionTable::new(authority, limits),
			chunks: Mutex::new(ChunkStore::new(limits.max_chunk_store_bytes)),
			routes: RwLock::new(RouteTable::new()),
			providers: tokio::sync::Mutex::new(HashMap::new()),
		})
	}

	/// Routes `address` to a provider, making this node a proxy for it.
	pub fn add_route(&self, address: GlobalAddress, route: Route) -> Result<(), ServiceError> {
		self.routes.write().map_err(|_| ServiceError::Poisoned)?.insert(address, route);
		Ok(())
	}

	/// Accepts connections on `endpoint` and serves them until it closes.
	/// Forwarded requests leave through the same endpoint.
	pub async fn serve(self: Arc<Self>, endpoint: StoqEndpoint) {
		while let Some(accepting) = endpoint.accept().await {
			let service = self.clone();
			let endpoint = endpoint.clone();
			tokio::spawn(async move {
				if let Ok(connection) = accepting.establish().await {
					service.serve_connection(connection, endpoint).await;
				}
			});
		}
	}

	/// Serves one established connection until it closes.
	pub async fn serve_connection(
		self: Arc<Self>,
		connection: StoqConnection,
		endpoint: StoqEndpoint,
	) {
		let session = Arc::new(Mutex::new(Session::new(self.limits.clone(), Instant::now())));
		let watchdog = tokio::spawn(idle_watchdog(session.clone(), connection.clone()));
		while let Ok((mut send, mut recv)) = connection.accept_bi().await {
			let admitted = match lock(&session) {
				Ok(mut session) => session.open_stream(Instant::now()).map_err(|e| e.code()),
				Err(_) => Err(ErrorCode::Internal),
			};
			match admitted {
				Ok(stream) => {
					let service = self.clone();
					let session = session.clone();
					let connection = connection.clone();
					let endpoint = endpoint.clone();
					tokio::spawn(async move {
						service
							.serve_stream(stream, send, recv, &session, &connection, &endpoint)
							.await;
						if let Ok(mut session) = lock(&session) {
							session.close_stream(Instant::now());
						}
					});
				}
				Err(code) => {
					let _ = send.reset(varint(code));
					let _ = recv.stop(varint(code));
				}
			}
		}
		watchdog.abort();
	}

	async fn serve_stream(
		&self,
		mut stream: StreamSession,
		mut send: SendStream,
		mut recv: RecvStream,
		session: &Mutex<Session>,
		connection: &StoqConnection,
		endpoint: &StoqEndpoint,
	) {
		loop {
			let request = match stream.poll_request() {
				Ok(Some(request)) => request,
				Ok(None) => match recv.read_chunk(usize::MAX, true).await {
					Ok(Some(chunk)) => {
						stream.push(chunk.bytes);
						continue;
					}
					Ok(None) => {
						match stream.finish() {
							Ok(()) => {
								let _ = send.finish();
							}
							Err(error) => {
								let _ = send.reset(varint(error.code()));
							}
						}
						return;
					}
					Err(_) => return,
				},
				Err(error) => {
					let action = match lock(session) {
						Ok(mut session) => session.on_frame_error(&error),
						Err(_) => Action::ResetStream(ErrorCode::Internal),
					};
					match action {
						Action::ResetStream(code) => {
							let _ = send.reset(varint(code));
							let _ = recv.stop(varint(code));
						}
						Action::CloseConnection { code, reason } => connection.close(code, &reason),
					}
					return;
				}
			};
			if let Ok(mut session) = lock(session) {
				session.on_request(Instant::now());
			}
			let response = self.handle(request, endpoint).await;
			let Ok(frame) = response.encode() else {
				let _ = send.reset(varint(ErrorCode::Internal));
				return;
			};
			if write_frame(&mut send, frame).await.is_err() {
				return;
			}
		}
	}

	/// Serves one request.
	pub async fn handle(&self, request: Request, endpoint: &StoqEndpoint) -> Response {
		match request {
			Request::ChunkPut { hash, data } => {
				// Hash before locking: the store is shared by every connection.
				let chunk = match VerifiedChunk::new(hash, &data) {
					Ok(chunk) => chunk,
					Err(error) => return chunk_error(error),
				};
				match lock(&self.chunks).map(|mut chunks| chunks.put(chunk)) {
					Ok(Ok(())) => Response::Stored(hash),
					Ok(Err(error)) => chunk_error(error),
					Err(error) => Response::error(ErrorCode::Internal, error),
				}
			}
			Request::ChunkGet { hash } => {
				match lock(&self.chunks).map(|chunks| chunks.get(&hash)) {
					Ok(Ok(data)) => Response::Data(data.into()),
					Ok(Err(error)) => chunk_error(error),
					Err(error) => Response::error(ErrorCode::Internal, error),
				}
			}
			Request::Forward { address, inner } => self.forward(address, &inner, endpoint).await,
			memory => self.regions.apply(&memory, unix_now()),
		}
	}

	async fn forward(
		&self,
		address: GlobalAddress,
		inner: &Request,
		endpoint: &StoqEndpoint,
	) -> Response {
		let route = match self.routes.read().map(|routes| routes.resolve(&address)) {
			Ok(Ok(route)) => route,
			Ok(Err(error)) => return Response::error(ErrorCode::NotFound, error),
			Err(_) => return Response::error(ErrorCode::Internal, ServiceError::Poisoned),
		};
		let provider = match self.provider(route, endpoint).await {
			Ok(connection) => connection,
			Err(error) => {
				return Response::error(ErrorCode::Unreachable, format!("{}: {error}", address))
			}
		};
		match provider.request(inner).await {
			Ok(response) => response,
			Err(error) => Response::error(ErrorCode::Unreachable, format!("{}: {error}", address)),
		}
	}

	/// A live connection to the provider of `route`, opened on first use.
	async fn provider(
		&self,
		route: Route,
		endpoint: &StoqEndpoint,
	) -> Result<StoqConnection, crate::EndpointError> {
		let mut providers = self.providers.lock().await;
		if let Some(connection) = providers.get(&route.endpoint) {
			if connection.close_reason().is_none() && connection.peer().node == route.provider {
				return Ok(connection.clone());
			}
		}
		let connection = endpoint.connect(route.endpoint, route.provider).await?;
		providers.insert(route.endpoint, connection.clone());
		Ok(connection)
	}
}

fn chunk_error(error: ChunkError) -> Response {
	let code = match error {
		ChunkError::HashMismatch { .. } => ErrorCode::HashMismatch,
		ChunkError::NotFound(_) => ErrorCode::NotFound,
		ChunkError::Full { .. } => ErrorCode::CapacityExceeded,
	};
	Response::error(code, error)
}

/// Closes the connection once the session has been idle past its limit.
async fn idle_watchdog(session: Arc<Mutex<Session>>, connection: StoqConnection) {
	loop {
		let now = Instant::now();
		let (wait, action) = match lock(&session) {
			Ok(mut session) => {
				let action = session.handle_timeout(now);
				let wait = session.idle_remaining(now).unwrap_or(session.limits().idle_timeout);
				(wait, action)
			}
			Err(_) => return,
		};
		if let Some(Action::CloseConnection { code, reason }) = action {
			connection.close(code, &reason);
			return;
		}
		tokio::time::sleep(wait.max(std::time::Duration::from_millis(1))).await;
	}
}
