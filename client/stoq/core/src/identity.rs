//! Node identities and the certificate attestation.
//!
//! A node has an Ed25519 key (its [`NodeId`], the key the node already uses)
//! and a FALCON-1024 key (FN-DSA, n = 1024). The [`Attestation`] placed in its
//! TLS certificate binds the two keys and the certificate's TLS key:
//!
//! * the Ed25519 key signs the FALCON public key (the *binding*), so a FALCON
//!   key cannot be claimed for someone else's identity;
//! * the FALCON key signs the BLAKE2b-256 digest of the certificate's
//!   SubjectPublicKeyInfo together with the Ed25519 public key (the
//!   *attestation proper*), so the TLS key that proves possession in the
//!   handshake is vouched for by a post-quantum signature.
//!
//! A peer is accepted only when both signatures verify against the TLS key
//! actually presented, and the identity is in the caller's [`AllowedIdentities`].

use std::collections::HashMap;

use blake2::digest::{consts::U32, Digest};
use blake2::Blake2b;
use ed25519_dalek::{Signer, SigningKey as Ed25519Secret, VerifyingKey as Ed25519Public};
use fn_dsa::{
	sign_key_size, signature_size, vrfy_key_size, CryptoRng, DomainContext, KeyPairGenerator,
	KeyPairGenerator1024, RngCore, SigningKey, SigningKey1024, VerifyingKey, VerifyingKey1024,
	FN_DSA_LOGN_1024, HASH_ID_RAW,
};

/// Version byte of the attestation encoding.
pub const ATTESTATION_VERSION: u8 = 1;
/// Length of an encoded FALCON-1024 public key.
pub const FALCON_PUBLIC_LEN: usize = vrfy_key_size(FN_DSA_LOGN_1024);
/// Length of a FALCON-1024 signature.
pub const FALCON_SIGNATURE_LEN: usize = signature_size(FN_DSA_LOGN_1024);
/// Length of an encoded FALCON-1024 secret key.
pub const FALCON_SECRET_LEN: usize = sign_key_size(FN_DSA_LOGN_1024);
/// Length of an encoded [`Attestation`].
pub const ATTESTATION_LEN: usize = 1 + 32 + FALCON_PUBLIC_LEN + 64 + FALCON_SIGNATURE_LEN;

const BINDING_DOMAIN: &[u8] = b"hypermesh/stoq/binding/v1";
const ATTEST_DOMAIN: DomainContext<'static> = DomainContext(b"hypermesh/stoq/attest/v1");

/// Errors of identity handling and attestation checks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
	/// The attestation bytes have the wrong length.
	#[error("attestation is {0} bytes, expected {ATTESTATION_LEN}")]
	BadLength(usize),
	/// The attestation version is not understood.
	#[error("unsupported attestation version {0}")]
	UnsupportedVersion(u8),
	/// The Ed25519 public key is not a valid point.
	#[error("invalid ed25519 public key")]
	BadEd25519Key,
	/// The FALCON public key does not decode.
	#[error("invalid falcon-1024 public key")]
	BadFalconKey,
	/// The FALCON secret key does not decode or is not FALCON-1024.
	#[error("invalid falcon-1024 secret key")]
	BadFalconSecret,
	/// The Ed25519 signature binding the FALCON key does not verify.
	#[error("ed25519 binding of the falcon key does not verify")]
	BadBinding,
	/// The FALCON signature over the TLS key and identity does not verify.
	#[error("falcon-1024 attestation of the tls key does not verify")]
	BadAttestation,
	/// The certificate has no attestation.
	#[error("certificate carries no attestation")]
	Missing,
	/// The identity is not in the allowed set.
	#[error("identity {0} is not allowed")]
	NotAllowed(NodeId),
	/// The identity is allowed, but with a different FALCON key.
	#[error("identity {0} presented a falcon key other than the registered one")]
	FalconKeyMismatch(NodeId),
	/// The peer is not the node the caller meant to reach.
	#[error("expected identity {expected}, peer is {actual}")]
	UnexpectedPeer {
		/// The identity asked for.
		expected: NodeId,
		/// The identity presented.
		actual: NodeId,
	},
}

/// A node's identity: its Ed25519 public key.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub [u8; 32]);

impl core::fmt::Display for NodeId {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		for byte in &self.0[..8] {
			write!(f, "{byte:02x}")?;
		}
		f.write_str("…")
	}
}

impl core::fmt::Debug for NodeId {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "NodeId({self})")
	}
}

/// BLAKE2b-256 of a FALCON public key, as registered for an identity.
pub type FalconKeyHash = [u8; 32];

