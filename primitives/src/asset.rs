//! Assets: identifiers, classes, capacity specs, states and the stored record.

use alloc::string::String;
use core::{fmt, str::FromStr};

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::{ConstU32, H256};
use sp_runtime::{BoundedVec, Percent};

use crate::{address::GlobalAddress, proof::ProfileKind};

/// Identifier of an asset: `blake2_256(provider ‖ class ‖ provider_nonce)`,
/// each part SCALE-encoded.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Hash,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct AssetId(pub [u8; 32]);

impl AssetId {
	/// The id of the `provider_nonce`-th asset of `class` registered by `provider`.
	pub fn derive<AccountId: Encode>(
		provider: &AccountId,
		class: AssetClass,
		provider_nonce: u64,
	) -> Self {
		let mut preimage = provider.encode();
		class.encode_to(&mut preimage);
		provider_nonce.encode_to(&mut preimage);
		Self(sp_io::hashing::blake2_256(&preimage))
	}

	/// The id as bytes.
	pub fn as_bytes(&self) -> &[u8; 32] {
		&self.0
	}
}

impl fmt::Debug for AssetId {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "AssetId(0x")?;
		self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))?;
		write!(f, ")")
	}
}

/// The kind of computing resource an asset is.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Hash,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum AssetClass {
	/// Processor cores.
	#[codec(index = 0)]
	Cpu,
	/// Graphics or compute accelerators.
	#[codec(index = 1)]
	Gpu,
	/// Main memory, also served remotely over STOQ.
	#[codec(index = 2)]
	Memory,
	/// Block or object storage.
	#[codec(index = 3)]
	Storage,
	/// Network bandwidth.
	#[codec(index = 4)]
	Network,
	/// Capacity to run OCI containers.
	#[codec(index = 5)]
	Container,
}

impl AssetClass {
	/// Every class, in codec order.
	pub const ALL: [AssetClass; 6] = [
		AssetClass::Cpu,
		AssetClass::Gpu,
		AssetClass::Memory,
		AssetClass::Storage,
		AssetClass::Network,
		AssetClass::Container,
	];

	/// The lowercase name used in the text form of asset ids.
	pub fn name(self) -> &'static str {
		match self {
			AssetClass::Cpu => "cpu",
			AssetClass::Gpu => "gpu",
			AssetClass::Memory => "memory",
			AssetClass::Storage => "storage",
			AssetClass::Network => "network",
			AssetClass::Container => "container",
		}
	}

	/// The class with the given lowercase name.
	pub fn from_name(name: &str) -> Option<Self> {
		Self::ALL.into_iter().find(|class| class.name() == name)
	}

	/// The 16-bit subnet of this class inside a chain's global address range.
	pub fn subnet(self) -> u16 {
		match self {
			AssetClass::Cpu => 0x0001,
			AssetClass::Gpu => 0x0002,
			AssetClass::Memory => 0x0003,
			AssetClass::Storage => 0x0004,
			AssetClass::Network => 0x0005,
			AssetClass::Container => 0x0006,
		}
	}
}

/// An asset id together with its class: the form users read and type,
/// `hm:<class>:<64 hex digits>`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct AssetUri {
	/// The asset's class.
	pub class: AssetClass,
	/// The asset's id.
	pub id: AssetId,
}

/// Why a text asset id did not parse.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AssetUriError {
	/// The text does not start with `hm:`.
	MissingPrefix,
	/// There is no `:` between the class and the id.
	MissingSeparator,
	/// The class is not one of cpu, gpu, memory, storage, network, container.
	UnknownClass,
	/// The id is not exactly 64 hex digits.
	BadLength,
	/// The id holds a character that is not a lowercase or uppercase hex digit.
	BadHexDigit,
}

impl fmt::Display for AssetUriError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(match self {
			AssetUriError::MissingPrefix => "asset id must start with `hm:`",
			AssetUriError::MissingSeparator => "asset id must be `hm:<class>:<hex>`",
			AssetUriError::UnknownClass => {
				"unknown asset class (expected cpu, gpu, memory, storage, network or container)"
			}
			AssetUriError::BadLength => "asset id must have exactly 64 hex digits",
			AssetUriError::BadHexDigit => "asset id holds a character that is not a hex digit",
		})
	}
}

