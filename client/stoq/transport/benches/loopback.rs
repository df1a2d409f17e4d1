//! Loopback benchmark: bulk throughput of STOQ, plain quinn (default
//! configuration) and kernel TCP + TLS 1.3 (rustls, AES-128-GCM) in one run,
//! small request/response latency, and handshakes per second, hybrid
//! post-quantum vs classical key exchange.
//!
//! `cargo bench -p hypermesh-stoq --bench loopback`
//!
//! Throughput is measured over links, each carrying four streams of 1 MiB
//! writes: for STOQ a [`StoqLink`](hypermesh_stoq::StoqLink) to one serving
//! port, for plain quinn one connection, for TCP+TLS one TCP connection per
//! stream.
//!
//! Environment: `STOQ_BENCH_MIB` (payload per throughput run, default 512),
//! `STOQ_BENCH_LINKS` (comma list, default `1,2,4`),
//! `STOQ_BENCH_WIDTH` (connections per STOQ link, default: one per four
//! cores, 1 to 4),
//! `STOQ_BENCH_SOCKETS` (sockets on STOQ's serving port, default: one per
//! STOQ connection of the widest row, at least one per core, at most 256),
//! `STOQ_BENCH_MTU` (STOQ link MTU, default 32816: a 32 KiB packet ceiling on loopback),
//! `STOQ_BENCH_HANDSHAKES` (default 400), `STOQ_BENCH_REQUESTS` (default 5000),
//! `STOQ_BENCH_DEPTH` (STOQ writes in flight per stream, default 16),
//! `STOQ_BENCH_ROUNDS` (default 3: each figure is the median of that many
//! runs, the transports taking turns, after one discarded warm-up round).
//! Exploration knobs: `STOQ_BENCH_ACK`, `STOQ_BENCH_GSO`, `STOQ_BENCH_STREAM_WINDOW`,
//! `STOQ_BENCH_CONN_WINDOW`, `STOQ_BENCH_SEND_WINDOW`, `STOQ_BENCH_STATS`,
//! `STOQ_BENCH_ONLY` (one of `stoq`, `quinn-default`, `quinn-tuned`,
//! `tcp-tls`: run only that transport's bulk figures).

use std::net::SocketAddr;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use bytes::Bytes;
use hypermesh_stoq::core::{
	AllowedIdentities, Limits, NodeKeys, Request, Response, Rights, TokenAuthority,
};
use hypermesh_stoq::{DataPlane, KeyExchange, StoqConfig, StoqEndpoint, Tuning};
use rand::rngs::OsRng;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const STREAMS_PER_LINK: usize = 4;
const BLOCK: usize = 1 << 20;
const LOCAL: &str = "127.0.0.1:0";

