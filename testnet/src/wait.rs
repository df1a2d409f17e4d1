//! Bounded polling: tests wait for conditions, never for fixed times.

use std::{future::Future, time::Duration};

/// How often conditions are polled.
pub const POLL_INTERVAL: Duration = Duration::from_millis(250);

/// Polls `check` until it yields `Some`, or fails with `what` after `limit`.
/// Errors from `check` are treated as "not yet" (a node may be restarting).
pub async fn until<T, F, Fut>(what: &str, limit: Duration, mut check: F) -> anyhow::Result<T>
where
	F: FnMut() -> Fut,
	Fut: Future<Output = anyhow::Result<Option<T>>>,
{
	let deadline = tokio::time::Instant::now() + limit;
	let mut last_error = None;
	loop {
		match check().await {
			Ok(Some(value)) => return Ok(value),
			Ok(None) => {}
			Err(e) => last_error = Some(e),
		}
		if tokio::time::Instant::now() >= deadline {
			let cause = last_error.map(|e| format!(" (last error: {e:#})")).unwrap_or_default();
			anyhow::bail!("timed out after {limit:?} waiting until {what}{cause}");
		}
		tokio::time::sleep(POLL_INTERVAL).await;
	}
}