impl fmt::Display for AssetUri {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "hm:{}:", self.class.name())?;
		self.id.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
	}
}

impl FromStr for AssetUri {
	type Err = AssetUriError;

	fn from_str(text: &str) -> Result<Self, Self::Err> {
		let rest = text.strip_prefix("hm:").ok_or(AssetUriError::MissingPrefix)?;
		let (class, hex) = rest.split_once(':').ok_or(AssetUriError::MissingSeparator)?;
		let class = AssetClass::from_name(class).ok_or(AssetUriError::UnknownClass)?;
		if hex.len() != 64 {
			return Err(AssetUriError::BadLength);
		}
		let mut id = [0u8; 32];
		for (byte, pair) in id.iter_mut().zip(hex.as_bytes().chunks_exact(2)) {
			*byte = (hex_digit(pair[0])? << 4) | hex_digit(pair[1])?;
		}
		Ok(AssetUri { class, id: AssetId(id) })
	}
}

impl AssetUri {
	/// The text form, as an owned string.
	pub fn to_text(&self) -> String {
		alloc::format!("{self}")
	}
}

fn hex_digit(c: u8) -> Result<u8, AssetUriError> {
	match c {
		b'0'..=b'9' => Ok(c - b'0'),
		b'a'..=b'f' => Ok(c - b'a' + 10),
		b'A'..=b'F' => Ok(c - b'A' + 10),
		_ => Err(AssetUriError::BadHexDigit),
	}
}

/// Longest GPU model name, in bytes.
pub const MAX_MODEL_LEN: u32 = 64;
/// A GPU model name (UTF-8, at most [`MAX_MODEL_LEN`] bytes).
pub type ModelName = BoundedVec<u8, ConstU32<MAX_MODEL_LEN>>;

/// Bytes in one GiB: the unit of memory and storage capacity.
pub const GIB: u64 = 1 << 30;

/// What an asset offers, one variant per class. Every field is bounded.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum CapacitySpec {
	/// Processor cores.
	#[codec(index = 0)]
	Cpu {
		/// Physical cores.
		cores: u32,
		/// Hardware threads.
		threads: u32,
		/// Base frequency in MHz.
		frequency_mhz: u32,
		/// Instruction-set features, one bit each (see `client/adapters`).
		features: u64,
	},
	/// Accelerators.
	#[codec(index = 1)]
	Gpu {
		/// Number of devices.
		count: u32,
		/// Memory per device in bytes.
		memory_bytes: u64,
		/// Compute units (streaming multiprocessors) per device.
		compute_units: u32,
		/// The model name.
		model: ModelName,
	},
	/// Main memory.
	#[codec(index = 2)]
	Memory {
		/// Bytes offered.
		bytes: u64,
	},
	/// Storage.
	#[codec(index = 3)]
	Storage {
		/// Bytes offered.
		bytes: u64,
		/// Sustained I/O operations per second.
		iops: u32,
	},
	/// Network bandwidth.
	#[codec(index = 4)]
	Network {
		/// Bits per second.
		bandwidth_bps: u64,
	},
	/// Container hosting.
	#[codec(index = 5)]
	Container {
		/// CPU time per second, in thousandths of a core.
		cpu_millis: u32,
		/// Memory limit in bytes.
		memory_bytes: u64,
		/// Largest image accepted, in bytes.
		max_image_bytes: u64,
	},
}

/// Why a capacity spec is refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SpecError {
	/// A quantity that must be positive is zero.
	ZeroCapacity,
	/// Threads are fewer than cores.
	FewerThreadsThanCores,
	/// The GPU model name is empty or not UTF-8.
	BadModelName,
}

impl CapacitySpec {
	/// The class this spec describes.
	pub fn class(&self) -> AssetClass {
		match self {
			CapacitySpec::Cpu { .. } => AssetClass::Cpu,
			CapacitySpec::Gpu { .. } => AssetClass::Gpu,
			CapacitySpec::Memory { .. } => AssetClass::Memory,
			CapacitySpec::Storage { .. } => AssetClass::Storage,
			CapacitySpec::Network { .. } => AssetClass::Network,
			CapacitySpec::Container { .. } => AssetClass::Container,
		}
	}

