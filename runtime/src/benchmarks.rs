//! The pallets benchmarked by `hypermesh-node benchmark pallet`.

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_asset_registry, AssetRegistry]
	[pallet_four_proof, FourProof]
	[pallet_privacy, Privacy]
	[pallet_mesh_proxy, MeshProxy]
);
