//! TLS 1.3 for STOQ: the crypto provider with the hybrid X25519MLKEM768 key
//! exchange, node certificates carrying the identity attestation, and the
//! verifiers that check attestation and allowed identities on both sides.
//!
//! There is exactly one way a peer's certificate is accepted: it parses, is
//! within its validity period, carries an [`Attestation`] whose Ed25519 binding
//! and FALCON-1024 signature verify against the certificate's own TLS key, and
//! names an identity in the [`AllowedIdentities`] set. The TLS handshake itself
//! then proves possession of that TLS key (CertificateVerify).

use std::sync::{Arc, RwLock};

use hypermesh_stoq_core::{AllowedIdentities, Attestation, IdentityError, NodeKeys, PeerIdentity};
use rand::rngs::OsRng;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{aws_lc_rs, CryptoProvider, SupportedKxGroup, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName, UnixTime};
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::{
	CertificateError, DigitallySignedStruct, DistinguishedName, NamedGroup, SignatureScheme,
	SupportedCipherSuite,
};
use x509_parser::certificate::X509Certificate;
use x509_parser::der_parser::oid::Oid;
use x509_parser::prelude::FromDer;
use x509_parser::time::ASN1Time;

/// ALPN protocol id of STOQ version 1.
pub const ALPN: &[u8] = b"stoq/1";

/// Server name every STOQ certificate is issued for; identities are checked
/// through the attestation, not through names.
pub const SERVER_NAME: &str = "node.stoq.hypermesh";

/// OID of the X.509 extension holding the [`Attestation`] (experimental arc
/// 1.3.6.1.3, until HyperMesh holds a private enterprise number).
pub const ATTESTATION_OID: &[u64] = &[1, 3, 6, 1, 3, 48_271, 1, 1];

/// Errors of TLS setup.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
	/// Certificate generation failed.
	#[error("certificate generation failed: {0}")]
	Certificate(#[from] rcgen::Error),
	/// rustls refused the configuration.
	#[error("tls configuration refused: {0}")]
	Config(#[from] rustls::Error),
	/// The attestation could not be made.
	#[error("attestation failed: {0}")]
	Identity(#[from] IdentityError),
	/// quinn refused the TLS configuration.
	#[error("quic tls configuration refused: {0}")]
	Quic(#[from] quinn::crypto::rustls::NoInitialCipherSuite),
}

/// Which key exchange groups an endpoint offers and accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeyExchange {
	/// Only the hybrid X25519MLKEM768 group; classical peers are refused.
	#[default]
	PostQuantumOnly,
	/// X25519MLKEM768 first, classical X25519 and P-256 as fallback.
	AllowClassical,
	/// Only classical X25519: for measurements and interoperability tests,
	/// never a node's policy.
	ClassicalOnly,
}

impl KeyExchange {
	fn groups(self) -> Vec<&'static dyn SupportedKxGroup> {
		use aws_lc_rs::kx_group::{SECP256R1, X25519, X25519MLKEM768};
		match self {
			Self::PostQuantumOnly => vec![X25519MLKEM768],
			Self::AllowClassical => vec![X25519MLKEM768, X25519, SECP256R1],
			Self::ClassicalOnly => vec![X25519],
		}
	}

	/// Whether a connection that settled on `group` satisfies this policy.
	pub fn permits(self, group: NamedGroup) -> bool {
		self.groups().iter().any(|g| g.name() == group)
	}
}

/// The library that seals and opens TLS records and QUIC packets.
///
/// Key exchange, signatures and randomness always come from aws-lc-rs; only
/// the symmetric ciphers (AES-GCM, ChaCha20-Poly1305) may come from ring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordCrypto {
	/// aws-lc-rs.
	AwsLc,
	/// ring.
	Ring,
}

impl RecordCrypto {
	/// The faster AES-GCM for this CPU: aws-lc-rs, except on x86-64 CPUs with
	/// 256-bit vector AES (VAES, VPCLMULQDQ, AVX2) but without the AVX-512 set
	/// aws-lc-rs needs for its vector path. There aws-lc-rs runs 128-bit AES-NI
	/// while ring's VAES-AVX2 code seals and opens in about half the cycles.
	pub fn detect() -> Self {
		#[cfg(target_arch = "x86_64")]
		{
			let vector_aes = std::is_x86_feature_detected!("vaes")
				&& std::is_x86_feature_detected!("vpclmulqdq")
				&& std::is_x86_feature_detected!("avx2");
			let aws_lc_avx512 = std::is_x86_feature_detected!("avx512f")
				&& std::is_x86_feature_detected!("avx512dq")
				&& std::is_x86_feature_detected!("avx512ifma")
				&& std::is_x86_feature_detected!("avx512bw")
				&& std::is_x86_feature_detected!("avx512vl");
			if vector_aes && !aws_lc_avx512 {
				return Self::Ring;
			}
		}
		Self::AwsLc
	}