fn blake2b256(parts: &[&[u8]]) -> [u8; 32] {
	let mut hasher = Blake2b::<U32>::new();
	for part in parts {
		hasher.update(part);
	}
	hasher.finalize().into()
}

/// A node's secret keys.
pub struct NodeKeys {
	ed25519: Ed25519Secret,
	falcon_secret: Vec<u8>,
	falcon_public: Vec<u8>,
}

impl core::fmt::Debug for NodeKeys {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "NodeKeys({})", self.node_id())
	}
}

impl NodeKeys {
	/// Generates both keys.
	pub fn generate<R: CryptoRng + RngCore>(rng: &mut R) -> Self {
		let ed25519 = Ed25519Secret::generate(rng);
		Self::with_ed25519(ed25519, rng)
	}

	/// Keeps the node's existing Ed25519 key and generates a FALCON-1024 key.
	pub fn with_ed25519<R: CryptoRng + RngCore>(ed25519: Ed25519Secret, rng: &mut R) -> Self {
		let mut falcon_secret = vec![0u8; FALCON_SECRET_LEN];
		let mut falcon_public = vec![0u8; FALCON_PUBLIC_LEN];
		KeyPairGenerator1024::default().keygen(
			FN_DSA_LOGN_1024,
			rng,
			&mut falcon_secret,
			&mut falcon_public,
		);
		Self { ed25519, falcon_secret, falcon_public }
	}

	/// Rebuilds keys from an Ed25519 key and an encoded FALCON-1024 secret key.
	pub fn from_parts(ed25519: Ed25519Secret, falcon_secret: &[u8]) -> Result<Self, IdentityError> {
		let key = SigningKey1024::decode(falcon_secret).ok_or(IdentityError::BadFalconSecret)?;
		let mut falcon_public = vec![0u8; FALCON_PUBLIC_LEN];
		key.to_verifying_key(&mut falcon_public);
		Ok(Self { ed25519, falcon_secret: falcon_secret.to_vec(), falcon_public })
	}

	/// The identity: the Ed25519 public key.
	pub fn node_id(&self) -> NodeId {
		NodeId(self.ed25519.verifying_key().to_bytes())
	}

	/// The encoded FALCON-1024 public key.
	pub fn falcon_public(&self) -> &[u8] {
		&self.falcon_public
	}

	/// The encoded FALCON-1024 secret key, for storing in a keystore.
	pub fn falcon_secret(&self) -> &[u8] {
		&self.falcon_secret
	}

	/// The hash under which the FALCON key is registered.
	pub fn falcon_key_hash(&self) -> FalconKeyHash {
		blake2b256(&[&self.falcon_public])
	}

	/// Attests the TLS key whose DER SubjectPublicKeyInfo is `tls_spki`.
	pub fn attest<R: CryptoRng + RngCore>(
		&self,
		tls_spki: &[u8],
		rng: &mut R,
	) -> Result<Attestation, IdentityError> {
		let node = self.node_id();
		let binding = self.ed25519.sign(&binding_message(&self.falcon_public)).to_bytes();
		let mut signer =
			SigningKey1024::decode(&self.falcon_secret).ok_or(IdentityError::BadFalconSecret)?;
		let mut falcon_signature = vec![0u8; FALCON_SIGNATURE_LEN];
		signer.sign(
			rng,
			&ATTEST_DOMAIN,
			&HASH_ID_RAW,
			&attest_message(tls_spki, &node),
			&mut falcon_signature,
		);
		Ok(Attestation {
			node,
			falcon_public: self.falcon_public.clone(),
			binding,
			falcon_signature,
		})
	}
}

fn binding_message(falcon_public: &[u8]) -> Vec<u8> {
	[BINDING_DOMAIN, falcon_public].concat()
}

fn attest_message(tls_spki: &[u8], node: &NodeId) -> [u8; 64] {
	let mut message = [0u8; 64];
	message[..32].copy_from_slice(&blake2b256(&[tls_spki]));
	message[32..].copy_from_slice(&node.0);
	message
}

/// The attestation carried in a node certificate. See the module docs.
#[derive(Clone, PartialEq, Eq)]
pub struct Attestation {
	/// The Ed25519 identity.
	pub node: NodeId,
	/// The encoded FALCON-1024 public key.
	pub falcon_public: Vec<u8>,
	/// Ed25519 signature over `"hypermesh/stoq/binding/v1" ‖ falcon_public`.
	pub binding: [u8; 64],
	/// FALCON-1024 signature over `BLAKE2b-256(tls_spki) ‖ node`.
	pub falcon_signature: Vec<u8>,
}

impl core::fmt::Debug for Attestation {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "Attestation({})", self.node)
	}
}