fn env<T: std::str::FromStr>(name: &str, default: T) -> T {
	std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn gbps(bytes: u64, elapsed: Duration) -> f64 {
	bytes as f64 * 8.0 / elapsed.as_secs_f64() / 1e9
}

fn unix_now() -> u64 {
	std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Two STOQ nodes allowing each other, and the shape of STOQ's bulk runs.
struct Stoq {
	server_keys: NodeKeys,
	client_keys: NodeKeys,
	server_allowed: Arc<RwLock<AllowedIdentities>>,
	client_allowed: Arc<RwLock<AllowedIdentities>>,
	authority: TokenAuthority,
	plane: Arc<DataPlane>,
	config: StoqConfig,
	/// Connections per link.
	width: usize,
	/// Sockets on the serving endpoint's port.
	sockets: usize,
}

impl Stoq {
	fn new(mtu: u16, width: usize, sockets: usize) -> Self {
		let server_keys = NodeKeys::generate(&mut OsRng);
		let client_keys = NodeKeys::generate(&mut OsRng);
		let mut server_allowed = AllowedIdentities::new();
		server_allowed.allow(client_keys.node_id());
		let mut client_allowed = AllowedIdentities::new();
		client_allowed.allow(server_keys.node_id());
		let limits = Limits { max_frame_size: 4 << 20, ..Limits::default() };
		let authority = TokenAuthority::new(rand::random());
		let plane = DataPlane::new(authority.clone(), &limits);
		let mut tuning = Tuning::local(mtu);
		tuning.ack_eliciting_threshold = env("STOQ_BENCH_ACK", tuning.ack_eliciting_threshold);
		tuning.segmentation_offload = env("STOQ_BENCH_GSO", tuning.segmentation_offload);
		tuning.stream_window = env("STOQ_BENCH_STREAM_WINDOW", tuning.stream_window);
		tuning.connection_window = env("STOQ_BENCH_CONN_WINDOW", tuning.connection_window);
		tuning.send_window = env("STOQ_BENCH_SEND_WINDOW", tuning.send_window);
		let config = StoqConfig { limits, key_exchange: KeyExchange::AllowClassical, tuning };
		Self {
			server_keys,
			client_keys,
			server_allowed: Arc::new(RwLock::new(server_allowed)),
			client_allowed: Arc::new(RwLock::new(client_allowed)),
			authority,
			plane,
			config,
			width,
			sockets,
		}
	}

	/// A serving endpoint, its port bound by `self.sockets` sockets.
	fn server(&self) -> StoqEndpoint {
		let mut config = self.config.clone();
		config.tuning.sockets = self.sockets;
		let endpoint = StoqEndpoint::bind(
			LOCAL.parse().unwrap(),
			&self.server_keys,
			self.server_allowed.clone(),
			config,
		)
		.expect("bind stoq server");
		tokio::spawn(self.plane.clone().serve(endpoint.clone()));
		endpoint
	}

	fn client(&self, key_exchange: KeyExchange) -> StoqEndpoint {
		let config = StoqConfig { key_exchange, ..self.config.clone() };
		StoqEndpoint::bind(
			LOCAL.parse().unwrap(),
			&self.client_keys,
			self.client_allowed.clone(),
			config,
		)
		.expect("bind stoq client")
	}

	async fn connect(
		&self,
		client: &StoqEndpoint,
		server: &StoqEndpoint,
	) -> hypermesh_stoq::StoqConnection {
		client
			.connect(server.local_addr().unwrap(), self.server_keys.node_id())
			.await
			.expect("stoq connect")
	}
}

/// STOQ bulk: one serving endpoint, its port bound by `stoq.sockets`
/// sockets; each link comes from its own client endpoint and is `width`
/// connections wide; each stream writes 1 MiB `Write` frames into its own region and
/// waits for each acknowledgement.
async fn stoq_bulk(stoq: &Stoq, links: usize, total: u64) -> f64 {
	let server = stoq.server();
	let mut pairs = Vec::new();
	for _ in 0..links {
		let client = stoq.client(KeyExchange::PostQuantumOnly);
		let link = client
			.link(server.local_addr().unwrap(), stoq.server_keys.node_id(), stoq.width)
			.await
			.expect("stoq link");
		pairs.push((client, link));
	}
	let per_stream = total / (links * STREAMS_PER_LINK) as u64;
	let blocks = per_stream.div_ceil(BLOCK as u64);
	let data = Bytes::from(vec![0x5a; BLOCK]);
	let depth: usize = env("STOQ_BENCH_DEPTH", 16);
	let mut region = rand::random::<u32>() as u64 * 1024;
	let mut streams = Vec::new();
	for (_, link) in &pairs {
		for _ in 0..STREAMS_PER_LINK {
			region += 1;
			let token = stoq.authority.issue(region, Rights::ALL, unix_now() + 3600);
			let mut channel = link.channel().await.unwrap();
			assert_eq!(
				channel.call(&Request::Map { token, size: BLOCK as u64 }).await.unwrap(),
				Response::Ok
			);
			streams.push((channel, token));
		}
	}
	let start = Instant::now();
	let tasks: Vec<_> = streams
		.into_iter()
		.map(|(mut channel, token)| {
			let data = data.clone();
			tokio::spawn(async move {
				// Keep `depth` writes in flight on the stream; responses come back in order.
				let write = Request::Write { token, offset: 0, data: data.into() };
				let mut in_flight = 0;
				for _ in 0..blocks {
					if in_flight == depth {
						assert_eq!(channel.receive().await.unwrap(), Response::Ok);
						in_flight -= 1;
					}
					channel.send(&write).await.unwrap();
					in_flight += 1;
				}
				for _ in 0..in_flight {
					assert_eq!(channel.receive().await.unwrap(), Response::Ok);
				}
			})
		})
		.collect();
	for task in tasks {
		task.await.unwrap();
	}
	let elapsed = start.elapsed();
	for (client, link) in pairs {
		for connection in link.connections() {
			if std::env::var("STOQ_BENCH_STATS").is_ok() {
				let stats = connection.stats();
				eprintln!(
					"sent {} lost {} mtu {} cwnd {} rtt {:?}",
					stats.path.sent_packets,
					stats.path.lost_packets,
					stats.path.current_mtu,
					stats.path.cwnd,
					stats.path.rtt
				);
			}
		}
		link.close(hypermesh_stoq::core::ErrorCode::NoError, "");
		client.close();
	}
	server.close();
	gbps(blocks * BLOCK as u64 * (links * STREAMS_PER_LINK) as u64, elapsed)
}

/// A loopback UDP socket, with STOQ's socket buffer size when given.
fn udp_socket(buffer: Option<usize>) -> std::net::UdpSocket {
	let addr: SocketAddr = LOCAL.parse().unwrap();
	let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::DGRAM, None).unwrap();
	if let Some(size) = buffer {
		socket.set_recv_buffer_size(size).unwrap();
		socket.set_send_buffer_size(size).unwrap();
	}
	socket.bind(&addr.into()).unwrap();
	socket.into()
}

fn self_signed() -> (CertificateDer<'static>, PrivateKeyDer<'static>, rustls::RootCertStore) {
	let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
	let cert = certified.cert.der().clone();
	let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(certified.signing_key.serialize_der()));
	let mut roots = rustls::RootCertStore::empty();
	roots.add(cert.clone()).unwrap();
	(cert, key, roots)
}