	/// TLS 1.3 suites in STOQ's order: AES-128-GCM first (hardware AES on
	/// every server CPU), then AES-256-GCM and ChaCha20-Poly1305.
	fn cipher_suites(self) -> Vec<SupportedCipherSuite> {
		match self {
			Self::AwsLc => {
				use aws_lc_rs::cipher_suite::*;
				vec![
					TLS13_AES_128_GCM_SHA256,
					TLS13_AES_256_GCM_SHA384,
					TLS13_CHACHA20_POLY1305_SHA256,
				]
			}
			Self::Ring => {
				use rustls::crypto::ring::cipher_suite::*;
				vec![
					TLS13_AES_128_GCM_SHA256,
					TLS13_AES_256_GCM_SHA384,
					TLS13_CHACHA20_POLY1305_SHA256,
				]
			}
		}
	}
}

/// The rustls provider STOQ uses: aws-lc-rs with key exchange groups per
/// `policy`, records protected by [`RecordCrypto::detect`]'s choice.
pub fn crypto_provider(policy: KeyExchange) -> CryptoProvider {
	CryptoProvider {
		cipher_suites: RecordCrypto::detect().cipher_suites(),
		kx_groups: policy.groups(),
		..aws_lc_rs::default_provider()
	}
}

/// A node's TLS certificate (ECDSA P-256 key, self-signed) with its attestation.
#[derive(Debug)]
pub struct NodeCertificate {
	cert: CertificateDer<'static>,
	key: PrivatePkcs8KeyDer<'static>,
}

impl NodeCertificate {
	/// Generates a TLS key and a certificate attested by `keys`.
	pub fn issue(keys: &NodeKeys) -> Result<Self, TlsError> {
		use rcgen::PublicKeyData;
		let key_pair = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)?;
		let attestation = keys.attest(&key_pair.subject_public_key_info(), &mut OsRng)?;
		let cert = self_signed(&keys.node_id().to_string(), Some(attestation.encode()), &key_pair)?;
		Ok(Self { cert, key: PrivatePkcs8KeyDer::from(key_pair.serialize_der()) })
	}

	/// The DER certificate.
	pub fn der(&self) -> &CertificateDer<'static> {
		&self.cert
	}

	fn chain(&self) -> Vec<CertificateDer<'static>> {
		vec![self.cert.clone()]
	}

	fn key(&self) -> PrivateKeyDer<'static> {
		PrivateKeyDer::Pkcs8(self.key.clone_key())
	}
}

/// A self-signed certificate for [`SERVER_NAME`] carrying `attestation`.
fn self_signed(
	common_name: &str,
	attestation: Option<Vec<u8>>,
	key_pair: &rcgen::KeyPair,
) -> Result<CertificateDer<'static>, rcgen::Error> {
	let mut params = rcgen::CertificateParams::new(vec![SERVER_NAME.to_owned()])?;
	params.distinguished_name = rcgen::DistinguishedName::new();
	params.distinguished_name.push(rcgen::DnType::CommonName, common_name);
	if let Some(attestation) = attestation {
		params
			.custom_extensions
			.push(rcgen::CustomExtension::from_oid_content(ATTESTATION_OID, attestation));
	}
	Ok(params.self_signed(key_pair)?.der().clone())
}

/// Parses a certificate and returns its TLS key (DER SubjectPublicKeyInfo)
/// and attestation bytes.
fn certificate_parts(der: &[u8]) -> Result<(X509Certificate<'_>, Vec<u8>), rustls::Error> {
	let (rest, cert) = X509Certificate::from_der(der)
		.map_err(|_| rustls::Error::InvalidCertificate(CertificateError::BadEncoding))?;
	if !rest.is_empty() {
		return Err(rustls::Error::InvalidCertificate(CertificateError::BadEncoding));
	}
	let oid = Oid::from(ATTESTATION_OID)
		.map_err(|_| rustls::Error::General("attestation oid invalid".into()))?;
	let attestation = cert
		.extensions()
		.iter()
		.find(|ext| ext.oid == oid)
		.map(|ext| ext.value.to_vec())
		.ok_or_else(|| refused(IdentityError::Missing))?;
	Ok((cert, attestation))
}

