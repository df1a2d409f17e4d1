//! # Mesh proxy pallet
//!
//! Resolves HyperMesh global addresses and keeps the registry of proxy nodes,
//! ranked by trust.
//!
//! ## Terms
//!
//! - **Global address**: an IPv6 unique-local address that names an asset, not a
//!   host ([`GlobalAddress`]). Consumers address assets; the chain says where the
//!   asset's provider listens.
//! - **Provider endpoint**: the STOQ endpoint (`host:port`) a provider declares
//!   for its own node ([`ProviderEndpoints`]).
//! - **Proxy**: a node that forwards consumers' traffic to providers over STOQ.
//!   It registers an endpoint and holds a bond of at least [`Config::MinProxyBond`]
//!   ([`HoldReason::ProxyBond`]), and proves it is alive by heartbeats.
//!
//! ## Endpoints
//!
//! An endpoint is non-empty UTF-8 of the form `host:port`, split at the last `:`.
//! The port is 1 to 5 ASCII digits giving a non-zero `u16`. The host is either an
//! IPv6 address in brackets (`[fd00::1]:4433`) or a non-empty name or IPv4
//! address holding no `:`, `[`, `]`, whitespace or control characters.
//!
//! ## Resolution
//!
//! [`Pallet::resolve`] maps a global address to its asset (through
//! [`Config::Assets`]), the asset to its owner (the provider), and the provider to
//! its declared endpoint, if any.
//!
//! ## Trust score
//!
//! [`Pallet::best_proxies`] ranks the registered proxies for a consumer. Each
//! proxy's score ([`Pallet::trust_score`]), at block `now`, is:
//!
//! - bond part = `min(bond / MinProxyBond, 10) * 100` (integer division; with a
//!   `MinProxyBond` of zero the ratio counts as 10);
//! - liveness = `1000` if `now - last_heartbeat <= HeartbeatPeriod`, else `0`
//!   (registration counts as the first sign of life);
//! - history = `min(heartbeats, 100) * 5`;
//! - penalty = `failed_challenges(proxy) * 500`, from [`Config::Standing`];
//! - score = `(bond part + liveness + history).saturating_sub(penalty)`.
//!
//! Proxies that [`Config::Standing`] reports as banned are never returned, and
//! the consumer is never offered itself. Proxies are sorted by score, highest
//! first. Ties are broken per consumer by the XOR distance between
//! `blake2_256(consumer.encode())` and `blake2_256(proxy.encode())`, closer first,
//! which spreads consumers over equally trusted proxies while staying
//! deterministic. At most `min(count, MaxProxies)` proxies are returned.
//!
//! ## Calls
//!
//! - [`Pallet::register_proxy`]: become a proxy, holding a bond.
//! - [`Pallet::update_proxy_endpoint`]: move a proxy to another endpoint.
//! - [`Pallet::proxy_heartbeat`]: a proxy's sign of life.
//! - [`Pallet::unregister_proxy`]: stop being a proxy; the bond is released.
//! - [`Pallet::set_provider_endpoint`]: declare one's own STOQ endpoint as a provider.
//! - [`Pallet::clear_provider_endpoint`]: withdraw that declaration.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

pub use functions::{
	LIVENESS_SCORE, MAX_BOND_UNITS, MAX_COUNTED_HEARTBEATS, PENALTY_PER_FAILED_CHALLENGE,
	SCORE_PER_BOND_UNIT, SCORE_PER_HEARTBEAT,
};
pub use hypermesh_primitives::{Endpoint, GlobalAddress, ProxyRecord, Resolution};

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod endpoint;
mod functions;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

use frame_support::traits::fungible;