/// Plain quinn, default configuration: one connection per link; each stream
/// is one bidirectional stream written to the end; done when the server has
/// read everything.
///
/// With `tuned`, the same raw streams run on STOQ's transport tuning and
/// STOQ's link width instead (each connection on its own sockets; no STOQ
/// framing or data plane): the ceiling the QUIC layer sets.
async fn quinn_bulk(links: usize, total: u64, tuned: Option<&Stoq>) -> f64 {
	let (cert, key, roots) = self_signed();
	let width = tuned.map_or(1, |stoq| stoq.width);
	let mut pairs = Vec::new();
	for _ in 0..links * width {
		let mut server_config =
			quinn::ServerConfig::with_single_cert(vec![cert.clone()], key.clone_key()).unwrap();
		let mut client_config =
			quinn::ClientConfig::with_root_certificates(Arc::new(roots.clone())).unwrap();
		let mut endpoint_config = quinn::EndpointConfig::default();
		if let Some(stoq) = tuned.map(|stoq| &stoq.config) {
			server_config.transport_config(stoq.quinn_transport());
			client_config.transport_config(stoq.quinn_transport());
			endpoint_config.max_udp_payload_size(stoq.tuning.mtu_ceiling).unwrap();
		}
		let runtime = quinn::default_runtime().unwrap();
		let buffer = tuned.map(|stoq| stoq.config.tuning.socket_buffer);
		let socket = || udp_socket(buffer);
		let server = quinn::Endpoint::new(
			endpoint_config.clone(),
			Some(server_config),
			socket(),
			runtime.clone(),
		)
		.unwrap();
		let mut client = quinn::Endpoint::new(endpoint_config, None, socket(), runtime).unwrap();
		client.set_default_client_config(client_config);
		let accept = {
			let server = server.clone();
			tokio::spawn(async move { server.accept().await.unwrap().await.unwrap() })
		};
		let connection =
			client.connect(server.local_addr().unwrap(), "localhost").unwrap().await.unwrap();
		let accepted = accept.await.unwrap();
		tokio::spawn(async move {
			while let Ok((_send, mut recv)) = accepted.accept_bi().await {
				tokio::spawn(async move {
					while let Ok(Some(_)) = recv.read_chunk(usize::MAX, false).await {}
				});
			}
		});
		pairs.push((server, client, connection));
	}
	let per_stream = total / (links * STREAMS_PER_LINK) as u64;
	let blocks = per_stream.div_ceil(BLOCK as u64);
	let data = Bytes::from(vec![0x5a; BLOCK]);
	let start = Instant::now();
	let mut tasks = Vec::new();
	for link in pairs.chunks(width) {
		for stream in 0..STREAMS_PER_LINK {
			let connection = link[stream % width].2.clone();
			let data = data.clone();
			tasks.push(tokio::spawn(async move {
				let (mut send, _recv) = connection.open_bi().await.unwrap();
				for _ in 0..blocks {
					send.write_chunk(data.clone()).await.unwrap();
				}
				send.finish().unwrap();
				send.stopped().await.unwrap();
			}));
		}
	}
	for task in tasks {
		task.await.unwrap();
	}
	let elapsed = start.elapsed();
	for (server, client, _) in pairs {
		client.close(0u32.into(), b"");
		server.close(0u32.into(), b"");
	}
	gbps(blocks * BLOCK as u64 * (links * STREAMS_PER_LINK) as u64, elapsed)
}