fn refused(error: IdentityError) -> rustls::Error {
	rustls::Error::InvalidCertificate(CertificateError::Other(rustls::OtherError(Arc::new(error))))
}

/// The identity claimed by a certificate that already passed [`AttestationVerifier`]
/// in this connection's handshake; signatures are not checked again.
pub(crate) fn claimed_identity(der: &[u8]) -> Result<PeerIdentity, rustls::Error> {
	let (_, attestation) = certificate_parts(der)?;
	Ok(Attestation::decode(&attestation).map_err(refused)?.claimed_identity())
}

/// Verifies peer certificates: attestation plus allowed identities, for
/// servers (checking clients) and clients (checking servers) alike.
#[derive(Debug)]
pub struct AttestationVerifier {
	allowed: Arc<RwLock<AllowedIdentities>>,
	algorithms: WebPkiSupportedAlgorithms,
}

impl AttestationVerifier {
	/// A verifier accepting the identities in `allowed`, read at each handshake.
	pub fn new(allowed: Arc<RwLock<AllowedIdentities>>) -> Self {
		Self {
			allowed,
			algorithms: aws_lc_rs::default_provider().signature_verification_algorithms,
		}
	}

	/// Checks one certificate at `now`; the identity it proves on success.
	pub fn verify(
		&self,
		end_entity: &CertificateDer<'_>,
		intermediates: &[CertificateDer<'_>],
		now: UnixTime,
	) -> Result<PeerIdentity, rustls::Error> {
		if !intermediates.is_empty() {
			return Err(rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer));
		}
		let (cert, attestation) = certificate_parts(end_entity)?;
		let now = i64::try_from(now.as_secs())
			.ok()
			.and_then(|secs| ASN1Time::from_timestamp(secs).ok())
			.ok_or(rustls::Error::FailedToGetCurrentTime)?;
		if !cert.validity().is_valid_at(now) {
			return Err(rustls::Error::InvalidCertificate(CertificateError::Expired));
		}
		let spki = cert.tbs_certificate.subject_pki.raw;
		let allowed = self
			.allowed
			.read()
			.map_err(|_| rustls::Error::General("allowed identities lock poisoned".into()))?;
		allowed.verify_peer(&attestation, spki).map_err(refused)
	}
}

/// The handshake-signature methods both verifier traits share: TLS 1.2 is
/// refused (QUIC is TLS 1.3 only), TLS 1.3 CertificateVerify is checked with
/// the aws-lc-rs algorithms against the certificate's key.
macro_rules! handshake_signature_checks {
	() => {
		fn verify_tls12_signature(
			&self,
			_message: &[u8],
			_cert: &CertificateDer<'_>,
			_dss: &DigitallySignedStruct,
		) -> Result<HandshakeSignatureValid, rustls::Error> {
			Err(rustls::Error::PeerIncompatible(rustls::PeerIncompatible::Tls13RequiredForQuic))
		}

		fn verify_tls13_signature(
			&self,
			message: &[u8],
			cert: &CertificateDer<'_>,
			dss: &DigitallySignedStruct,
		) -> Result<HandshakeSignatureValid, rustls::Error> {
			rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
		}

		fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
			self.algorithms.supported_schemes()
		}
	};
}

impl ServerCertVerifier for AttestationVerifier {
	fn verify_server_cert(
		&self,
		end_entity: &CertificateDer<'_>,
		intermediates: &[CertificateDer<'_>],
		_server_name: &ServerName<'_>,
		_ocsp_response: &[u8],
		now: UnixTime,
	) -> Result<ServerCertVerified, rustls::Error> {
		self.verify(end_entity, intermediates, now).map(|_| ServerCertVerified::assertion())
	}

	handshake_signature_checks!();
}

impl ClientCertVerifier for AttestationVerifier {
	fn root_hint_subjects(&self) -> &[DistinguishedName] {
		&[]
	}

