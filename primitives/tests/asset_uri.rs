//! The text form of asset ids parses back exactly, and bad text is refused
//! with the reason; arbitrary input never panics.

use hypermesh_primitives::{AssetClass, AssetId, AssetUri, AssetUriError};
use proptest::prelude::*;

#[test]
fn text_form_round_trips_for_every_class() {
	for class in AssetClass::ALL {
		let id = AssetId::derive(&[5u8; 32], class, 7);
		let uri = AssetUri { class, id };
		let text = uri.to_string();
		assert!(text.starts_with(&format!("hm:{}:", class.name())));
		assert_eq!(text.parse::<AssetUri>(), Ok(uri));
	}
}

#[test]
fn ids_differ_by_provider_class_and_nonce() {
	let base = AssetId::derive(&[1u8; 32], AssetClass::Cpu, 0);
	assert_ne!(base, AssetId::derive(&[2u8; 32], AssetClass::Cpu, 0));
	assert_ne!(base, AssetId::derive(&[1u8; 32], AssetClass::Gpu, 0));
	assert_ne!(base, AssetId::derive(&[1u8; 32], AssetClass::Cpu, 1));
}

#[test]
fn bad_text_is_refused_with_the_reason() {
	let hex = "ab".repeat(32);
	assert_eq!(format!("xx:cpu:{hex}").parse::<AssetUri>(), Err(AssetUriError::MissingPrefix));
	assert_eq!("hm:cpu".parse::<AssetUri>(), Err(AssetUriError::MissingSeparator));
	assert_eq!(format!("hm:tpu:{hex}").parse::<AssetUri>(), Err(AssetUriError::UnknownClass));
	assert_eq!("hm:cpu:abcd".parse::<AssetUri>(), Err(AssetUriError::BadLength));
	let bad = format!("hm:gpu:{}zz", "ab".repeat(31));
	assert_eq!(bad.parse::<AssetUri>(), Err(AssetUriError::BadHexDigit));
	// Uppercase hex is accepted and printed back in lowercase.
	let upper = format!("hm:memory:{}", "AB".repeat(32));
	assert_eq!(upper.parse::<AssetUri>().unwrap().to_string(), upper.to_lowercase());
}

proptest! {
	#[test]
	fn parsing_arbitrary_text_never_panics(text in ".{0,100}") {
		let _ = text.parse::<AssetUri>();
	}

	#[test]
	fn any_id_round_trips(bytes in any::<[u8; 32]>(), class in 0usize..6) {
		let uri = AssetUri { class: AssetClass::ALL[class], id: AssetId(bytes) };
		prop_assert_eq!(uri.to_string().parse::<AssetUri>(), Ok(uri));
	}
}