fn tls_provider() -> Arc<rustls::crypto::CryptoProvider> {
	// The cipher STOQ negotiates, from the same library; the key exchange STOQ requires.
	let mut provider = hypermesh_stoq::crypto_provider(KeyExchange::PostQuantumOnly);
	provider
		.cipher_suites
		.retain(|suite| suite.suite() == rustls::CipherSuite::TLS13_AES_128_GCM_SHA256);
	Arc::new(provider)
}

/// Kernel TCP + TLS 1.3 (rustls, AES-128-GCM): one TCP connection per
/// stream; done when the server has read to EOF and answered one byte.
async fn tcp_tls_bulk(links: usize, total: u64) -> f64 {
	let (cert, key, roots) = self_signed();
	let server_config = rustls::ServerConfig::builder_with_provider(tls_provider())
		.with_protocol_versions(&[&rustls::version::TLS13])
		.unwrap()
		.with_no_client_auth()
		.with_single_cert(vec![cert], key)
		.unwrap();
	let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(server_config));
	let client_config = rustls::ClientConfig::builder_with_provider(tls_provider())
		.with_protocol_versions(&[&rustls::version::TLS13])
		.unwrap()
		.with_root_certificates(roots)
		.with_no_client_auth();
	let connector = tokio_rustls::TlsConnector::from(Arc::new(client_config));
	let listener = tokio::net::TcpListener::bind(LOCAL).await.unwrap();
	let addr: SocketAddr = listener.local_addr().unwrap();
	let streams = links * STREAMS_PER_LINK;
	tokio::spawn(async move {
		for _ in 0..streams {
			let (tcp, _) = listener.accept().await.unwrap();
			tcp.set_nodelay(true).unwrap();
			let acceptor = acceptor.clone();
			tokio::spawn(async move {
				let mut tls = acceptor.accept(tcp).await.unwrap();
				let mut buf = vec![0u8; 256 * 1024];
				while tls.read(&mut buf).await.unwrap() > 0 {}
				tls.write_all(&[1]).await.unwrap();
				tls.shutdown().await.ok();
			});
		}
	});
	let mut clients = Vec::new();
	for _ in 0..streams {
		let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
		tcp.set_nodelay(true).unwrap();
		let server_name = rustls::pki_types::ServerName::try_from("localhost").unwrap();
		clients.push(connector.connect(server_name, tcp).await.unwrap());
	}
	let per_stream = total / streams as u64;
	let blocks = per_stream.div_ceil(BLOCK as u64);
	let data = vec![0x5a; BLOCK];
	let start = Instant::now();
	let tasks: Vec<_> = clients
		.into_iter()
		.map(|mut tls| {
			let data = data.clone();
			tokio::spawn(async move {
				for _ in 0..blocks {
					tls.write_all(&data).await.unwrap();
				}
				tls.shutdown().await.unwrap();
				let mut done = [0u8; 1];
				tls.read_exact(&mut done).await.unwrap();
			})
		})
		.collect();
	for task in tasks {
		task.await.unwrap();
	}
	gbps(blocks * BLOCK as u64 * streams as u64, start.elapsed())
}

/// The bulk transports, in the order each round runs them.
const TRANSPORTS: [&str; 4] = ["stoq", "quinn-default", "quinn-tuned", "tcp-tls"];

