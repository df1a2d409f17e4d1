// Allocates a share of a HyperMesh asset and releases it with @polkadot/api
// alone, as a consumer does from Polkadot.js apps' Extrinsics tab: no proofs
// to build, only the call's arguments. Checks that the payment is held while
// the allocation runs and settled when it is released.
// Usage: node allocate.mjs <ws-url> <asset id, 0x + 64 hex digits> [consumer URI]
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';

const [url = 'ws://127.0.0.1:9944', asset, consumerUri = '//Bob'] = process.argv.slice(2);
if (!/^0x[0-9a-fA-F]{64}$/.test(asset ?? '')) {
  console.error('usage: node allocate.mjs <ws-url> <asset id, 0x + 64 hex digits> [consumer URI]');
  process.exit(2);
}
const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, throwOnConnect: true });

const fail = async (message) => {
  console.error(`allocation check failed: ${message}`);
  await api.disconnect();
  process.exit(1);
};

const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
const consumer = keyring.addFromUri(consumerUri);

// Signs and sends `tx`; resolves with the events of the block that includes it,
// rejecting with the decoded module error if the call failed.
const submit = (tx) =>
  new Promise((resolve, reject) => {
    tx.signAndSend(consumer, ({ status, events, dispatchError }) => {
      if (dispatchError) {
        if (dispatchError.isModule) {
          const { section, name, docs } = api.registry.findMetaError(dispatchError.asModule);
          reject(new Error(`${section}.${name}: ${docs.join(' ')}`));
        } else {
          reject(new Error(dispatchError.toString()));
        }
      }
      if (status.isInvalid || status.isDropped || status.isUsurped) reject(new Error(status.type));
      if (status.isInBlock) resolve(events.map(({ event }) => event));
    }).catch(reject);
  });

const paymentHeld = async () => {
  const holds = await api.query.balances.holds(consumer.address);
  return holds
    .filter((hold) => hold.id.isAssetRegistry)
    .reduce((sum, hold) => sum + hold.amount.toBigInt(), 0n);
};

const share = 25; // percent
const duration = 50; // blocks
const priceLimit = 10n ** 12n; // at most 1 CAES
const heldBefore = await paymentHeld();

const allocated = await submit(api.tx.assetRegistry.allocate(asset, share, duration, priceLimit)).catch((e) =>
  fail(`allocate: ${e.message}`),
);
const event = allocated.find((e) => api.events.assetRegistry.Allocated.is(e));
if (!event) await fail('no Allocated event');
const { allocation, price, expiresAt } = event.data;
const held = (await paymentHeld()) - heldBefore;
if (held !== price.toBigInt()) await fail(`${held} held, the allocation's price is ${price}`);
console.log(`allocation ${allocation} of ${share} % until block ${expiresAt}, ${price} held`);

const released = await submit(api.tx.assetRegistry.release(allocation)).catch((e) => fail(`release: ${e.message}`));
const settled = released.find((e) => api.events.assetRegistry.Released.is(e));
if (!settled) await fail('no Released event');
const { paid, refunded } = settled.data;
if (paid.toBigInt() + refunded.toBigInt() !== price.toBigInt()) {
  await fail(`paid ${paid} + refunded ${refunded} is not the price ${price}`);
}
if ((await api.query.assetRegistry.allocations(allocation)).isSome) await fail('the allocation is still stored');
if ((await paymentHeld()) !== heldBefore) await fail('a payment is still held');
console.log(`released: ${paid} paid to the provider, ${refunded} refunded`);
await api.disconnect();
