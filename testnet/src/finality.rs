//! Import-to-finalized latency, measured on one node from two JSON-RPC
//! subscriptions: every imported block (`chain_subscribeAllHeads`) and every
//! finalized head (`chain_subscribeFinalizedHeads`). A block counts as
//! finalized when a finalized head at or above its number arrives.

use crate::rpc::{Header, Rpc};
use jsonrpsee::rpc_params;
use std::{
	collections::BTreeMap,
	time::{Duration, Instant},
};

/// Latencies of `blocks` consecutive blocks imported after the call starts.
pub async fn measure(rpc: &Rpc, blocks: usize) -> anyhow::Result<Vec<Duration>> {
	let mut imported = rpc
		.subscribe::<Header>("chain_subscribeAllHeads", rpc_params![], "chain_unsubscribeAllHeads")
		.await?;
	let mut finalized = rpc
		.subscribe::<Header>(
			"chain_subscribeFinalizedHeads",
			rpc_params![],
			"chain_unsubscribeFinalizedHeads",
		)
		.await?;
	// Blocks finalized before the measurement starts are not measured.
	let mut finalized_up_to = rpc.finalized_number().await?;
	let mut pending: BTreeMap<u32, Instant> = BTreeMap::new();
	let mut latencies = Vec::with_capacity(blocks);

	while latencies.len() < blocks {
		tokio::select! {
			header = imported.next() => {
				let header = header.ok_or_else(|| anyhow::anyhow!("import subscription ended"))??;
				if header.number > finalized_up_to {
					pending.entry(header.number).or_insert_with(Instant::now);
				}
			}
			header = finalized.next() => {
				let header = header.ok_or_else(|| anyhow::anyhow!("finality subscription ended"))??;
				let now = Instant::now();
				finalized_up_to = finalized_up_to.max(header.number);
				let done: Vec<u32> = pending.range(..=header.number).map(|(n, _)| *n).collect();
				for number in done {
					if let Some(imported_at) = pending.remove(&number) {
						latencies.push(now - imported_at);
					}
				}
			}
		}
	}
	latencies.truncate(blocks);
	Ok(latencies)
}

/// The `p`-th percentile (0–100) of `values`, nearest-rank.
pub fn percentile(values: &[Duration], p: usize) -> Duration {
	let mut sorted = values.to_vec();
	sorted.sort();
	if sorted.is_empty() {
		return Duration::ZERO;
	}
	let rank = (p * sorted.len()).div_ceil(100).clamp(1, sorted.len());
	sorted[rank - 1]
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn percentiles_use_nearest_rank() {
		let values: Vec<Duration> = (1..=10).map(Duration::from_secs).collect();
		assert_eq!(percentile(&values, 50), Duration::from_secs(5));
		assert_eq!(percentile(&values, 95), Duration::from_secs(10));
		assert_eq!(percentile(&values, 0), Duration::from_secs(1));
		assert_eq!(percentile(&[], 50), Duration::ZERO);
	}
}