	/// Checks that the spec describes something real.
	pub fn validate(&self) -> Result<(), SpecError> {
		let positive = |v: u64| if v == 0 { Err(SpecError::ZeroCapacity) } else { Ok(()) };
		match self {
			CapacitySpec::Cpu { cores, threads, frequency_mhz, .. } => {
				positive((*cores).into())?;
				positive((*frequency_mhz).into())?;
				if threads < cores {
					return Err(SpecError::FewerThreadsThanCores);
				}
				Ok(())
			}
			CapacitySpec::Gpu { count, memory_bytes, compute_units, model } => {
				positive((*count).into())?;
				positive(*memory_bytes)?;
				positive((*compute_units).into())?;
				if model.is_empty() || core::str::from_utf8(model).is_err() {
					return Err(SpecError::BadModelName);
				}
				Ok(())
			}
			CapacitySpec::Memory { bytes } => positive(*bytes),
			CapacitySpec::Storage { bytes, iops } => {
				positive(*bytes)?;
				positive((*iops).into())
			}
			CapacitySpec::Network { bandwidth_bps } => positive(*bandwidth_bps),
			CapacitySpec::Container { cpu_millis, memory_bytes, max_image_bytes } => {
				positive((*cpu_millis).into())?;
				positive(*memory_bytes)?;
				positive(*max_image_bytes)
			}
		}
	}

	/// The declared capacity as one number of class units, at least 1: threads,
	/// GPUs × GiB of memory, GiB, 100 Mbit/s, or whole cores for containers.
	/// Work challenges grow harder with it.
	pub fn capacity_units(&self) -> u64 {
		let units = match self {
			CapacitySpec::Cpu { threads, .. } => u64::from(*threads),
			CapacitySpec::Gpu { count, memory_bytes, .. } => {
				u64::from(*count).saturating_mul(memory_bytes / GIB)
			}
			CapacitySpec::Memory { bytes } => bytes / GIB,
			CapacitySpec::Storage { bytes, .. } => bytes / GIB,
			CapacitySpec::Network { bandwidth_bps } => bandwidth_bps / 100_000_000,
			CapacitySpec::Container { cpu_millis, .. } => u64::from(*cpu_millis) / 1000,
		};
		units.max(1)
	}
}

/// Where an asset is in its life.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum AssetState {
	/// Registered and open for allocation.
	#[codec(index = 0)]
	Available,
	/// Some share is allocated; more may be.
	#[codec(index = 1)]
	Allocated,
	/// Allocated and reported in use by its provider.
	#[codec(index = 2)]
	InUse,
	/// Taken out of service by its owner; no new allocations.
	#[codec(index = 3)]
	Maintenance,
	/// Failed a challenge; no new allocations until it proves itself again.
	#[codec(index = 4)]
	Failed,
	/// Registered, its plot not yet proven: no allocations until the audit the
	/// registration opened is answered correctly.
	#[codec(index = 6)]
	Unproven,
}

impl AssetState {
	/// Whether new allocations may be made.
	pub fn accepts_allocations(self) -> bool {
		matches!(self, AssetState::Available | AssetState::Allocated | AssetState::InUse)
	}
}

/// The chain's record of one asset.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct AssetRecord<AccountId, BlockNumber> {
	/// The provider who owns the asset.
	pub owner: AccountId,
	/// What the asset offers.
	pub spec: CapacitySpec,
	/// Where it is in its life.
	pub state: AssetState,
	/// Its global address.
	pub address: GlobalAddress,
	/// The Merkle root over the provider's plot for this asset (space proof).
	pub commitment: H256,
	/// Number of sectors in that plot.
	pub plot_sectors: u32,
	/// The requirement profile its proofs are checked against.
	pub profile: ProfileKind,
	/// Block of registration.
	pub registered_at: BlockNumber,
	/// Block of the last correctly answered audit or challenge (registration, until
	/// the first): the asset counts as live for the chain's liveness window after it.
	pub last_heartbeat: BlockNumber,
	/// Number of active allocations.
	pub active_allocations: u32,
	/// Sum of the shares of active allocations.
	pub allocated_share: Percent,
	/// Blocks, up to [`Self::service_counted_to`], in which the asset did not serve:
	/// it was Failed, or its last passed proof was older than the chain's liveness
	/// window. Consumers pay nothing for them.
	pub unserved_blocks: BlockNumber,
	/// The block up to which [`Self::unserved_blocks`] is counted.
	pub service_counted_to: BlockNumber,
}