/// One run of each selected transport, in turn: STOQ, quinn default, quinn on
/// STOQ's tuning, TCP+TLS (Gbps; NaN for a transport left out).
async fn bulk_round(stoq: &Stoq, links: usize, total: u64, only: Option<&str>) -> [f64; 4] {
	let mut gbps = [f64::NAN; 4];
	for (i, name) in TRANSPORTS.into_iter().enumerate() {
		if only.is_some_and(|only| only != name) {
			continue;
		}
		gbps[i] = match i {
			0 => stoq_bulk(stoq, links, total).await,
			1 => quinn_bulk(links, total, None).await,
			2 => quinn_bulk(links, total, Some(stoq)).await,
			_ => tcp_tls_bulk(links, total).await,
		};
	}
	gbps
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
	let mut values: Vec<f64> = values.collect();
	values.sort_by(f64::total_cmp);
	values[values.len() / 2]
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
	let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
	sorted[index.min(sorted.len() - 1)]
}

/// Small-message request/response latency: 64-byte reads of a region.
async fn latency(stoq: &Stoq, requests: usize) -> ((Duration, Duration), (Duration, Duration)) {
	let server = stoq.server();
	let client = stoq.client(KeyExchange::PostQuantumOnly);
	let connection = stoq.connect(&client, &server).await;
	let token = stoq.authority.issue(u64::MAX, Rights::ALL, unix_now() + 3600);
	connection.request(&Request::Map { token, size: 4096 }).await.unwrap();
	let read = Request::Read { token, offset: 128, len: 64 };
	let mut channel = connection.channel().await.unwrap();
	let mut same_stream = Vec::with_capacity(requests);
	let mut new_stream = Vec::with_capacity(requests);
	for i in 0..requests + requests / 10 {
		let start = Instant::now();
		channel.call(&read).await.unwrap();
		let on_channel = start.elapsed();
		let start = Instant::now();
		connection.request(&read).await.unwrap();
		let fresh = start.elapsed();
		if i >= requests / 10 {
			same_stream.push(on_channel);
			new_stream.push(fresh);
		}
	}
	same_stream.sort_unstable();
	new_stream.sort_unstable();
	client.close();
	server.close();
	(
		(percentile(&same_stream, 0.5), percentile(&same_stream, 0.99)),
		(percentile(&new_stream, 0.5), percentile(&new_stream, 0.99)),
	)
}

/// Full handshakes per second (mutual TLS, attestation checked both ways).
async fn handshakes(
	stoq: &Stoq,
	key_exchange: KeyExchange,
	count: usize,
	parallel: usize,
) -> (f64, String) {
	let server = stoq.server();
	let clients: Vec<_> = (0..parallel).map(|_| stoq.client(key_exchange)).collect();
	let group = format!("{:?}", stoq.connect(&clients[0], &server).await.key_exchange_group());
	let addr = server.local_addr().unwrap();
	let id = stoq.server_keys.node_id();
	let start = Instant::now();
	let tasks: Vec<_> = clients
		.iter()
		.cloned()
		.map(|client| {
			tokio::spawn(async move {
				for _ in 0..count / parallel {
					let connection = client.connect(addr, id).await.unwrap();
					connection.close(hypermesh_stoq::core::ErrorCode::NoError, "");
				}
			})
		})
		.collect();
	for task in tasks {
		task.await.unwrap();
	}
	let rate = (count / parallel * parallel) as f64 / start.elapsed().as_secs_f64();
	for client in clients {
		client.close();
	}
	server.close();
	(rate, group)
}

fn main() {
	let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
	let runtime = tokio::runtime::Builder::new_multi_thread()
		.worker_threads(cores)
		.enable_all()
		.build()
		.unwrap();
	runtime.block_on(run(cores));
}

