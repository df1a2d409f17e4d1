//! The data plane over loopback: bulk transfer, concurrency, remote memory,
//! proxy forwarding, malformed frames and limits.

mod common;

use std::time::Duration;

use bytes::Bytes;
use common::{config, node, pair, unix_now};
use hypermesh_stoq::core::{
	ContentHash, ErrorCode, GlobalAddress, Limits, Request, Response, Rights, Route, TokenAuthority,
};
use hypermesh_stoq::KeyExchange;

fn pseudo_random(len: usize, seed: u64) -> Bytes {
	// xorshift64*: cheap, deterministic, not compressible.
	let mut state = seed | 1;
	let mut out = Vec::with_capacity(len + 8);
	while out.len() < len {
		state ^= state >> 12;
		state ^= state << 25;
		state ^= state >> 27;
		out.extend_from_slice(&state.wrapping_mul(0x2545_f491_4f6c_dd1d).to_le_bytes());
	}
	out.truncate(len);
	out.into()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundred_mib_transferred_and_checksummed() {
	let limits = Limits { max_frame_size: 128 << 20, ..Limits::default() };
	let (server, client, _plane, _) = pair(limits).await;
	let connection = client.connect(&server).await;
	let data = pseudo_random(100 << 20, 7);
	let hash = ContentHash::of(&data);
	// One 100 MiB frame: the server recomputes the hash before storing.
	let stored =
		connection.request(&Request::ChunkPut { hash, data: data.clone().into() }).await.unwrap();
	assert_eq!(stored, Response::Stored(hash));
	let Response::Data(back) = connection.request(&Request::ChunkGet { hash }).await.unwrap()
	else {
		panic!("no data");
	};
	assert_eq!(back.len(), 100 << 20);
	assert_eq!(ContentHash::of(&back.to_bytes()), hash);
	// A chunk whose bytes do not match its hash is refused.
	let wrong = connection
		.request(&Request::ChunkPut {
			hash: ContentHash::of(b"other"),
			data: data.slice(..1024).into(),
		})
		.await
		.unwrap();
	assert!(matches!(wrong, Response::Error { code: ErrorCode::HashMismatch, .. }));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousand_concurrent_streams() {
	let (server, client, _plane, authority) = pair(Limits::default()).await;
	let connection = client.connect(&server).await;
	let token = authority.issue(1, Rights::ALL, unix_now() + 600);
	assert_eq!(
		connection.request(&Request::Map { token, size: 4096 }).await.unwrap(),
		Response::Ok
	);
	let mut channels = Vec::new();
	// Open 1,000 streams and hold them all open before any is answered.
	for _ in 0..1000 {
		let mut channel = connection.channel().await.unwrap();
		channel.send(&Request::AtomicAdd { token, offset: 0, delta: 1 }).await.unwrap();
		channels.push(channel);
	}
	let tasks: Vec<_> = channels
		.into_iter()
		.map(|mut channel| tokio::spawn(async move { channel.receive().await.unwrap() }))
		.collect();
	let mut previous = Vec::new();
	for task in tasks {
		let Response::Value(value) = task.await.unwrap() else { panic!("not a value") };
		previous.push(value);
	}
	previous.sort_unstable();
	assert_eq!(previous, (0..1000).collect::<Vec<u64>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousand_concurrent_connections() {
	let (server, client, _plane, _) = pair(Limits::default()).await;
	let addr = server.endpoint.local_addr().unwrap();
	let id = server.keys.node_id();
	// Handshakes are paced (at most 100 in flight): a burst of a thousand
	// certificate flights (FALCON keys and signatures make them ~5 KB) overruns
	// the server's socket buffer, and recovery with back-off is slow. Every
	// connection stays open, so all 1,000 are concurrent afterwards.
	let pacing = std::sync::Arc::new(tokio::sync::Semaphore::new(100));
	let mut handshakes = tokio::task::JoinSet::new();
	for _ in 0..1000 {
		let endpoint = client.endpoint.clone();
		let pacing = pacing.clone();
		handshakes.spawn(async move {
			let _permit = pacing.acquire().await.unwrap();
			endpoint.connect(addr, id).await.unwrap()
		});
	}
	let connections: Vec<_> = handshakes.join_all().await;
	assert_eq!(connections.len(), 1000);
	let mut requests = tokio::task::JoinSet::new();
	for (i, connection) in connections.iter().cloned().enumerate() {
		requests.spawn(async move {
			let data = Bytes::from(format!("chunk {i}"));
			let hash = ContentHash::of(&data);
			assert_eq!(
				connection.request(&Request::ChunkPut { hash, data: data.into() }).await.unwrap(),
				Response::Stored(hash)
			);
		});
	}
	requests.join_all().await;
	// All 1,000 are open at the same time on the server.
	assert_eq!(server.endpoint.accepted_connections(), 1000);
	assert!(connections.iter().all(|c| c.close_reason().is_none() && c.is_post_quantum()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn compare_and_swap_under_concurrent_writers() {
	let (server, client, _plane, authority) = pair(Limits::default()).await;
	let token = authority.issue(9, Rights::ALL, unix_now() + 600);
	let setup = client.connect(&server).await;
	assert_eq!(setup.request(&Request::Map { token, size: 64 }).await.unwrap(), Response::Ok);
	let (connections, tasks_per_connection, increments) = (4, 8, 25);
	let mut writers = tokio::task::JoinSet::new();
	for _ in 0..connections {
		let connection = client.connect(&server).await;
		for _ in 0..tasks_per_connection {
			let connection = connection.clone();
			writers.spawn(async move {
				let mut retries = 0u64;
				let mut channel = connection.channel().await.unwrap();
				for _ in 0..increments {
					loop {
						let Response::Data(word) = channel
							.call(&Request::Read { token, offset: 8, len: 8 })
							.await
							.unwrap()
						else {
							panic!("read failed");
						};
						let current = u64::from_le_bytes(word.to_vec().try_into().unwrap());
						let cas = Request::CompareAndSwap {
							token,
							offset: 8,
							expected: current,
							new: current + 1,
						};
						match channel.call(&cas).await.unwrap() {
							Response::Swapped { swapped: true, previous } => {
								assert_eq!(previous, current);
								break;
							}
							Response::Swapped { swapped: false, previous } => {
								assert_ne!(previous, current);
								retries += 1;
							}
							other => panic!("unexpected {other:?}"),
						}
					}
				}
				retries
			});
		}
	}
	writers.join_all().await;
	let total = (connections * tasks_per_connection * increments) as u64;
	let read = setup.request(&Request::Read { token, offset: 8, len: 8 }).await.unwrap();
	assert_eq!(read, Response::Data(total.to_le_bytes().to_vec().into()));
}

#[tokio::test]
async fn remote_memory_operations_and_token_checks() {
	let (server, client, _plane, authority) = pair(Limits::default()).await;
	let connection = client.connect(&server).await;
	let token = authority.issue(3, Rights::ALL, unix_now() + 600);
	let mut channel = connection.channel().await.unwrap();
	assert_eq!(channel.call(&Request::Map { token, size: 1 << 20 }).await.unwrap(), Response::Ok);
	let data = pseudo_random(300_000, 3);
	assert_eq!(
		channel
			.call(&Request::Write { token, offset: 1000, data: data.clone().into() })
			.await
			.unwrap(),
		Response::Ok
	);
	assert_eq!(channel.call(&Request::Fence { token }).await.unwrap(), Response::Ok);
	assert_eq!(
		channel.call(&Request::Prefetch { token, offset: 1000, len: 300_000 }).await.unwrap(),
		Response::Ok
	);
	assert_eq!(
		channel.call(&Request::Read { token, offset: 1000, len: 300_000 }).await.unwrap(),
		Response::Data(data.into())
	);
	assert_eq!(
		channel.call(&Request::AtomicAdd { token, offset: 0, delta: 5 }).await.unwrap(),
		Response::Value(0)
	);
	assert_eq!(channel.call(&Request::Sync { token }).await.unwrap(), Response::Ok);

	let read_only = authority.issue(3, Rights::READ, unix_now() + 600);
	let denied = channel
		.call(&Request::Write { token: read_only, offset: 0, data: b"x"[..].into() })
		.await
		.unwrap();
	assert!(matches!(denied, Response::Error { code: ErrorCode::AccessDenied, .. }));
	let forged = TokenAuthority::new([1; 32]).issue(3, Rights::ALL, unix_now() + 600);
	let denied = channel.call(&Request::Read { token: forged, offset: 0, len: 1 }).await.unwrap();
	assert!(matches!(denied, Response::Error { code: ErrorCode::AccessDenied, .. }));
	let expired = authority.issue(3, Rights::ALL, unix_now() - 1);
	let denied = channel.call(&Request::Read { token: expired, offset: 0, len: 1 }).await.unwrap();
	assert!(matches!(denied, Response::Error { code: ErrorCode::AccessDenied, .. }));

	assert_eq!(channel.call(&Request::Unmap { token }).await.unwrap(), Response::Ok);
	let gone = channel.call(&Request::Read { token, offset: 0, len: 1 }).await.unwrap();
	assert!(matches!(gone, Response::Error { code: ErrorCode::NotFound, .. }));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn proxy_forwarding_returns_provider_bytes() {
	let cfg = config(KeyExchange::PostQuantumOnly);
	let consumer = node(0, cfg.clone());
	let proxy = node(1, cfg.clone());
	let provider = node(2, cfg);
	common::mutual(&consumer, &proxy);
	common::mutual(&proxy, &provider);
	// The consumer never talks to the provider, and the provider does not know it.
	let provider_authority = TokenAuthority::new([2; 32]);
	provider.serve(provider_authority.clone());
	let proxy_plane = proxy.serve(TokenAuthority::new([1; 32]));

	// The provider holds a chunk and a memory region.
	let direct = proxy.connect(&provider).await;
	let chunk = pseudo_random(2 << 20, 11);
	let hash = ContentHash::of(&chunk);
	assert_eq!(
		direct.request(&Request::ChunkPut { hash, data: chunk.clone().into() }).await.unwrap(),
		Response::Stored(hash)
	);
	let token = provider_authority.issue(5, Rights::ALL, unix_now() + 600);
	assert_eq!(direct.request(&Request::Map { token, size: 64 }).await.unwrap(), Response::Ok);

	let address = GlobalAddress::new("fd4d:6573:6800:3::1".parse().unwrap()).unwrap();
	proxy_plane
		.add_route(
			address,
			Route {
				endpoint: provider.endpoint.local_addr().unwrap(),
				provider: provider.keys.node_id(),
			},
		)
		.unwrap();

	let connection = consumer.connect(&proxy).await;
	let forward = |inner: Request| Request::Forward { address, inner: Box::new(inner) };
	assert_eq!(
		connection.request(&forward(Request::ChunkGet { hash })).await.unwrap(),
		Response::Data(chunk.into())
	);
	let write = forward(Request::Write { token, offset: 0, data: b"via proxy"[..].into() });
	assert_eq!(connection.request(&write).await.unwrap(), Response::Ok);
	let cas = forward(Request::CompareAndSwap { token, offset: 16, expected: 0, new: 77 });
	assert_eq!(
		connection.request(&cas).await.unwrap(),
		Response::Swapped { swapped: true, previous: 0 }
	);
	// The write really landed at the provider.
	assert_eq!(
		direct.request(&Request::Read { token, offset: 0, len: 9 }).await.unwrap(),
		Response::Data(b"via proxy"[..].into())
	);
	// The proxy does not hold the chunk itself.
	let local = connection.request(&Request::ChunkGet { hash }).await.unwrap();
	assert!(matches!(local, Response::Error { code: ErrorCode::NotFound, .. }));
	// Unknown addresses are a clear error.
	let nowhere = GlobalAddress::new("fd00::dead".parse().unwrap()).unwrap();
	let missing = connection
		.request(&Request::Forward {
			address: nowhere,
			inner: Box::new(Request::ChunkGet { hash }),
		})
		.await
		.unwrap();
	assert!(matches!(missing, Response::Error { code: ErrorCode::NotFound, .. }));
}

async fn send_raw(connection: &hypermesh_stoq::StoqConnection, bytes: &[u8]) -> Option<ErrorCode> {
	let (mut send, mut recv) = connection.open_raw().await.unwrap();
	send.write_all(bytes).await.ok();
	send.finish().ok();
	match recv.read_to_end(1 << 20).await {
		Err(quinn::ReadToEndError::Read(quinn::ReadError::Reset(code))) => {
			ErrorCode::from_u32(code.into_inner() as u32)
		}
		_ => None,
	}
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_frames_reset_the_stream_and_service_continues() {
	let limits = Limits { max_frame_size: 1 << 20, max_protocol_errors: 3, ..Limits::default() };
	let (server, client, _plane, _) = pair(limits).await;
	let connection = client.connect(&server).await;
	let healthy = client.connect(&server).await;
	let probe = Request::ChunkGet { hash: ContentHash::of(b"") };

	// Unknown version, unknown kind, oversized length, a frame cut short.
	assert_eq!(
		send_raw(&connection, &[9, 1, 0, 0, 0, 0, 0, 0]).await,
		Some(ErrorCode::UnsupportedVersion)
	);
	assert_eq!(
		send_raw(&connection, &[1, 0x42, 0, 0, 0, 0, 0, 0]).await,
		Some(ErrorCode::MalformedFrame)
	);
	assert_eq!(
		send_raw(&connection, &[1, 0x02, 0, 0, 0xff, 0, 0, 0]).await,
		Some(ErrorCode::FrameTooLarge)
	);
	// The connection still serves requests after three bad streams.
	assert!(matches!(
		connection.request(&probe).await.unwrap(),
		Response::Error { code: ErrorCode::NotFound, .. }
	));
	// The fourth malformed frame exceeds the limit: the connection is closed.
	send_raw(&connection, &[1, 0x11, 0, 0, 0, 0, 0, 1, 0]).await;
	let closed = connection.closed().await;
	assert!(
		matches!(&closed, quinn::ConnectionError::ApplicationClosed(close) if close.error_code.into_inner() == u64::from(ErrorCode::ProtocolViolation.to_u32())),
		"{closed:?}"
	);
	// Other connections and new ones are unaffected.
	assert!(healthy.request(&probe).await.is_ok());
	assert!(client.connect(&server).await.request(&probe).await.is_ok());
}

#[tokio::test]
async fn connection_limit_refuses_extra_connections() {
	let limits = Limits { max_connections: 2, ..Limits::default() };
	let (server, client, _plane, _) = pair(limits).await;
	let _a = client.connect(&server).await;
	let _b = client.connect(&server).await;
	let third =
		client.endpoint.connect(server.endpoint.local_addr().unwrap(), server.keys.node_id()).await;
	assert!(third.is_err());
	assert_eq!(server.endpoint.accepted_connections(), 2);
}

#[tokio::test]
async fn idle_connections_are_closed() {
	let limits = Limits { idle_timeout: Duration::from_millis(300), ..Limits::default() };
	let (server, client, _plane, _) = pair(limits).await;
	let connection = client.connect(&server).await;
	let closed = connection.closed().await;
	assert!(
		matches!(&closed, quinn::ConnectionError::ApplicationClosed(close) if close.error_code.into_inner() == u64::from(ErrorCode::IdleTimeout.to_u32())),
		"{closed:?}"
	);
}
