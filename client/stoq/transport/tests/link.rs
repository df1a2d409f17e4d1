//! Endpoints with several sockets on one port, and links of several connections.

mod common;

use std::collections::HashSet;

use common::{config, mutual, node, unix_now, Node};
use hypermesh_stoq::core::{AccessToken, Request, Response, Rights, TokenAuthority};
use hypermesh_stoq::{KeyExchange, StoqConfig, StoqConnection, StoqLink};

fn with_sockets(sockets: usize) -> StoqConfig {
	let mut config = config(KeyExchange::PostQuantumOnly);
	config.tuning.sockets = sockets;
	config
}

#[tokio::test]
async fn link_connections_leave_from_different_sockets() {
	let server = node(0, with_sockets(1));
	let client = node(1, with_sockets(1));
	mutual(&server, &client);
	let accept = {
		let endpoint = server.endpoint.clone();
		tokio::spawn(async move {
			let mut peers = HashSet::new();
			for _ in 0..4 {
				let connection = endpoint.accept().await.unwrap().establish().await.unwrap();
				peers.insert(connection.remote_address());
			}
			peers
		})
	};
	let link = open_link(&client, &server, 4).await;
	assert_eq!(link.connections().len(), 4);
	// Four connections, four distinct client sockets, none the endpoint's own.
	let peers = accept.await.unwrap();
	assert_eq!(peers.len(), 4);
	let endpoint_addr = client.endpoint.local_addr().unwrap();
	assert!(peers.iter().all(|peer| peer.ip() == endpoint_addr.ip() && *peer != endpoint_addr));
	link.close(hypermesh_stoq::core::ErrorCode::NoError, "done");
}

#[tokio::test]
async fn link_connections_land_on_distinct_serving_sockets() {
	let (server, client, token) = server_and_client(4, 1);
	let mut links = Vec::new();
	for _ in 0..3 {
		links.push(open_link(&client, &server, 4).await);
	}
	map_counter(&links[0].connections()[0], token).await;
	for connection in links.iter().flat_map(|link| link.connections()) {
		assert!(increment(connection, token).await);
	}
	assert_eq!(read_counter(&links[0].connections()[0], token).await, 12);
	// Steered by connection ID rather than spread by the kernel's hash of
	// the client port: each link puts one connection on every socket, and
	// every packet of a connection reached the socket that holds it.
	assert_eq!(server.endpoint.connections_per_socket(), [3, 3, 3, 3]);
}

/// A link of `width` connections from `client` to `server`.
async fn open_link(client: &Node, server: &Node, width: usize) -> StoqLink {
	let server_addr = server.endpoint.local_addr().unwrap();
	client.endpoint.link(server_addr, server.keys.node_id(), width).await.unwrap()
}

/// A server with `server_sockets` sockets serving a data plane, a client with
/// `client_sockets`, each allowing the other, and a token for one of the
/// server's regions.
fn server_and_client(server_sockets: usize, client_sockets: usize) -> (Node, Node, AccessToken) {
	let (server, token) = serving(server_sockets);
	let client = node(1, with_sockets(client_sockets));
	mutual(&server, &client);
	(server, client, token)
}

/// A server with `sockets` sockets serving a data plane, and a token for one
/// of its regions.
fn serving(sockets: usize) -> (Node, AccessToken) {
	let server = node(0, with_sockets(sockets));
	let authority = TokenAuthority::new([9; 32]);
	server.serve(authority.clone());
	(server, authority.issue(77, Rights::ALL, unix_now() + 600))
}

/// Maps the token's region: a counter at its start.
async fn map_counter(connection: &StoqConnection, token: AccessToken) {
	assert_eq!(connection.request(&Request::Map { token, size: 8 }).await.unwrap(), Response::Ok);
}

/// Adds one to the counter.
async fn increment(connection: &StoqConnection, token: AccessToken) -> bool {
	let add = Request::AtomicAdd { token, offset: 0, delta: 1 };
	matches!(connection.request(&add).await, Ok(Response::Value(_)))
}

/// The counter's value.
async fn read_counter(connection: &StoqConnection, token: AccessToken) -> u64 {
	let read = Request::Read { token, offset: 0, len: 8 };
	let Response::Data(data) = connection.request(&read).await.unwrap() else {
		panic!("counter not readable");
	};
	u64::from_le_bytes(data.to_vec().try_into().unwrap())
}

#[tokio::test]
async fn port_with_several_sockets_serves_every_connection() {
	let (server, token) = serving(4);
	assert_eq!(server.endpoint.socket_count(), 4);
	let clients: Vec<_> = (0..12).map(|i| node(1 + i % 3, with_sockets(1))).collect();
	for client in &clients {
		mutual(&server, client);
	}
	// Each client lands on the socket its random connection ID steers it
	// to, and is accepted and served there.
	let first = clients[0].connect(&server).await;
	map_counter(&first, token).await;
	let mut requests = tokio::task::JoinSet::new();
	for client in &clients {
		let connection = client.connect(&server).await;
		requests.spawn(async move { increment(&connection, token).await });
	}
	assert!(requests.join_all().await.into_iter().all(|served| served));
	assert_eq!(read_counter(&first, token).await, 12);
}

#[tokio::test]
async fn endpoint_with_several_sockets_connects_out() {
	let (server, client, token) = server_and_client(1, 4);
	// Outgoing connections leave from the port's sockets in turn; each
	// reply is steered back to the socket that sent.
	let first = client.connect(&server).await;
	map_counter(&first, token).await;
	for _ in 0..8 {
		assert!(increment(&client.connect(&server).await, token).await);
	}
	assert_eq!(read_counter(&first, token).await, 8);
}

#[tokio::test]
async fn link_spreads_channels_over_its_connections() {
	let (server, client, token) = server_and_client(2, 2);
	let link = open_link(&client, &server, 3).await;
	assert_eq!(link.request(&Request::Map { token, size: 64 }).await.unwrap(), Response::Ok);
	for offset in 0..6u64 {
		let mut channel = link.channel().await.unwrap();
		let write = Request::Write { token, offset, data: vec![offset as u8].into() };
		assert_eq!(channel.call(&write).await.unwrap(), Response::Ok);
	}
	// Every connection carried some of the seven requests.
	let sent: Vec<u64> = link.connections().iter().map(|c| c.stats().frame_tx.stream).collect();
	assert!(sent.iter().all(|&frames| frames > 0), "{sent:?}");
	let read = link.request(&Request::Read { token, offset: 0, len: 6 }).await.unwrap();
	assert_eq!(read, Response::Data(vec![0, 1, 2, 3, 4, 5].into()));
}
