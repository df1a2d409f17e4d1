//! # STOQ protocol core
//!
//! The sans-IO half of STOQ, HyperMesh's post-quantum QUIC transport: frames,
//! messages, sessions, limits, access tokens, remote-memory regions, the chunk
//! store, proxy routes and the identity attestation. Nothing here opens a
//! socket, spawns a task or reads a clock: callers pass bytes and `now` in and
//! carry out what comes back. The `hypermesh-stoq` crate is the driver that
//! does the IO on quinn and tokio.
//!
//! ## Frame format
//!
//! Every message travels as one frame on a bidirectional QUIC stream. A client
//! writes request frames; the server answers each, in order, with one response
//! frame on the same stream. Frames are not tied to datagrams: QUIC carries a
//! frame over as many packets as it needs, up to the endpoint's
//! [`Limits::max_frame_size`] (16 MiB by default, at most 4 GiB − 1).
//!
//! ```text
//!  0        1        2        3        4                                   8
//! +--------+--------+--------+--------+--------+--------+--------+--------+
//! | version|  kind  | flags  |reserved|        payload length (u32 BE)    |
//! +--------+--------+--------+--------+--------+--------+--------+--------+
//! |                        payload (length bytes) ...
//! ```
//!
//! * `version` is [`VERSION`] (1); any other value resets the stream with
//!   [`ErrorCode::UnsupportedVersion`].
//! * `kind` is a [`FrameKind`]: requests below 0x80, responses from 0x80.
//! * `flags` and `reserved` must be zero.
//! * a length above the limit resets the stream with [`ErrorCode::FrameTooLarge`].
//!
//! Payloads are fixed-width big-endian fields followed by at most one
//! variable-length tail that runs to the end of the payload. `token` is an
//! [`AccessToken`] (49 bytes: region u64, rights u8, expiry u64 in Unix
//! seconds, BLAKE2b-256 MAC).
//!
//! | kind | frame | payload |
//! |---|---|---|
//! | 0x01 | Read | token, offset u64, length u32 |
//! | 0x02 | Write | token, offset u64, data… |
//! | 0x03 | CompareAndSwap | token, offset u64, expected u64, new u64 |
//! | 0x04 | AtomicAdd | token, offset u64, delta u64 |
//! | 0x05 | Fence | token |
//! | 0x06 | Prefetch | token, offset u64, length u32 |
//! | 0x07 | Map | token, size u64 |
//! | 0x08 | Unmap | token |
//! | 0x09 | Sync | token |
//! | 0x10 | ChunkPut | BLAKE2b-256 hash (32), data… |
//! | 0x11 | ChunkGet | BLAKE2b-256 hash (32) |
//! | 0x20 | Forward | global address (16, fd00::/8), inner request frame… |
//! | 0x80 | Ok | — |
//! | 0x81 | Data | data… |
//! | 0x82 | Value | u64 (value before an AtomicAdd) |
//! | 0x83 | Swapped | swapped u8 (0/1), previous u64 |
//! | 0x84 | Stored | hash (32) |
//! | 0xff | Error | [`ErrorCode`] u32, UTF-8 message… (≤ 1024 bytes) |
//!
//! Atomic words are little-endian u64 at 8-byte aligned offsets. A Forward's
//! inner frame is a complete frame (header included) that is not itself a
//! Forward; the proxy sends it to the provider behind the address and relays
//! the provider's response frame unchanged.
//!
//! A decoded frame's [`Payload`] is the received pieces themselves, not a copy
//! of them: bulk bytes are copied once, into the region or chunk store that
//! takes them. Pieces under [`SHARED_PIECE_MIN`] bytes are gathered into one
//! buffer so that a stream never pins much more memory than it buffers.
//!
//! A malformed frame resets its stream (both directions) with the matching
//! [`ErrorCode`]; the connection and the endpoint go on serving. After
//! [`Limits::max_protocol_errors`] malformed frames the connection is closed
//! with [`ErrorCode::ProtocolViolation`].
//!
//! ## Identity attestation
//!
//! Each node has an Ed25519 key — its [`NodeId`] — and a FALCON-1024 key. The
//! node's self-signed TLS certificate carries, in a non-critical X.509
//! extension, an [`Attestation`]:
//!
//! ```text
//! version (1) ‖ Ed25519 public key (32) ‖ FALCON-1024 public key (1793)
//!   ‖ binding: Ed25519 signature (64) ‖ attestation: FALCON-1024 signature (1280)
//! ```
//!
//! * **binding** = Ed25519 signature over `"hypermesh/stoq/binding/v1" ‖
//!   FALCON public key`: the identity vouches for its FALCON key;
//! * **attestation** = FALCON-1024 signature (domain context
//!   `"hypermesh/stoq/attest/v1"`) over `BLAKE2b-256(certificate
//!   SubjectPublicKeyInfo) ‖ Ed25519 public key`: the post-quantum key vouches
//!   for the TLS key and the identity.
//!
//! During the handshake TLS proves possession of the TLS key; the verifier
//! recomputes the SubjectPublicKeyInfo digest from the certificate actually
//! presented, checks both signatures ([`Attestation::verify`]) and then looks
//! the identity up in the caller's [`AllowedIdentities`], optionally pinned to
//! a FALCON key hash. Any failure refuses the peer; there is no path that
//! accepts a certificate without these checks.

#![warn(missing_docs, unreachable_pub)]

mod address;
mod chunk;
mod code;
mod frame;
mod identity;
mod limits;
mod memory;
mod message;
mod payload;
mod session;
mod token;

pub use address::{AddressError, GlobalAddress, Route, RouteTable};
pub use chunk::{ChunkError, ChunkStore, ContentHash, VerifiedChunk};
pub use code::ErrorCode;
pub use frame::{
	EncodedFrame, Frame, FrameDecoder, FrameError, FrameHeader, FrameKind, HEADER_LEN,
	SHARED_PIECE_MIN, VERSION,
};
pub use identity::{
	AllowedIdentities, Attestation, FalconKeyHash, IdentityError, NodeId, NodeKeys, PeerIdentity,
	ATTESTATION_LEN, ATTESTATION_VERSION, FALCON_PUBLIC_LEN, FALCON_SECRET_LEN,
	FALCON_SIGNATURE_LEN,
};
pub use limits::Limits;
pub use memory::{MemoryError, RegionTable};
pub use message::{Request, Response, MAX_ERROR_MESSAGE};
pub use payload::Payload;
pub use session::{Action, Session, SessionError, StreamSession};
pub use token::{AccessToken, Rights, TokenAuthority, TokenError, TOKEN_LEN};

/// Re-exported so callers can build [`NodeKeys`] from an existing Ed25519 key.
pub use ed25519_dalek::SigningKey as Ed25519SigningKey;
/// Re-exported so callers can pass an RNG without naming `rand_core` themselves.
pub use fn_dsa::{CryptoRng, RngCore};
