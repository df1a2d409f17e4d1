//! Shared set-up for the loopback tests.
#![allow(dead_code, unreachable_pub)]

use std::sync::{Arc, OnceLock, RwLock};

use hypermesh_stoq::core::{AllowedIdentities, Limits, NodeKeys, TokenAuthority};
use hypermesh_stoq::{DataPlane, KeyExchange, StoqConfig, StoqConnection, StoqEndpoint};
use rand::rngs::OsRng;

/// A node: keys, its allowed set and a bound endpoint.
pub struct Node {
	pub keys: &'static NodeKeys,
	pub allowed: Arc<RwLock<AllowedIdentities>>,
	pub endpoint: StoqEndpoint,
}

/// FALCON key generation is the slow part: a few key sets shared by all tests.
pub fn keys(index: usize) -> &'static NodeKeys {
	static KEYS: OnceLock<Vec<NodeKeys>> = OnceLock::new();
	&KEYS.get_or_init(|| (0..4).map(|_| NodeKeys::generate(&mut OsRng)).collect())[index]
}

pub fn config(key_exchange: KeyExchange) -> StoqConfig {
	StoqConfig { key_exchange, ..StoqConfig::default() }
}

pub fn node(index: usize, config: StoqConfig) -> Node {
	let keys = keys(index);
	let allowed = Arc::new(RwLock::new(AllowedIdentities::new()));
	let endpoint =
		StoqEndpoint::bind("127.0.0.1:0".parse().unwrap(), keys, allowed.clone(), config).unwrap();
	Node { keys, allowed, endpoint }
}

impl Node {
	pub fn allow(&self, other: &Node) {
		self.allowed.write().unwrap().allow(other.keys.node_id());
	}

	/// Serves a data plane with this token authority.
	pub fn serve(&self, authority: TokenAuthority) -> Arc<DataPlane> {
		let plane = DataPlane::new(authority, &self.endpoint.config().limits);
		tokio::spawn(plane.clone().serve(self.endpoint.clone()));
		plane
	}

	pub async fn connect(&self, server: &Node) -> StoqConnection {
		self.endpoint
			.connect(server.endpoint.local_addr().unwrap(), server.keys.node_id())
			.await
			.unwrap()
	}
}

/// Makes `a` and `b` allow each other.
pub fn mutual(a: &Node, b: &Node) {
	a.allow(b);
	b.allow(a);
}

/// A server and a client that allow each other, the server serving a data plane.
pub async fn pair(limits: Limits) -> (Node, Node, Arc<DataPlane>, TokenAuthority) {
	let config = StoqConfig { limits, ..config(KeyExchange::PostQuantumOnly) };
	let server = node(0, config.clone());
	let client = node(1, config);
	mutual(&server, &client);
	let authority = TokenAuthority::new([42; 32]);
	let plane = server.serve(authority.clone());
	(server, client, plane, authority)
}

pub fn unix_now() -> u64 {
	std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}
