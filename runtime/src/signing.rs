//! Building signed transactions for this runtime, as every Substrate wallet
//! does: the call, the standard extensions, and an sr25519 signature over
//! the SCALE-encoded payload. Used by the node's benchmarks and by tests.

use crate::{
	Nonce, Runtime, RuntimeCall, Signature, SignedPayload, TxExtension, UncheckedExtrinsic, VERSION,
};
use codec::Encode;
use sp_core::{sr25519, Pair, H256};
use sp_runtime::{generic::Era, AccountId32};

/// The standard transaction extensions for `nonce` and `era`, paying no tip
/// and not asking for the metadata hash to be checked (as wallets do by default).
pub fn tx_extension(nonce: Nonce, era: Era) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(era),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
		frame_system::WeightReclaim::<Runtime>::new(),
	)
}

/// Signs `call` from `sender` with `signer`'s key (the same account unless a
/// test forges one). `checkpoint` is the genesis hash for an immortal `era`,
/// otherwise the hash of the block the era starts at.
pub fn sign_transaction(
	call: RuntimeCall,
	sender: AccountId32,
	signer: &sr25519::Pair,
	nonce: Nonce,
	era: Era,
	genesis: H256,
	checkpoint: H256,
) -> UncheckedExtrinsic {
	let extension = tx_extension(nonce, era);
	let implicit = (
		(),
		VERSION.spec_version,
		VERSION.transaction_version,
		genesis,
		checkpoint,
		(),
		(),
		(),
		None,
		(),
	);
	let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	UncheckedExtrinsic::new_signed(call, sender.into(), Signature::Sr25519(signature), extension)
}