	fn verify_client_cert(
		&self,
		end_entity: &CertificateDer<'_>,
		intermediates: &[CertificateDer<'_>],
		now: UnixTime,
	) -> Result<ClientCertVerified, rustls::Error> {
		self.verify(end_entity, intermediates, now).map(|_| ClientCertVerified::assertion())
	}

	handshake_signature_checks!();
}

/// Builds the rustls server configuration: mutual TLS 1.3, attested clients only,
/// no session resumption (every connection is fully verified).
pub fn server_tls(
	cert: &NodeCertificate,
	allowed: Arc<RwLock<AllowedIdentities>>,
	policy: KeyExchange,
) -> Result<rustls::ServerConfig, TlsError> {
	let mut config = rustls::ServerConfig::builder_with_provider(Arc::new(crypto_provider(policy)))
		.with_protocol_versions(&[&rustls::version::TLS13])?
		.with_client_cert_verifier(Arc::new(AttestationVerifier::new(allowed)))
		.with_single_cert(cert.chain(), cert.key())?;
	config.alpn_protocols = vec![ALPN.to_vec()];
	config.session_storage = Arc::new(rustls::server::NoServerSessionStorage {});
	config.send_tls13_tickets = 0;
	Ok(config)
}

/// Builds the rustls client configuration: TLS 1.3, the node certificate as
/// client certificate, attested servers only, no session resumption.
pub fn client_tls(
	cert: &NodeCertificate,
	allowed: Arc<RwLock<AllowedIdentities>>,
	policy: KeyExchange,
) -> Result<rustls::ClientConfig, TlsError> {
	let mut config = rustls::ClientConfig::builder_with_provider(Arc::new(crypto_provider(policy)))
		.with_protocol_versions(&[&rustls::version::TLS13])?
		.dangerous()
		.with_custom_certificate_verifier(Arc::new(AttestationVerifier::new(allowed)))
		.with_client_auth_cert(cert.chain(), cert.key())?;
	config.alpn_protocols = vec![ALPN.to_vec()];
	config.resumption = rustls::client::Resumption::disabled();
	Ok(config)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn record_crypto_libraries_offer_the_same_suites_in_order() {
		let names = |crypto: RecordCrypto| {
			crypto.cipher_suites().iter().map(|suite| suite.suite()).collect::<Vec<_>>()
		};
		assert_eq!(names(RecordCrypto::AwsLc), names(RecordCrypto::Ring));
		assert_eq!(names(RecordCrypto::AwsLc)[0], rustls::CipherSuite::TLS13_AES_128_GCM_SHA256);
		let provider = crypto_provider(KeyExchange::PostQuantumOnly);
		assert_eq!(provider.cipher_suites, RecordCrypto::detect().cipher_suites());
	}

	#[test]
	fn certificates_verify_only_for_allowed_identities() {
		let keys = NodeKeys::generate(&mut OsRng);
		let cert = NodeCertificate::issue(&keys).unwrap();
		let allowed = Arc::new(RwLock::new(AllowedIdentities::new()));
		let verifier = AttestationVerifier::new(allowed.clone());
		let now = UnixTime::now();
		assert!(verifier.verify(cert.der(), &[], now).is_err());
		allowed.write().unwrap().allow(keys.node_id());
		let peer = verifier.verify(cert.der(), &[], now).unwrap();
		assert_eq!(peer.node, keys.node_id());
		assert_eq!(claimed_identity(cert.der()).unwrap(), peer);
		assert!(verifier.verify(cert.der(), &[cert.der().clone()], now).is_err());
		assert!(verifier.verify(&CertificateDer::from(vec![1, 2, 3]), &[], now).is_err());
	}

	fn identity_error(result: Result<PeerIdentity, rustls::Error>) -> String {
		match result {
			Err(rustls::Error::InvalidCertificate(CertificateError::Other(other))) => {
				other.0.to_string()
			}
			other => panic!("expected an identity refusal, got {other:?}"),
		}
	}

	#[test]
	fn attestation_of_another_tls_key_refused() {
		use rcgen::PublicKeyData;
		let keys = NodeKeys::generate(&mut OsRng);
		let allowed = Arc::new(RwLock::new(AllowedIdentities::new()));
		allowed.write().unwrap().allow(keys.node_id());
		let verifier = AttestationVerifier::new(allowed);
		let now = UnixTime::now();
		let attested = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
		let other = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
		let attestation =
			keys.attest(&attested.subject_public_key_info(), &mut OsRng).unwrap().encode();
		// The genuine attestation copied into a certificate for another TLS key.
		let copied = self_signed("copy", Some(attestation.clone()), &other).unwrap();
		assert_eq!(
			identity_error(verifier.verify(&copied, &[], now)),
			IdentityError::BadAttestation.to_string()
		);
		// A certificate without an attestation.
		let bare = self_signed("bare", None, &other).unwrap();
		assert_eq!(
			identity_error(verifier.verify(&bare, &[], now)),
			IdentityError::Missing.to_string()
		);
		// The genuine pairing passes.
		let genuine = self_signed("genuine", Some(attestation), &attested).unwrap();
		assert_eq!(verifier.verify(&genuine, &[], now).unwrap().node, keys.node_id());
	}
}
