// nostr-tools against the private relay: NIP-42 AUTH, publish/OK, REQ/EOSE/live, replaceable and
// addressable events, NIP-09 deletion, NIP-45 COUNT. Usage: node relay-nip01.mjs ws://host:port
import { SimplePool } from 'nostr-tools/pool';
import {
  ALICE, BOB, CAROL, OWNER, anonymous, assert, assertEq, authed, now, pub, query, rand,
  rejection, run, sign, signer, sleep, waitFor,
} from './relay-harness.mjs';

const base = process.argv[2];
if (!base) {
  console.error('usage: node relay-nip01.mjs ws://host:port');
  process.exit(2);
}
const url = base + '/family';
const t = 'nip01-' + rand();

await run([
  ['unauthenticated writes get auth-required:, non-members restricted:', async () => {
    const anon = await anonymous(url);
    const why = await rejection(anon, sign(ALICE, 1, 'anon', [['t', t]]));
    assert(why.startsWith('auth-required:'), 'anonymous publish: ' + why);
    anon.close();
    const carol = await authed(url, CAROL);
    const why2 = await rejection(carol, sign(CAROL, 1, 'carol', [['t', t]]));
    assert(why2.startsWith('restricted:'), 'non-member publish: ' + why2);
    carol.close();
  }],

  ['AUTH with a wrong challenge or relay URL is refused with OK false', async () => {
    const anon = await anonymous(url);
    const bad = sign(ALICE, 22242, '', [['relay', url], ['challenge', 'not-the-challenge']]);
    let threw = null;
    try {
      await anon.auth(() => bad);
    } catch (e) {
      threw = e.message;
    }
    assert(threw && threw.startsWith('invalid:'), 'wrong challenge: ' + threw);
    anon.close();
    const anon2 = await anonymous(url);
    const other = sign(ALICE, 22242, '', [['relay', base + '/elsewhere'], ['challenge', anon2.challenge]]);
    let threw2 = null;
    try {
      await anon2.auth(() => other);
    } catch (e) {
      threw2 = e.message;
    }
    assert(threw2 && threw2.startsWith('invalid:'), 'wrong relay: ' + threw2);
    anon2.close();
  }],

  ["SimplePool publishes after answering auth-required: through onauth", async () => {
    const pool = new SimplePool();
    const e = sign(ALICE, 1, 'via pool', [['t', t]]);
    const results = await Promise.allSettled(pool.publish([url], e, { onauth: signer(ALICE) }));
    assertEq(results.map((r) => r.status), ['fulfilled'], 'pool publish');
    const got = await pool.querySync([url], { ids: [e.id] }, { onauth: signer(ALICE) });
    assertEq(got.map((x) => x.id), [e.id], 'pool query after onauth');
    pool.close([url]);
  }],

  ['publish gets OK true, a duplicate OK true "duplicate:", a bad signature OK false "invalid:"', async () => {
    const alice = await authed(url, ALICE);
    const e = sign(ALICE, 1, 'hello ' + t, [['t', t]]);
    assertEq(await alice.publish(e), '', 'first publish');
    const again = await alice.publish(e);
    assert(again.startsWith('duplicate:'), 'second publish: ' + again);
    const forged = { ...sign(ALICE, 1, 'forged', [['t', t]]) };
    forged.sig = forged.sig.slice(0, -2) + (forged.sig.endsWith('00') ? '11' : '00');
    const why = await rejection(alice, forged);
    assert(why.startsWith('invalid:'), 'forged signature: ' + why);
    const tampered = { ...sign(ALICE, 1, 'original', [['t', t]]), content: 'tampered' };
    const why2 = await rejection(alice, tampered);
    assert(why2.startsWith('invalid:'), 'tampered content: ' + why2);
    const stored = await query(alice, [{ ids: [forged.id, tampered.id] }]);
    assertEq(stored.length, 0, 'rejected events stored');
    alice.close();
  }],

  ['REQ returns stored events, EOSE, then live events', async () => {
    const tag = 'live-' + rand();
    const alice = await authed(url, ALICE);
    const bob = await authed(url, BOB);
    const old = sign(ALICE, 1, 'stored', [['t', tag]], now() - 10);
    await alice.publish(old);
    const before = [];
    const live = [];
    let eosed = false;
    const sub = bob.subscribe([{ kinds: [1], '#t': [tag] }], {
      onevent: (e) => (eosed ? live : before).push(e.id),
      oneose: () => (eosed = true),
    });
    await waitFor(() => eosed, 'EOSE');
    assertEq(before, [old.id], 'stored events before EOSE');
    const fresh = sign(ALICE, 1, 'fresh', [['t', tag]]);
    const other = sign(ALICE, 1, 'other tag', [['t', tag + 'x']]);
    await alice.publish(other);
    await alice.publish(fresh);
    await waitFor(() => live.length >= 1, 'the live event');
    await sleep(200);
    assertEq(live, [fresh.id], 'live events after EOSE');
    sub.close();
    alice.close();
    bob.close();
  }],

  ['replaceable events: newest wins, equal created_at keeps the lowest id', async () => {
    const alice = await authed(url, ALICE);
    const kind = 10000 + Math.floor(Math.random() * 9999);
    const at = now() - 100;
    await alice.publish(sign(ALICE, kind, 'v1', [], at));
    const v2 = sign(ALICE, kind, 'v2', [], at + 10);
    await alice.publish(v2);
    const older = await alice.publish(sign(ALICE, kind, 'v0', [], at - 10));
    assert(older.startsWith('duplicate:'), 'older version answer: ' + older);
    let got = await query(alice, [{ kinds: [kind], authors: [pub(ALICE)] }]);
    assertEq(got.map((e) => e.content), ['v2'], 'stored versions');
    const a = sign(ALICE, kind, 'tie-a', [], at + 20);
    const b = sign(ALICE, kind, 'tie-b', [], at + 20);
    await alice.publish(a);
    await alice.publish(b).catch(() => {});
    got = await query(alice, [{ kinds: [kind], authors: [pub(ALICE)] }]);
    const lowest = a.id < b.id ? a : b;
    assertEq(got.map((e) => e.id), [lowest.id], 'equal created_at winner');
    alice.close();
  }],

  ['addressable events: one per (kind, pubkey, d), newest wins', async () => {
    const alice = await authed(url, ALICE);
    const kind = 30000 + Math.floor(Math.random() * 9999);
    const at = now() - 100;
    const d = 'd-' + rand();
    await alice.publish(sign(ALICE, kind, 'x1', [['d', d]], at));
    await alice.publish(sign(ALICE, kind, 'x2', [['d', d]], at + 5));
    await alice.publish(sign(ALICE, kind, 'y1', [['d', d + 'y']], at));
    await alice.publish(sign(ALICE, kind, 'x0', [['d', d]], at - 5));
    const got = await query(alice, [{ kinds: [kind], authors: [pub(ALICE)] }]);
    assertEq(got.map((e) => e.content).sort(), ['x2', 'y1'], 'stored addressable versions');
    const byD = await query(alice, [{ kinds: [kind], '#d': [d] }]);
    assertEq(byD.map((e) => e.content), ['x2'], 'by d tag');
    alice.close();
  }],

  ['NIP-09: the author deletes by e and a tag; others cannot; deleted ids stay gone', async () => {
    const alice = await authed(url, ALICE);
    const bob = await authed(url, BOB);
    const note = sign(ALICE, 1, 'to delete', [['t', t]]);
    const keep = sign(ALICE, 1, 'bob cannot delete this', [['t', t]]);
    await alice.publish(note);
    await alice.publish(keep);
    const kind = 30000 + Math.floor(Math.random() * 9999);
    const d = 'gone-' + rand();
    const addr = sign(ALICE, kind, 'addressable to delete', [['d', d]], now() - 5);
    await alice.publish(addr);
    await bob.publish(sign(BOB, 5, '', [['e', keep.id]]));
    await alice.publish(sign(ALICE, 5, 'oops', [['e', note.id], ['a', `${kind}:${pub(ALICE)}:${d}`]]));
    const left = await query(bob, [{ ids: [note.id, keep.id, addr.id] }]);
    assertEq(left.map((e) => e.id), [keep.id], 'after deletion');
    const again = await rejection(alice, note);
    assert(again.length > 0, 'republishing a deleted event is refused');
    const still = await query(bob, [{ ids: [note.id] }]);
    assertEq(still.length, 0, 'deleted event after republish');
    alice.close();
    bob.close();
  }],

  ['NIP-45 COUNT counts what the reader may see', async () => {
    const tag = 'count-' + rand();
    const alice = await authed(url, ALICE);
    for (let i = 0; i < 3; i++) await alice.publish(sign(ALICE, 1, 'n' + i, [['t', tag]]));
    await alice.publish(sign(ALICE, 7, '+', [['t', tag]]));
    const bob = await authed(url, BOB);
    assertEq(await bob.count([{ kinds: [1], '#t': [tag] }]), 3, 'kind 1 count');
    assertEq(await bob.count([{ '#t': [tag] }]), 4, 'all kinds count');
    const anon = await anonymous(url);
    let why = null;
    try {
      await anon.count([{ '#t': [tag] }]);
    } catch (e) {
      why = e.message;
    }
    assert(why && why.startsWith('auth-required:'), 'anonymous COUNT: ' + why);
    anon.close();
    alice.close();
    bob.close();
  }],

  ['several keys may authenticate on one connection', async () => {
    const relay = await authed(url, CAROL);
    const why = await rejection(relay, sign(CAROL, 1, 'no', [['t', t]]));
    assert(why.startsWith('restricted:'), 'carol alone: ' + why);
    relay.authPromise = undefined;
    await relay.auth(signer(OWNER));
    const ok = await relay.publish(sign(OWNER, 1, 'owner on the same socket', [['t', t]]));
    assertEq(ok, '', 'owner publish after second AUTH');
    relay.close();
  }],
]);