/// What a verified attestation establishes about a peer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PeerIdentity {
	/// The peer's Ed25519 identity.
	pub node: NodeId,
	/// BLAKE2b-256 of the peer's FALCON-1024 public key.
	pub falcon_key_hash: FalconKeyHash,
}

impl Attestation {
	/// Encodes: version (1) ‖ Ed25519 key (32) ‖ FALCON key (1793) ‖
	/// binding (64) ‖ FALCON signature (1280).
	pub fn encode(&self) -> Vec<u8> {
		let mut out = Vec::with_capacity(ATTESTATION_LEN);
		out.push(ATTESTATION_VERSION);
		out.extend_from_slice(&self.node.0);
		out.extend_from_slice(&self.falcon_public);
		out.extend_from_slice(&self.binding);
		out.extend_from_slice(&self.falcon_signature);
		out
	}

	/// Decodes without checking signatures.
	pub fn decode(bytes: &[u8]) -> Result<Self, IdentityError> {
		if bytes.len() != ATTESTATION_LEN {
			return Err(IdentityError::BadLength(bytes.len()));
		}
		let (version, rest) = bytes.split_at(1);
		if version[0] != ATTESTATION_VERSION {
			return Err(IdentityError::UnsupportedVersion(version[0]));
		}
		let (node, rest) = rest.split_at(32);
		let (falcon_public, rest) = rest.split_at(FALCON_PUBLIC_LEN);
		let (binding, falcon_signature) = rest.split_at(64);
		let mut node_bytes = [0u8; 32];
		node_bytes.copy_from_slice(node);
		let mut binding_bytes = [0u8; 64];
		binding_bytes.copy_from_slice(binding);
		Ok(Self {
			node: NodeId(node_bytes),
			falcon_public: falcon_public.to_vec(),
			binding: binding_bytes,
			falcon_signature: falcon_signature.to_vec(),
		})
	}

	/// Checks both signatures against the TLS key `tls_spki` actually presented.
	pub fn verify(&self, tls_spki: &[u8]) -> Result<PeerIdentity, IdentityError> {
		let ed25519 =
			Ed25519Public::from_bytes(&self.node.0).map_err(|_| IdentityError::BadEd25519Key)?;
		let binding = ed25519_dalek::Signature::from_bytes(&self.binding);
		ed25519
			.verify_strict(&binding_message(&self.falcon_public), &binding)
			.map_err(|_| IdentityError::BadBinding)?;
		let falcon =
			VerifyingKey1024::decode(&self.falcon_public).ok_or(IdentityError::BadFalconKey)?;
		if !falcon.verify(
			&self.falcon_signature,
			&ATTEST_DOMAIN,
			&HASH_ID_RAW,
			&attest_message(tls_spki, &self.node),
		) {
			return Err(IdentityError::BadAttestation);
		}
		Ok(self.claimed_identity())
	}

	/// The identity this attestation claims, without checking its signatures.
	///
	/// Only for attestations already verified, e.g. during the TLS handshake.
	pub fn claimed_identity(&self) -> PeerIdentity {
		PeerIdentity { node: self.node, falcon_key_hash: blake2b256(&[&self.falcon_public]) }
	}
}

/// The identities an endpoint accepts, each optionally pinned to a FALCON key.
///
/// Supplied by the caller; on a running node these are the keys registered on chain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowedIdentities {
	allowed: HashMap<NodeId, Option<FalconKeyHash>>,
}

impl AllowedIdentities {
	/// An empty set: every peer is refused.
	pub fn new() -> Self {
		Self::default()
	}

	/// Allows `node` with whatever FALCON key it has bound to itself.
	pub fn allow(&mut self, node: NodeId) {
		self.allowed.insert(node, None);
	}

	/// Allows `node` only with the FALCON key hashing to `falcon_key_hash`.
	pub fn allow_pinned(&mut self, node: NodeId, falcon_key_hash: FalconKeyHash) {
		self.allowed.insert(node, Some(falcon_key_hash));
	}

	/// Stops allowing `node`.
	pub fn remove(&mut self, node: &NodeId) -> bool {
		self.allowed.remove(node).is_some()
	}

	/// Number of allowed identities.
	pub fn len(&self) -> usize {
		self.allowed.len()
	}

	/// Whether no identity is allowed.
	pub fn is_empty(&self) -> bool {
		self.allowed.is_empty()
	}

	/// Checks a verified identity against the set.
	pub fn check(&self, peer: &PeerIdentity) -> Result<(), IdentityError> {
		match self.allowed.get(&peer.node) {
			None => Err(IdentityError::NotAllowed(peer.node)),
			Some(Some(pinned)) if *pinned != peer.falcon_key_hash => {
				Err(IdentityError::FalconKeyMismatch(peer.node))
			}
			Some(_) => Ok(()),
		}
	}