async fn run(cores: usize) {
	let mib: u64 = env("STOQ_BENCH_MIB", 512);
	let mtu: u16 = env("STOQ_BENCH_MTU", 32816);
	let handshake_count: usize = env("STOQ_BENCH_HANDSHAKES", 400);
	let requests: usize = env("STOQ_BENCH_REQUESTS", 5000);
	let rounds: usize = env("STOQ_BENCH_ROUNDS", 3).max(1);
	// On loopback both ends of every connection share the machine's cores:
	// one connection per four cores, up to one per stream.
	let width: usize = env("STOQ_BENCH_WIDTH", (cores / 4).clamp(1, STREAMS_PER_LINK)).max(1);
	let link_counts: Vec<usize> = std::env::var("STOQ_BENCH_LINKS")
		.unwrap_or_else(|_| "1,2,4".into())
		.split(',')
		.filter_map(|c| c.trim().parse().ok())
		.collect();
	// A socket for each connection of the widest row, as raw quinn has:
	// links steer to consecutive sockets from a random start, so with fewer
	// sockets than connections some sockets receive for several.
	let widest = link_counts.iter().max().unwrap_or(&1) * width;
	let sockets: usize = env("STOQ_BENCH_SOCKETS", widest.max(cores).min(256)).max(1);
	let total = mib << 20;
	let stoq = Stoq::new(mtu, width, sockets);
	println!(
		"STOQ loopback benchmark: {cores} cores, {mib} MiB per run, median of {rounds} rounds"
	);
	println!("A link carries {STREAMS_PER_LINK} streams. STOQ: {width} connection(s) per link to one serving port bound by {sockets} socket(s), packet ceiling {mtu} bytes; plain quinn: one connection per link; TCP+TLS: one TCP connection per stream.");
	println!(
		"AES-128-GCM of STOQ and TCP+TLS from {:?}; quinn's own configurations use ring",
		hypermesh_stoq::RecordCrypto::detect()
	);
	println!();
	println!("bulk throughput (Gbps)");
	println!(
		"{:>5} {:>8} {:>14} {:>9} {:>11} {:>13} {:>12}",
		"links", "STOQ", "quinn-default", "TCP+TLS", "STOQ/quinn", "STOQ/TCP+TLS", "quinn-tuned"
	);
	let only = std::env::var("STOQ_BENCH_ONLY").ok();
	if let Some(only) = only.as_deref().filter(|only| !TRANSPORTS.contains(only)) {
		eprintln!("STOQ_BENCH_ONLY={only}: expected one of {}", TRANSPORTS.join(", "));
		std::process::exit(2);
	}
	let only = only.as_deref();
	// Warm-up: the first run in a process pays for allocator growth and
	// thread start-up, whichever transport it is.
	bulk_round(&stoq, 1, total / 4, only).await;
	for &links in &link_counts {
		let mut runs = Vec::new();
		for _ in 0..rounds {
			runs.push(bulk_round(&stoq, links, total, only).await);
		}
		let [s, q, qt, t] = std::array::from_fn(|i| median(runs.iter().map(|run| run[i])));
		println!(
			"{links:>5} {s:>8.2} {q:>14.2} {t:>9.2} {:>11.2} {:>13.2} {qt:>12.2}",
			s / q,
			s / t
		);
	}
	println!("(quinn-tuned: raw quinn streams on STOQ's transport tuning and link width, each connection on its own sockets, no STOQ framing or data plane)");
	println!();
	if only.is_some() {
		return;
	}
	let ((p50, p99), (fresh_p50, fresh_p99)) = latency(&stoq, requests).await;
	println!("request/response latency, 64-byte Read ({requests} requests)");
	println!(
		"  one stream, sequential:   p50 {:>8.1} µs   p99 {:>8.1} µs",
		micros(p50),
		micros(p99)
	);
	println!(
		"  new stream per request:   p50 {:>8.1} µs   p99 {:>8.1} µs",
		micros(fresh_p50),
		micros(fresh_p99)
	);
	println!();
	println!("handshakes per second ({handshake_count} full mutual handshakes with attestation, 4 in parallel)");
	let (pq, pq_group) = handshakes(&stoq, KeyExchange::PostQuantumOnly, handshake_count, 4).await;
	let (classical, classical_group) =
		handshakes(&stoq, KeyExchange::ClassicalOnly, handshake_count, 4).await;
	println!("  post-quantum ({pq_group}): {pq:>8.0} /s");
	println!("  classical ({classical_group}):          {classical:>8.0} /s");
	println!("  PQ/classical: {:.2}", pq / classical);
}

fn micros(d: Duration) -> f64 {
	d.as_secs_f64() * 1e6
}
