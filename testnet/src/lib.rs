//! # hypermesh-testnet
//!
//! Runs real `hypermesh-node` processes on loopback and watches them over
//! JSON-RPC. The node's integration tests, `scripts/testnet.sh` and the
//! finality benchmark all stand on it, so every one of them exercises the
//! node exactly as an operator and a wallet would.
//!
//! - [`process`]: start, kill (`SIGKILL`), stop (`SIGTERM`) and restart one node.
//! - [`network`]: the four validators of the `local` chain, wired by bootnodes.
//! - [`rpc`]: the JSON-RPC calls the tests need, typed with the runtime's types.
//! - [`finality`]: import-to-finalized latency measured from RPC subscriptions.
//! - [`wait`]: polling until a condition holds, with a generous bound.

#![warn(missing_docs)]

pub mod finality;
pub mod network;
pub mod process;
pub mod rpc;
pub mod wait;
