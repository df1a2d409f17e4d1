//! Handshakes over loopback: hybrid post-quantum group, identity checks.

mod common;

use common::{config, mutual, node};
use hypermesh_stoq::core::{ErrorCode, IdentityError, Request, Response, TokenAuthority};
use hypermesh_stoq::{EndpointError, KeyExchange, NamedGroup};

#[tokio::test]
async fn handshake_negotiates_hybrid_group() {
	let server = node(0, config(KeyExchange::PostQuantumOnly));
	let client = node(1, config(KeyExchange::PostQuantumOnly));
	mutual(&server, &client);
	let accept = {
		let endpoint = server.endpoint.clone();
		tokio::spawn(async move { endpoint.accept().await.unwrap().establish().await.unwrap() })
	};
	let connection = client.connect(&server).await;
	let accepted = accept.await.unwrap();
	assert_eq!(connection.key_exchange_group(), NamedGroup::X25519MLKEM768);
	assert_eq!(accepted.key_exchange_group(), NamedGroup::X25519MLKEM768);
	assert!(connection.is_post_quantum() && accepted.is_post_quantum());
	assert_eq!(connection.peer().node, server.keys.node_id());
	assert_eq!(accepted.peer().node, client.keys.node_id());
	assert_eq!(accepted.peer().falcon_key_hash, client.keys.falcon_key_hash());
}

#[tokio::test]
async fn default_client_prefers_hybrid_group() {
	let server = node(0, config(KeyExchange::AllowClassical));
	let client = node(1, config(KeyExchange::AllowClassical));
	mutual(&server, &client);
	server.serve(TokenAuthority::new([0; 32]));
	assert_eq!(client.connect(&server).await.key_exchange_group(), NamedGroup::X25519MLKEM768);
}

#[tokio::test]
async fn classical_only_peer_refused_unless_policy_allows() {
	let strict = node(0, config(KeyExchange::PostQuantumOnly));
	let lenient = node(2, config(KeyExchange::AllowClassical));
	let classical = node(1, config(KeyExchange::ClassicalOnly));
	for server in [&strict, &lenient] {
		server.allow(&classical);
		classical.allow(server);
		server.serve(TokenAuthority::new([0; 32]));
	}
	let refused = classical
		.endpoint
		.connect(strict.endpoint.local_addr().unwrap(), strict.keys.node_id())
		.await;
	assert!(matches!(refused, Err(EndpointError::Connection(_))), "{refused:?}");

	let connection = classical.connect(&lenient).await;
	assert_eq!(connection.key_exchange_group(), NamedGroup::X25519);
	assert!(!connection.is_post_quantum());
}

/// Connects and makes one request; `Err` if either step fails.
async fn try_use(client: &common::Node, server: &common::Node) -> Result<Response, String> {
	let connection = client
		.endpoint
		.connect(server.endpoint.local_addr().unwrap(), server.keys.node_id())
		.await
		.map_err(|e| e.to_string())?;
	connection
		.request(&Request::ChunkGet { hash: hypermesh_stoq::core::ContentHash::of(b"") })
		.await
		.map_err(|e| e.to_string())
}

#[tokio::test]
async fn unknown_client_refused_by_server() {
	let server = node(0, config(KeyExchange::PostQuantumOnly));
	let client = node(1, config(KeyExchange::PostQuantumOnly));
	client.allow(&server); // but the server does not allow the client
	server.serve(TokenAuthority::new([0; 32]));
	assert!(try_use(&client, &server).await.is_err());
	assert_eq!(server.endpoint.accepted_connections(), 0);
}

#[tokio::test]
async fn unknown_server_refused_by_client() {
	let server = node(0, config(KeyExchange::PostQuantumOnly));
	let client = node(1, config(KeyExchange::PostQuantumOnly));
	server.allow(&client); // but the client does not allow the server
	server.serve(TokenAuthority::new([0; 32]));
	let result =
		client.endpoint.connect(server.endpoint.local_addr().unwrap(), server.keys.node_id()).await;
	assert!(matches!(result, Err(EndpointError::Connection(_))), "{result:?}");
}

#[tokio::test]
async fn wrong_identity_refused() {
	let server = node(0, config(KeyExchange::PostQuantumOnly));
	let client = node(1, config(KeyExchange::PostQuantumOnly));
	let other = node(2, config(KeyExchange::PostQuantumOnly));
	mutual(&server, &client);
	client.allow(&other);
	server.serve(TokenAuthority::new([0; 32]));
	// The client meant to reach `other`, but the node at that address is `server`.
	let result =
		client.endpoint.connect(server.endpoint.local_addr().unwrap(), other.keys.node_id()).await;
	match result {
		Err(EndpointError::Identity(IdentityError::UnexpectedPeer { expected, actual })) => {
			assert_eq!(expected, other.keys.node_id());
			assert_eq!(actual, server.keys.node_id());
		}
		other => panic!("expected an identity error, got {other:?}"),
	}
}

#[tokio::test]
async fn pinned_falcon_key_mismatch_refused() {
	let server = node(0, config(KeyExchange::PostQuantumOnly));
	let client = node(1, config(KeyExchange::PostQuantumOnly));
	server.allow(&client);
	// The client pins the server's identity to someone else's FALCON key.
	client
		.allowed
		.write()
		.unwrap()
		.allow_pinned(server.keys.node_id(), common::keys(3).falcon_key_hash());
	server.serve(TokenAuthority::new([0; 32]));
	assert!(try_use(&client, &server).await.is_err());
	// Pinned to the right key, the same peer is accepted.
	client
		.allowed
		.write()
		.unwrap()
		.allow_pinned(server.keys.node_id(), server.keys.falcon_key_hash());
	assert!(matches!(
		try_use(&client, &server).await,
		Ok(Response::Error { code: ErrorCode::NotFound, .. })
	));
}

#[tokio::test]
async fn revoked_identity_refused_on_next_handshake() {
	let server = node(0, config(KeyExchange::PostQuantumOnly));
	let client = node(1, config(KeyExchange::PostQuantumOnly));
	mutual(&server, &client);
	server.serve(TokenAuthority::new([0; 32]));
	assert!(try_use(&client, &server).await.is_ok());
	server.allowed.write().unwrap().remove(&client.keys.node_id());
	assert!(try_use(&client, &server).await.is_err());
}
