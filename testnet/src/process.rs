//! One `hypermesh-node` process: started with its own base path and ports,
//! killed, stopped and restarted on the same database.

use anyhow::{bail, Context};
use std::{
	fs::{File, OpenOptions},
	io::{Read, Seek, SeekFrom},
	net::TcpListener,
	ops::Range,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	sync::atomic::{AtomicU32, Ordering},
	time::{Duration, Instant},
};

/// Where [`free_port`] hands ports out from: below the kernel's ephemeral
/// range (32768 and up on Linux), so an outgoing connection never takes a port
/// between its handing out and the node binding it.
const PORT_RANGE: Range<u16> = 20_000..32_000;

/// A loopback port nobody listens on right now, never the same twice in one
/// process: tests running side by side never give two nodes one port.
pub fn free_port() -> anyhow::Result<u16> {
	static HANDED_OUT: AtomicU32 = AtomicU32::new(0);
	let span = u32::from(PORT_RANGE.end - PORT_RANGE.start);
	// Each process starts at its own place in the range.
	let start = std::process::id().wrapping_mul(7_919) % span;
	for _ in 0..span {
		let offset = (start + HANDED_OUT.fetch_add(1, Ordering::Relaxed)) % span;
		let port = PORT_RANGE.start + u16::try_from(offset)?;
		if TcpListener::bind(("127.0.0.1", port)).is_ok() {
			return Ok(port);
		}
	}
	bail!("no free loopback port in {PORT_RANGE:?}")
}

/// The node binary: `$HYPERMESH_NODE`, else the debug build in the cargo target directory.
pub fn default_binary() -> PathBuf {
	if let Some(path) = std::env::var_os("HYPERMESH_NODE") {
		return path.into();
	}
	let target = std::env::var_os("CARGO_TARGET_DIR")
		.map(PathBuf::from)
		.unwrap_or_else(|| PathBuf::from("target"));
	target.join("debug").join("hypermesh-node")
}

/// How to run one node.
#[derive(Clone, Debug)]
pub struct NodeConfig {
	/// The `hypermesh-node` executable.
	pub binary: PathBuf,
	/// Arguments naming the chain and role, e.g. `["--dev"]` or `["--chain", "local", "--bob"]`.
	pub role_args: Vec<String>,
	/// The node's database and keystore directory.
	pub base_path: PathBuf,
	/// libp2p/litep2p listen port.
	pub p2p_port: u16,
	/// JSON-RPC port.
	pub rpc_port: u16,
	/// Prometheus port; `None` disables metrics.
	pub prometheus_port: Option<u16>,
	/// Further arguments (bootnodes, node key, …).
	pub extra_args: Vec<String>,
}

impl NodeConfig {
	/// A node with fresh ports, storing its data under `base_path`.
	pub fn new(binary: &Path, role_args: &[&str], base_path: &Path) -> anyhow::Result<Self> {
		Ok(Self {
			binary: binary.to_path_buf(),
			role_args: role_args.iter().map(|s| s.to_string()).collect(),
			base_path: base_path.to_path_buf(),
			p2p_port: free_port()?,
			rpc_port: free_port()?,
			prometheus_port: None,
			extra_args: Vec::new(),
		})
	}

	fn args(&self) -> Vec<String> {
		let mut args = self.role_args.clone();
		args.extend([
			"--base-path".into(),
			self.base_path.display().to_string(),
			"--port".into(),
			self.p2p_port.to_string(),
			"--rpc-port".into(),
			self.rpc_port.to_string(),
			"--no-telemetry".into(),
			"--no-mdns".into(),
		]);
		match self.prometheus_port {
			Some(port) => args.extend(["--prometheus-port".into(), port.to_string()]),
			None => args.push("--no-prometheus".into()),
		}
		args.extend(self.extra_args.iter().cloned());
		args
	}
}

/// A running (or stopped) node process. Dropping it kills the process.
pub struct Node {
	config: NodeConfig,
	child: Option<Child>,
}

impl Node {
	/// Starts the node; its output is appended to `node.log` in its base path.
	pub fn start(config: NodeConfig) -> anyhow::Result<Self> {
		let mut node = Self { config, child: None };
		node.spawn()?;
		Ok(node)
	}

	fn spawn(&mut self) -> anyhow::Result<()> {
		std::fs::create_dir_all(&self.config.base_path)?;
		let log = self.open_log()?;
		let child = Command::new(&self.config.binary)
			.args(self.config.args())
			.stdin(Stdio::null())
			.stdout(log.try_clone()?)
			.stderr(log)
			.spawn()
			.with_context(|| format!("starting {}", self.config.binary.display()))?;
		self.child = Some(child);
		Ok(())
	}

	fn log_path(&self) -> PathBuf {
		self.config.base_path.join("node.log")
	}

	fn open_log(&self) -> anyhow::Result<File> {
		Ok(OpenOptions::new().create(true).append(true).open(self.log_path())?)
	}

	/// This node's configuration.
	pub fn config(&self) -> &NodeConfig {
		&self.config
	}

	/// The WebSocket JSON-RPC address.
	pub fn rpc_url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.config.rpc_port)
	}

	/// Whether the process is alive.
	pub fn is_running(&mut self) -> bool {
		matches!(self.child.as_mut().map(|c| c.try_wait()), Some(Ok(None)))
	}

	/// Kills the process with `SIGKILL`, as a crash or power loss would.
	pub fn kill(&mut self) -> anyhow::Result<()> {
		if let Some(mut child) = self.child.take() {
			child.kill().ok();
			child.wait()?;
		}
		Ok(())
	}

	/// Stops the process with `SIGTERM` and waits for a clean exit
	/// (falling back to `SIGKILL` after a minute).
	pub fn stop(&mut self) -> anyhow::Result<()> {
		let Some(mut child) = self.child.take() else { return Ok(()) };
		let pid = libc::pid_t::try_from(child.id())?;
		// SAFETY: `pid` is our own child, not yet reaped, so the id is still ours.
		unsafe { libc::kill(pid, libc::SIGTERM) };
		let deadline = Instant::now() + Duration::from_secs(60);
		while Instant::now() < deadline {
			if child.try_wait()?.is_some() {
				return Ok(());
			}
			std::thread::sleep(Duration::from_millis(100));
		}
		child.kill().ok();
		child.wait()?;
		bail!("node did not stop within a minute of SIGTERM; killed")
	}

	/// Starts the process again with the same configuration and database.
	pub fn restart(&mut self) -> anyhow::Result<()> {
		if self.is_running() {
			bail!("node is still running");
		}
		self.spawn()
	}

	/// The last `bytes` of the node's log, for failure reports.
	pub fn log_tail(&self, bytes: u64) -> String {
		let mut out = String::new();
		if let Ok(mut file) = File::open(self.log_path()) {
			let len = file.metadata().map(|m| m.len()).unwrap_or(0);
			let _ = file.seek(SeekFrom::Start(len.saturating_sub(bytes)));
			let _ = file.read_to_string(&mut out);
		}
		out
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		let _ = self.kill();
	}
}
