//! # STOQ transport
//!
//! The driver half of STOQ, HyperMesh's post-quantum QUIC transport. It runs
//! the protocol core ([`hypermesh_stoq_core`], re-exported as [`core`]) over
//! quinn 0.11 and tokio:
//!
//! * [`StoqEndpoint`] binds a UDP port (with one or several sockets) and
//!   opens and accepts connections; a [`StoqLink`] bundles several
//!   connections to one peer so that one transfer uses several cores.
//!   Every handshake is TLS 1.3 through rustls (aws-lc-rs) with the hybrid
//!   X25519MLKEM768 key exchange; records use the faster AES-GCM of
//!   aws-lc-rs or ring for the CPU ([`RecordCrypto`]); [`KeyExchange`]
//!   decides whether classical groups are refused (the default) or allowed,
//!   and every [`StoqConnection`] reports the group it negotiated.
//! * Both sides present self-signed certificates carrying the node's
//!   [`Attestation`](core::Attestation) (see the core crate's docs for its
//!   layout); [`AttestationVerifier`] checks it and the caller-supplied
//!   [`AllowedIdentities`](core::AllowedIdentities). There is no other verifier.
//! * [`DataPlane`] serves remote-memory regions, content-addressed chunks and
//!   proxy forwarding to the provider behind a global address, one request
//!   frame per response frame on each bidirectional stream.
//!
//! The frame format is documented in [`hypermesh_stoq_core`].

#![warn(missing_docs, unreachable_pub)]

pub use hypermesh_stoq_core as core;

mod config;
mod endpoint;
mod link;
mod service;
mod steering;
mod tls;

pub use config::{StoqConfig, Tuning, GSO_BATCH};
pub use endpoint::{Accepting, Channel, EndpointError, RequestError, StoqConnection, StoqEndpoint};
pub use link::StoqLink;
pub use rustls::NamedGroup;
pub use service::{DataPlane, ServiceError};
pub use tls::{
	client_tls, crypto_provider, server_tls, AttestationVerifier, KeyExchange, NodeCertificate,
	RecordCrypto, TlsError, ALPN, ATTESTATION_OID, SERVER_NAME,
};