	/// Decodes `attestation`, verifies it against `tls_spki` and checks the set.
	pub fn verify_peer(
		&self,
		attestation: &[u8],
		tls_spki: &[u8],
	) -> Result<PeerIdentity, IdentityError> {
		let peer = Attestation::decode(attestation)?.verify(tls_spki)?;
		self.check(&peer)?;
		Ok(peer)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use rand::rngs::OsRng;
	use std::sync::OnceLock;

	/// Key generation is the slow part; share two key sets across tests.
	fn keys() -> &'static (NodeKeys, NodeKeys) {
		static KEYS: OnceLock<(NodeKeys, NodeKeys)> = OnceLock::new();
		KEYS.get_or_init(|| (NodeKeys::generate(&mut OsRng), NodeKeys::generate(&mut OsRng)))
	}

	#[test]
	fn attestation_round_trip_and_verify() {
		let (alice, _) = keys();
		let spki = b"tls key of alice";
		let attestation = alice.attest(spki, &mut OsRng).unwrap();
		let encoded = attestation.encode();
		assert_eq!(encoded.len(), ATTESTATION_LEN);
		let decoded = Attestation::decode(&encoded).unwrap();
		assert_eq!(decoded, attestation);
		let peer = decoded.verify(spki).unwrap();
		assert_eq!(peer.node, alice.node_id());
		assert_eq!(peer.falcon_key_hash, alice.falcon_key_hash());
	}

	#[test]
	fn attestation_bound_to_tls_key() {
		let (alice, _) = keys();
		let attestation = alice.attest(b"tls key of alice", &mut OsRng).unwrap();
		assert_eq!(attestation.verify(b"someone else's key"), Err(IdentityError::BadAttestation));
	}

	#[test]
	fn stolen_identity_refused() {
		// Bob puts Alice's identity next to his own FALCON key: the binding fails.
		let (alice, bob) = keys();
		let mut forged = bob.attest(b"bob tls", &mut OsRng).unwrap();
		forged.node = alice.node_id();
		assert_eq!(forged.verify(b"bob tls"), Err(IdentityError::BadBinding));
		// Bob reuses Alice's binding with his FALCON key: the binding still fails.
		let real = alice.attest(b"alice tls", &mut OsRng).unwrap();
		forged.binding = real.binding;
		assert_eq!(forged.verify(b"bob tls"), Err(IdentityError::BadBinding));
		// Bob replays Alice's whole attestation over his TLS key: the FALCON check fails.
		assert_eq!(real.verify(b"bob tls"), Err(IdentityError::BadAttestation));
	}

	#[test]
	fn allowed_set_and_pinning() {
		let (alice, bob) = keys();
		let attestation = alice.attest(b"k", &mut OsRng).unwrap().encode();
		let mut allowed = AllowedIdentities::new();
		assert_eq!(
			allowed.verify_peer(&attestation, b"k"),
			Err(IdentityError::NotAllowed(alice.node_id()))
		);
		allowed.allow(alice.node_id());
		assert!(allowed.verify_peer(&attestation, b"k").is_ok());
		allowed.allow_pinned(alice.node_id(), bob.falcon_key_hash());
		assert_eq!(
			allowed.verify_peer(&attestation, b"k"),
			Err(IdentityError::FalconKeyMismatch(alice.node_id()))
		);
		allowed.allow_pinned(alice.node_id(), alice.falcon_key_hash());
		assert!(allowed.verify_peer(&attestation, b"k").is_ok());
	}

	#[test]
	fn keys_restore_from_parts() {
		let (alice, _) = keys();
		let restored = NodeKeys::from_parts(alice.ed25519.clone(), alice.falcon_secret()).unwrap();
		assert_eq!(restored.falcon_public(), alice.falcon_public());
		assert_eq!(
			NodeKeys::from_parts(alice.ed25519.clone(), &[1, 2, 3]).unwrap_err(),
			IdentityError::BadFalconSecret
		);
	}

	#[test]
	fn malformed_attestations_refused() {
		assert_eq!(Attestation::decode(&[1, 2]), Err(IdentityError::BadLength(2)));
		let mut bytes = vec![0u8; ATTESTATION_LEN];
		assert_eq!(Attestation::decode(&bytes), Err(IdentityError::UnsupportedVersion(0)));
		bytes[0] = ATTESTATION_VERSION;
		let garbage = Attestation::decode(&bytes).unwrap();
		assert!(garbage.verify(b"k").is_err());
	}
}
