//! Global asset addresses and the proxy routing table (the NAT-like layer).
//!
//! Consumers address an asset by its [`GlobalAddress`], never by host. A proxy
//! node resolves the address to the provider's STOQ endpoint and identity and
//! forwards the request there (consumer → proxy → provider).

use std::collections::HashMap;
use std::net::{Ipv6Addr, SocketAddr};

use crate::identity::NodeId;

/// Errors of address parsing and routing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
	/// The address lies outside the unique-local range fd00::/8.
	#[error("{0} is not a HyperMesh global address (fd00::/8)")]
	NotUniqueLocal(Ipv6Addr),
	/// No route is known for the address.
	#[error("no route to {0}")]
	NoRoute(Ipv6Addr),
}

/// An asset's global address: an IPv6 address in fd00::/8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GlobalAddress(Ipv6Addr);

impl GlobalAddress {
	/// Checks that `addr` lies in fd00::/8.
	pub fn new(addr: Ipv6Addr) -> Result<Self, AddressError> {
		if addr.octets()[0] != 0xfd {
			return Err(AddressError::NotUniqueLocal(addr));
		}
		Ok(Self(addr))
	}

	/// The address as an `Ipv6Addr`.
	pub fn ip(&self) -> Ipv6Addr {
		self.0
	}

	/// The 16 address bytes.
	pub fn octets(&self) -> [u8; 16] {
		self.0.octets()
	}
}

impl core::fmt::Display for GlobalAddress {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		self.0.fmt(f)
	}
}

/// Where an asset's provider can be reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
	/// The provider node's STOQ endpoint.
	pub endpoint: SocketAddr,
	/// The provider's identity, checked during the handshake.
	pub provider: NodeId,
}

/// Global address → provider route.
#[derive(Debug, Clone, Default)]
pub struct RouteTable {
	routes: HashMap<GlobalAddress, Route>,
}

impl RouteTable {
	/// An empty table.
	pub fn new() -> Self {
		Self::default()
	}

	/// Adds or replaces the route of `address`.
	pub fn insert(&mut self, address: GlobalAddress, route: Route) {
		self.routes.insert(address, route);
	}

	/// Removes the route of `address`.
	pub fn remove(&mut self, address: &GlobalAddress) -> Option<Route> {
		self.routes.remove(address)
	}

	/// The route of `address`.
	pub fn resolve(&self, address: &GlobalAddress) -> Result<Route, AddressError> {
		self.routes.get(address).copied().ok_or(AddressError::NoRoute(address.ip()))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn only_unique_local_addresses() {
		assert!(GlobalAddress::new("fd12::1".parse().unwrap()).is_ok());
		let public: Ipv6Addr = "2001:db8::1".parse().unwrap();
		assert_eq!(GlobalAddress::new(public), Err(AddressError::NotUniqueLocal(public)));
	}

	#[test]
	fn resolve_routes() {
		let mut table = RouteTable::new();
		let address = GlobalAddress::new("fd00::7".parse().unwrap()).unwrap();
		assert_eq!(table.resolve(&address), Err(AddressError::NoRoute(address.ip())));
		let route = Route { endpoint: "127.0.0.1:9".parse().unwrap(), provider: NodeId([1; 32]) };
		table.insert(address, route);
		assert_eq!(table.resolve(&address), Ok(route));
		assert_eq!(table.remove(&address), Some(route));
	}
}
