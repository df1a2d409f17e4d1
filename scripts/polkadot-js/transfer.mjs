// Submits a balance transfer from Alice to Bob with @polkadot/api (the
// library behind Polkadot.js apps), waits until it is finalized, and checks
// that Bob's balance rose by exactly the amount. Usage: node transfer.mjs [ws-url]
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';

const url = process.argv[2] ?? 'ws://127.0.0.1:9944';
const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, throwOnConnect: true });

const fail = async (message) => {
  console.error(`polkadot-js check failed: ${message}`);
  await api.disconnect();
  process.exit(1);
};

const [symbol] = api.registry.chainTokens;
const [decimals] = api.registry.chainDecimals;
if (symbol !== 'CAES' || decimals !== 12) await fail(`chain properties say ${symbol}/${decimals}`);

const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
const alice = keyring.addFromUri('//Alice');
const bob = keyring.addFromUri('//Bob');
const amount = 7n * 10n ** 12n;

const finalizedIn = await new Promise((resolve, reject) => {
  api.tx.balances
    .transferKeepAlive(bob.address, amount)
    .signAndSend(alice, ({ status, dispatchError }) => {
      if (dispatchError) reject(new Error(dispatchError.toString()));
      if (status.isInvalid || status.isDropped || status.isUsurped) reject(new Error(status.type));
      if (status.isFinalized) resolve(status.asFinalized);
    })
    .catch(reject);
}).catch((e) => fail(e.message));

const header = await api.rpc.chain.getHeader(finalizedIn);
const [before, after] = await Promise.all([
  api.at(header.parentHash).then((at) => at.query.system.account(bob.address)),
  api.at(finalizedIn).then((at) => at.query.system.account(bob.address)),
]);
const delta = after.data.free.toBigInt() - before.data.free.toBigInt();
if (delta !== amount) await fail(`Bob received ${delta}, expected ${amount}`);

console.log(`transfer of ${amount} finalized in block #${header.number.toNumber()} (${finalizedIn.toHex()})`);
await api.disconnect();
