//! Validation of STOQ endpoints (`host:port`).

use core::net::Ipv6Addr;

/// Longest port, in digits.
const MAX_PORT_DIGITS: usize = 5;

/// Whether `endpoint` is a valid STOQ endpoint.
///
/// Valid means: non-empty UTF-8 of the form `host:port`, split at the last `:`,
/// where the port is 1 to 5 ASCII digits giving a non-zero `u16`, and the host
/// is either an IPv6 address in brackets (`[fd00::1]`) or a non-empty name or
/// IPv4 address with no `:`, `[`, `]`, whitespace or control characters.
pub fn is_valid(endpoint: &[u8]) -> bool {
	let Ok(text) = core::str::from_utf8(endpoint) else {
		return false;
	};
	let Some((host, port)) = text.rsplit_once(':') else {
		return false;
	};
	is_valid_port(port) && is_valid_host(host)
}

fn is_valid_port(port: &str) -> bool {
	!port.is_empty()
		&& port.len() <= MAX_PORT_DIGITS
		&& port.bytes().all(|b| b.is_ascii_digit())
		&& port.parse::<u16>().is_ok_and(|port| port != 0)
}

fn is_valid_host(host: &str) -> bool {
	if let Some(inner) = host.strip_prefix('[') {
		return inner.strip_suffix(']').is_some_and(|v6| v6.parse::<Ipv6Addr>().is_ok());
	}
	!host.is_empty()
		&& !host
			.chars()
			.any(|c| matches!(c, ':' | '[' | ']') || c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	#[test]
	fn accepts_names_ipv4_and_bracketed_ipv6() {
		for ok in [
			"node.example:4433",
			"10.0.0.1:1",
			"[fd00::1]:65535",
			"[::1]:9000",
			"localhost:00080",
			"nœud.example:443",
		] {
			assert!(is_valid(ok.as_bytes()), "{ok}");
		}
	}

	#[test]
	fn rejects_malformed_endpoints() {
		for bad in [
			"",
			":",
			"host",
			"host:",
			":4433",
			"host:0",
			"host:65536",
			"host:+80",
			"host:8a",
			"host:123456",
			"fd00::1:4433",
			"[fd00::1:4433",
			"fd00::1]:4433",
			"[]:4433",
			"[not-v6]:4433",
			"two words:80",
			"tab\t:80",
		] {
			assert!(!is_valid(bad.as_bytes()), "{bad:?}");
		}
		assert!(!is_valid(&[0xff, b':', b'8', b'0']));
	}

	proptest! {
		#[test]
		fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..160)) {
			let _ = is_valid(&bytes);
		}

		#[test]
		fn any_name_with_a_valid_port_is_accepted(
			host in "[a-z0-9.-]{1,40}",
			port in 1u16..=u16::MAX,
		) {
			let endpoint = alloc::format!("{host}:{port}");
			prop_assert!(is_valid(endpoint.as_bytes()));
		}

		#[test]
		fn accepted_endpoints_have_a_non_zero_port(text in "\\PC{0,40}") {
			if is_valid(text.as_bytes()) {
				let (_, port) = text.rsplit_once(':').unwrap();
				prop_assert!(port.parse::<u16>().unwrap() > 0);
			}
		}
	}
}