/// The balance type of the currency the bonds are held in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A proxy's stored record, with the runtime's balance and block number types.
pub type ProxyRecordOf<T> =
	ProxyRecord<BalanceOf<T>, frame_system::pallet_prelude::BlockNumberFor<T>>;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::fungible};
	use frame_system::pallet_prelude::*;
	use hypermesh_primitives::traits::{AssetInspect, ProviderStanding};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	/// The pallet.
	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency proxy bonds are held in.
		type Currency: fungible::Inspect<Self::AccountId>
			+ fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reason, which includes this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// Read access to assets, to resolve global addresses.
		type Assets: AssetInspect<Self::AccountId, BlockNumberFor<Self>>;

		/// Lost challenges and bans, which lower or void a proxy's trust.
		type Standing: ProviderStanding<Self::AccountId>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// The smallest bond a proxy may hold; also the unit of the bond part of the
		/// trust score.
		#[pallet::constant]
		type MinProxyBond: Get<BalanceOf<Self>>;

		/// The deposit a provider's declared endpoint holds while it is stored.
		#[pallet::constant]
		type EndpointDeposit: Get<BalanceOf<Self>>;

		/// The most proxies registered at once.
		#[pallet::constant]
		type MaxProxies: Get<u32>;

		/// Blocks after its last heartbeat during which a proxy counts as alive.
		#[pallet::constant]
		type HeartbeatPeriod: Get<BlockNumberFor<Self>>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The bond of a registered proxy.
		#[codec(index = 0)]
		ProxyBond,
		/// The deposit of a provider's declared endpoint.
		#[codec(index = 1)]
		EndpointDeposit,
	}

	/// The registered proxies, by account.
	#[pallet::storage]
	pub type Proxies<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ProxyRecordOf<T>, OptionQuery>;

	/// The accounts of all registered proxies, in registration order, so that
	/// ranking never iterates a map.
	#[pallet::storage]
	pub type ProxyList<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxProxies>, ValueQuery>;

	/// The STOQ endpoint each provider declared for its own node.
	#[pallet::storage]
	pub type ProviderEndpoints<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Endpoint, OptionQuery>;

	/// Events of the pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An account registered as a proxy.
		ProxyRegistered {
			/// The proxy's account.
			proxy: T::AccountId,
			/// Where its STOQ endpoint listens.
			endpoint: Endpoint,
			/// The bond now held.
			bond: BalanceOf<T>,
		},
		/// A proxy moved to another endpoint.
		ProxyEndpointUpdated {
			/// The proxy's account.
			proxy: T::AccountId,
			/// Its new endpoint.
			endpoint: Endpoint,
		},
		/// A proxy sent a heartbeat.
		ProxyHeartbeat {
			/// The proxy's account.
			proxy: T::AccountId,
			/// Heartbeats it has sent since registration, this one included.
			heartbeats: u32,
		},
		/// A proxy unregistered and its bond was released.
		ProxyUnregistered {
			/// The former proxy's account.
			proxy: T::AccountId,
			/// The bond released.
			bond: BalanceOf<T>,
		},
		/// A provider declared its STOQ endpoint.
		ProviderEndpointSet {
			/// The provider's account.
			provider: T::AccountId,
			/// Its endpoint.
			endpoint: Endpoint,
		},
		/// A provider withdrew its STOQ endpoint.
		ProviderEndpointCleared {
			/// The provider's account.
			provider: T::AccountId,
		},
	}

	/// Errors of the pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The bond offered is below the minimum proxy bond.
		BondTooLow,
		/// The account is already a registered proxy.
		AlreadyRegistered,
		/// The proxy registry is full.
		TooManyProxies,
		/// The endpoint is not `host:port` with a non-zero port.
		InvalidEndpoint,
		/// The account cannot hold the bond or the deposit (free balance too low).
		InsufficientBalance,
		/// The account is not a registered proxy.
		NotRegistered,
		/// The account has declared no provider endpoint.
		NoEndpoint,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxProxies::get() > 0, "MaxProxies must be positive");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers the signer as a proxy listening at `endpoint`, holding `bond`.
		///
		/// - Origin: signed; the signer becomes the proxy.
		/// - `endpoint`: the proxy's STOQ endpoint, `host:port`.
		/// - `bond`: held under [`HoldReason::ProxyBond`]; at least `MinProxyBond`.
		///
		/// Emits [`Event::ProxyRegistered`]. Registration counts as the first sign of
		/// life for the trust score.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_proxy())]
		pub fn register_proxy(
			origin: OriginFor<T>,
			endpoint: Endpoint,
			bond: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_proxy(who, endpoint, bond)
		}

		/// Moves the signer's proxy to `endpoint`.
		///
		/// - Origin: signed by a registered proxy.
		/// - `endpoint`: the new STOQ endpoint, `host:port`.
		///
		/// Emits [`Event::ProxyEndpointUpdated`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_proxy_endpoint())]
		pub fn update_proxy_endpoint(origin: OriginFor<T>, endpoint: Endpoint) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_proxy_endpoint(who, endpoint)
		}

		/// Records a heartbeat of the signer's proxy at the current block.
		///
		/// - Origin: signed by a registered proxy.
		///
		/// Emits [`Event::ProxyHeartbeat`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::proxy_heartbeat())]
		pub fn proxy_heartbeat(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_proxy_heartbeat(who)
		}

		/// Unregisters the signer's proxy and releases its whole bond.
		///
		/// - Origin: signed by a registered proxy.
		///
		/// Emits [`Event::ProxyUnregistered`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::unregister_proxy())]
		pub fn unregister_proxy(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unregister_proxy(who)
		}

		/// Declares the STOQ endpoint of the signer's provider node, where its
		/// assets' global addresses resolve. Replaces any earlier declaration; the
		/// first holds [`Config::EndpointDeposit`] until it is cleared.
		///
		/// - Origin: signed; the signer is the provider.
		/// - `endpoint`: the provider's STOQ endpoint, `host:port`.
		///
		/// Emits [`Event::ProviderEndpointSet`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_provider_endpoint())]
		pub fn set_provider_endpoint(origin: OriginFor<T>, endpoint: Endpoint) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_provider_endpoint(who, endpoint)
		}

		/// Withdraws the signer's provider endpoint and releases its deposit.
		///
		/// - Origin: signed by an account that declared an endpoint.
		///
		/// Emits [`Event::ProviderEndpointCleared`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::clear_provider_endpoint())]
		pub fn clear_provider_endpoint(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_clear_provider_endpoint(who)
		}
	}
}
