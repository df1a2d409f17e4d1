//! Plots kept on disk: one file per asset, `<hex asset id>.plot`, holding the
//! seed (32 bytes), the commitment (32), the label count (4, little endian)
//! and every label (32 each). Loading recomputes no label, only the Merkle
//! tree, whose root must equal the stored commitment.

use hypermesh_primitives::{prover::Plot, AssetId};
use sp_core::H256;
use std::{
	fs,
	path::{Path, PathBuf},
};

/// Why a plot could not be saved or loaded.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
	/// Reading or writing the file failed.
	#[error("plot file {path}: {source}")]
	Io {
		/// The file.
		path: PathBuf,
		/// The failure.
		#[source]
		source: std::io::Error,
	},
	/// The file is not a plot of the expected shape.
	#[error("plot file {0} is damaged")]
	Damaged(PathBuf),
}

/// A directory of plots.
pub struct PlotStore {
	dir: PathBuf,
}

impl PlotStore {
	/// A store in `dir`, created if missing.
	pub fn open(dir: impl Into<PathBuf>) -> Result<Self, StoreError> {
		let dir = dir.into();
		fs::create_dir_all(&dir).map_err(|source| StoreError::Io { path: dir.clone(), source })?;
		Ok(Self { dir })
	}

	fn path(&self, asset: &AssetId) -> PathBuf {
		let hex: String = asset.0.iter().map(|b| format!("{b:02x}")).collect();
		self.dir.join(format!("{hex}.plot"))
	}

	/// Writes the plot of `asset`, replacing any earlier one atomically.
	pub fn save(&self, asset: &AssetId, plot: &Plot) -> Result<(), StoreError> {
		let path = self.path(asset);
		let mut bytes = Vec::with_capacity(HEADER_LEN + 32 * plot.labels().len());
		bytes.extend_from_slice(plot.seed().as_bytes());
		bytes.extend_from_slice(plot.commitment().as_bytes());
		bytes.extend_from_slice(&plot.sectors().to_le_bytes());
		plot.labels().iter().for_each(|value| bytes.extend_from_slice(value.as_bytes()));
		let temporary = path.with_extension("plot.tmp");
		let io = |source| StoreError::Io { path: path.clone(), source };
		fs::write(&temporary, &bytes).map_err(io)?;
		fs::rename(&temporary, &path).map_err(io)
	}

	/// Reads the plot of `asset`, if one was saved.
	pub fn load(&self, asset: &AssetId) -> Result<Option<Plot>, StoreError> {
		let path = self.path(asset);
		let bytes = match fs::read(&path) {
			Ok(bytes) => bytes,
			Err(source) if source.kind() == std::io::ErrorKind::NotFound => return Ok(None),
			Err(source) => return Err(StoreError::Io { path, source }),
		};
		let damaged = || StoreError::Damaged(path.clone());
		let (seed, commitment, labels) = parse(&bytes).ok_or_else(damaged)?;
		let plot = Plot::from_labels(seed, labels);
		if plot.commitment() != commitment {
			return Err(damaged());
		}
		Ok(Some(plot))
	}

	/// The directory the plots are in.
	pub fn dir(&self) -> &Path {
		&self.dir
	}
}

const HEADER_LEN: usize = 68;

fn parse(bytes: &[u8]) -> Option<(H256, H256, Vec<H256>)> {
	let seed = H256::from_slice(bytes.get(..32)?);
	let commitment = H256::from_slice(bytes.get(32..64)?);
	let count: [u8; 4] = bytes.get(64..HEADER_LEN)?.try_into().ok()?;
	let values = bytes.get(HEADER_LEN..)?;
	let count = usize::try_from(u32::from_le_bytes(count)).ok()?;
	if !count.is_power_of_two() || values.len() != count.checked_mul(32)? {
		return None;
	}
	Some((seed, commitment, values.chunks_exact(32).map(H256::from_slice).collect()))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_saved_plot_loads_back_identical() {
		let dir = tempfile::tempdir().unwrap();
		let store = PlotStore::open(dir.path().join("plots")).unwrap();
		let asset = AssetId([3; 32]);
		assert_eq!(store.load(&asset).unwrap(), None);
		let plot = Plot::build(H256([8; 32]), 16).unwrap();
		store.save(&asset, &plot).unwrap();
		assert_eq!(store.load(&asset).unwrap(), Some(plot));
	}

	#[test]
	fn a_damaged_file_is_reported() {
		let dir = tempfile::tempdir().unwrap();
		let store = PlotStore::open(dir.path()).unwrap();
		let asset = AssetId([4; 32]);
		fs::write(store.path(&asset), b"short").unwrap();
		assert!(matches!(store.load(&asset), Err(StoreError::Damaged(_))));
		let plot = Plot::build(H256([8; 32]), 4).unwrap();
		store.save(&asset, &plot).unwrap();
		let mut bytes = fs::read(store.path(&asset)).unwrap();
		let last = bytes.len() - 1;
		bytes[last] ^= 1;
		fs::write(store.path(&asset), bytes).unwrap();
		assert!(matches!(store.load(&asset), Err(StoreError::Damaged(_))));
	}
}
