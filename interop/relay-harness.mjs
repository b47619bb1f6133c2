// Shared helpers for the relay-*.mjs interop scripts: real nostr-tools clients (Relay, SimplePool)
// over the `ws` package, the test keys of relay-private's %test profile, and a tiny check runner.
import WebSocket from 'ws';
import { Relay, useWebSocketImplementation } from 'nostr-tools/relay';
import { useWebSocketImplementation as usePoolWebSocket } from 'nostr-tools/pool';
import { finalizeEvent, getPublicKey } from 'nostr-tools/pure';

useWebSocketImplementation(WebSocket);
usePoolWebSocket(WebSocket);

/** Secret key 0x00..0n: 1 owner, 2 alice, 3 bob (members), 4 carol (no member), 5 service. */
export function key(n) {
  const sk = new Uint8Array(32);
  sk[31] = n;
  return sk;
}

export const OWNER = key(1);
export const ALICE = key(2);
export const BOB = key(3);
export const CAROL = key(4);
export const pub = (sk) => getPublicKey(sk);
export const signer = (sk) => (template) => finalizeEvent(template, sk);
export const now = () => Math.floor(Date.now() / 1000);
export const rand = () => Math.random().toString(36).slice(2);

export function sign(sk, kind, content, tags = [], createdAt = now()) {
  return finalizeEvent({ kind, content, tags, created_at: createdAt }, sk);
}

export function assert(cond, message) {
  if (!cond) throw new Error('assertion failed: ' + message);
}

export function assertEq(actual, expected, message) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${message}: expected ${e}, got ${a}`);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(cond, what, ms = 5000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting for ' + what);
    await sleep(10);
  }
}

/** A Relay that has answered the relay's challenge as `sk` (via onauth) and got OK true. */
export async function authed(url, sk) {
  const relay = new Relay(url);
  relay.onauth = signer(sk);
  await relay.connect();
  await waitFor(() => relay.challenge, 'the AUTH challenge');
  await relay.auth(relay.onauth);
  return relay;
}

/** A connected Relay that never authenticates. */
export async function anonymous(url) {
  const relay = new Relay(url);
  await relay.connect();
  await waitFor(() => relay.challenge, 'the AUTH challenge');
  return relay;
}

/** Stored events up to EOSE; rejects with the reason if the relay answers CLOSED. */
export function query(relay, filters) {
  return new Promise((resolve, reject) => {
    const events = [];
    let done = false;
    const sub = relay.subscribe(filters, {
      eoseTimeout: 10000,
      onevent: (e) => events.push(e),
      oneose: () => {
        done = true;
        sub.close();
        resolve(events);
      },
      onclose: (reason) => {
        if (!done) reject(new Error('CLOSED ' + reason));
      },
    });
  });
}

/** The CLOSED reason the relay answers a REQ with (fails if it sends EOSE or events instead). */
export function closedReason(relay, filters) {
  return new Promise((resolve, reject) => {
    const sub = relay.subscribe(filters, {
      eoseTimeout: 10000,
      onevent: (e) => reject(new Error('expected CLOSED, got an event ' + e.id)),
      oneose: () => reject(new Error('expected CLOSED, got EOSE')),
      onclose: (reason) => resolve(reason),
    });
    void sub;
  });
}

/** The rejection message of a publish that must fail. */
export async function rejection(relay, event) {
  try {
    const reason = await relay.publish(event);
    throw new Error(`expected a rejection, got OK true "${reason}"`);
  } catch (e) {
    if (e.message.startsWith('expected a rejection')) throw e;
    return e.message;
  }
}

/** Runs named checks in order; prints "ok - name" per pass and exits non-zero on any failure. */
export async function run(checks) {
  let failed = 0;
  for (const [name, fn] of checks) {
    try {
      await Promise.race([
        fn(),
        sleep(30000).then(() => {
          throw new Error('check timed out after 30 s');
        }),
      ]);
      console.log('ok - ' + name);
    } catch (e) {
      failed++;
      console.log('not ok - ' + name + ': ' + (e && e.stack ? e.stack : e));
    }
  }
  console.log(`checks done: ${checks.length - failed} of ${checks.length} ok`);
  process.exit(failed ? 1 : 0);
}
