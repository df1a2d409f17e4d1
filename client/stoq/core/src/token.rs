//! Access tokens guarding remote-memory regions.
//!
//! A token names one region, the rights it grants and an expiry (Unix seconds),
//! and carries a keyed BLAKE2b-256 MAC made by the provider's [`TokenAuthority`].
//! Tokens are bearer capabilities: a proxy may carry them for a consumer.

use blake2::digest::{consts::U32, Mac};
use blake2::Blake2bMac;

/// Encoded length of an [`AccessToken`].
pub const TOKEN_LEN: usize = 8 + 1 + 8 + 32;

const DOMAIN: &[u8] = b"hypermesh/stoq/token/v1";

/// Errors of token checks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
	/// The MAC does not match: forged, altered, or from another authority.
	#[error("token signature invalid")]
	BadMac,
	/// The token's expiry is in the past.
	#[error("token expired at {expired_at}, now {now}")]
	Expired {
		/// Expiry carried by the token.
		expired_at: u64,
		/// The time of the check.
		now: u64,
	},
	/// The token lacks a right the operation needs.
	#[error("token lacks rights {missing:?}")]
	MissingRights {
		/// Rights needed but not granted.
		missing: Rights,
	},
	/// The rights byte has undefined bits set.
	#[error("unknown rights bits 0x{0:02x}")]
	UnknownRights(u8),
}

/// A set of rights over a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Rights(u8);

impl Rights {
	/// Read and prefetch.
	pub const READ: Rights = Rights(1);
	/// Write, fence and sync.
	pub const WRITE: Rights = Rights(2);
	/// Compare-and-swap and atomic add.
	pub const ATOMIC: Rights = Rights(4);
	/// Map and unmap the region.
	pub const MAP: Rights = Rights(8);
	/// Every right.
	pub const ALL: Rights = Rights(15);
	/// No right.
	pub const NONE: Rights = Rights(0);

	/// Reads a rights byte; undefined bits are an error.
	pub fn from_bits(bits: u8) -> Result<Self, TokenError> {
		if bits & !Self::ALL.0 != 0 {
			return Err(TokenError::UnknownRights(bits));
		}
		Ok(Self(bits))
	}

	/// The rights byte.
	pub fn bits(self) -> u8 {
		self.0
	}

	/// Whether every right of `other` is in `self`.
	pub fn contains(self, other: Rights) -> bool {
		self.0 & other.0 == other.0
	}
}

impl core::ops::BitOr for Rights {
	type Output = Rights;
	fn bitor(self, rhs: Rights) -> Rights {
		Rights(self.0 | rhs.0)
	}
}

/// A capability over one region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AccessToken {
	/// The region this token grants access to.
	pub region: u64,
	/// What the holder may do.
	pub rights: Rights,
	/// Expiry, Unix seconds.
	pub expires_at: u64,
	/// Keyed BLAKE2b-256 over the fields above.
	pub mac: [u8; 32],
}

impl AccessToken {
	/// Encodes the token: region (u64 BE), rights (u8), expiry (u64 BE), MAC (32 bytes).
	pub fn encode(&self) -> [u8; TOKEN_LEN] {
		let mut out = [0u8; TOKEN_LEN];
		out[..8].copy_from_slice(&self.region.to_be_bytes());
		out[8] = self.rights.bits();
		out[9..17].copy_from_slice(&self.expires_at.to_be_bytes());
		out[17..].copy_from_slice(&self.mac);
		out
	}

	/// Decodes a token; the MAC is not checked here.
	pub fn decode(bytes: &[u8; TOKEN_LEN]) -> Result<Self, TokenError> {
		let mut region = [0u8; 8];
		region.copy_from_slice(&bytes[..8]);
		let mut expires = [0u8; 8];
		expires.copy_from_slice(&bytes[9..17]);
		let mut mac = [0u8; 32];
		mac.copy_from_slice(&bytes[17..]);
		Ok(Self {
			region: u64::from_be_bytes(region),
			rights: Rights::from_bits(bytes[8])?,
			expires_at: u64::from_be_bytes(expires),
			mac,
		})
	}
}

/// Issues and checks tokens with one secret key.
#[derive(Clone)]
pub struct TokenAuthority {
	key: [u8; 32],
}

impl core::fmt::Debug for TokenAuthority {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.write_str("TokenAuthority { .. }")
	}
}

impl TokenAuthority {
	/// An authority with this secret key.
	pub fn new(key: [u8; 32]) -> Self {
		Self { key }
	}

	fn mac(&self, region: u64, rights: Rights, expires_at: u64) -> Blake2bMac<U32> {
		// A 32-byte key is always within BLAKE2b's 64-byte key limit.
		let mut mac = <Blake2bMac<U32> as Mac>::new_from_slice(&self.key)
			.unwrap_or_else(|_| unreachable!("32-byte key fits blake2b"));
		mac.update(DOMAIN);
		mac.update(&region.to_be_bytes());
		mac.update(&[rights.bits()]);
		mac.update(&expires_at.to_be_bytes());
		mac
	}

	/// Issues a token for `region` with `rights`, valid until `expires_at` (Unix seconds).
	pub fn issue(&self, region: u64, rights: Rights, expires_at: u64) -> AccessToken {
		let mac = self.mac(region, rights, expires_at).finalize().into_bytes().into();
		AccessToken { region, rights, expires_at, mac }
	}

	/// Checks that `token` is genuine, unexpired at `now` (Unix seconds) and grants `needed`.
	pub fn check(&self, token: &AccessToken, needed: Rights, now: u64) -> Result<(), TokenError> {
		self.mac(token.region, token.rights, token.expires_at)
			.verify_slice(&token.mac)
			.map_err(|_| TokenError::BadMac)?;
		if now >= token.expires_at {
			return Err(TokenError::Expired { expired_at: token.expires_at, now });
		}
		if !token.rights.contains(needed) {
			return Err(TokenError::MissingRights { missing: Rights(needed.0 & !token.rights.0) });
		}
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn issue_and_check() {
		let authority = TokenAuthority::new([7; 32]);
		let token = authority.issue(3, Rights::READ | Rights::WRITE, 100);
		assert_eq!(authority.check(&token, Rights::READ, 99), Ok(()));
		assert_eq!(AccessToken::decode(&token.encode()), Ok(token));
		assert_eq!(
			authority.check(&token, Rights::READ, 100),
			Err(TokenError::Expired { expired_at: 100, now: 100 })
		);
		assert_eq!(
			authority.check(&token, Rights::ATOMIC, 1),
			Err(TokenError::MissingRights { missing: Rights::ATOMIC })
		);
	}

	#[test]
	fn forged_tokens_refused() {
		let authority = TokenAuthority::new([7; 32]);
		let mut token = authority.issue(3, Rights::READ, 100);
		token.rights = Rights::ALL;
		assert_eq!(authority.check(&token, Rights::READ, 1), Err(TokenError::BadMac));
		let other = TokenAuthority::new([8; 32]).issue(3, Rights::READ, 100);
		assert_eq!(authority.check(&other, Rights::READ, 1), Err(TokenError::BadMac));
	}
}
