//! Global addresses: IPv6 unique-local addresses that name assets, not hosts.
//!
//! Layout of the 128 bits (RFC 4193 style):
//!
//! | bits | content |
//! |---|---|
//! | 8 | `0xfd` (the locally assigned half of `fc00::/7`) |
//! | 40 | network id: the first 5 bytes of `blake2_256(genesis hash)` |
//! | 16 | the asset class' subnet ([`AssetClass::subnet`]) |
//! | 64 | interface id: the first 8 bytes of the [`AssetId`] |

use core::net::Ipv6Addr;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

use crate::asset::{AssetClass, AssetId};

/// The 40-bit id of one HyperMesh chain inside `fd00::/8`.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct MeshNetworkId(pub [u8; 5]);

impl MeshNetworkId {
	/// The network id of the chain with this genesis hash.
	pub fn from_genesis_hash(genesis_hash: &[u8]) -> Self {
		let digest = sp_io::hashing::blake2_256(genesis_hash);
		let mut id = [0u8; 5];
		id.copy_from_slice(&digest[..5]);
		Self(id)
	}
}

/// An asset's address: a ULA IPv6 address in `fd00::/8`, stored as its 16 bytes.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Hash,
	Debug,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct GlobalAddress(pub [u8; 16]);

impl GlobalAddress {
	/// The address of `asset`, of class `class`, on the chain `network`.
	pub fn new(network: MeshNetworkId, class: AssetClass, asset: &AssetId) -> Self {
		let mut bytes = [0u8; 16];
		bytes[0] = 0xfd;
		bytes[1..6].copy_from_slice(&network.0);
		bytes[6..8].copy_from_slice(&class.subnet().to_be_bytes());
		bytes[8..16].copy_from_slice(&asset.0[..8]);
		Self(bytes)
	}

	/// The address as a standard IPv6 address.
	pub fn to_ipv6(self) -> Ipv6Addr {
		Ipv6Addr::from(self.0)
	}

	/// The address from a standard IPv6 address; `None` outside `fd00::/8`.
	pub fn from_ipv6(address: Ipv6Addr) -> Option<Self> {
		let bytes = address.octets();
		(bytes[0] == 0xfd).then_some(Self(bytes))
	}

	/// The chain this address belongs to.
	pub fn network(&self) -> MeshNetworkId {
		let mut id = [0u8; 5];
		id.copy_from_slice(&self.0[1..6]);
		MeshNetworkId(id)
	}

	/// The asset class encoded in the subnet, if it names one.
	pub fn class(&self) -> Option<AssetClass> {
		let subnet = u16::from_be_bytes([self.0[6], self.0[7]]);
		AssetClass::ALL.into_iter().find(|class| class.subnet() == subnet)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn address_is_a_ula_carrying_network_class_and_asset() {
		let network = MeshNetworkId::from_genesis_hash(&[7u8; 32]);
		let asset = AssetId([0xab; 32]);
		let address = GlobalAddress::new(network, AssetClass::Gpu, &asset);
		let ip = address.to_ipv6();
		assert!(ip.is_unique_local());
		assert_eq!(ip.segments()[0] >> 8, 0xfd);
		assert_eq!(address.network(), network);
		assert_eq!(address.class(), Some(AssetClass::Gpu));
		assert_eq!(ip.segments()[3], AssetClass::Gpu.subnet());
		assert_eq!(&ip.octets()[8..], &[0xab; 8]);
		assert_eq!(GlobalAddress::from_ipv6(ip), Some(address));
		assert_eq!(GlobalAddress::from_ipv6(Ipv6Addr::LOCALHOST), None);
	}
}
