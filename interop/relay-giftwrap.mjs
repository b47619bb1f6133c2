// nostr-tools NIP-59 gift wraps through the private relay: a member receives only the wraps
// addressed to them; a member who is not the recipient, a non-member and an unauthenticated
// client receive nothing private (stored, by id, counted or live).
// Usage: node relay-giftwrap.mjs ws://host:port
import * as nip59 from 'nostr-tools/nip59';
import {
  ALICE, BOB, CAROL, OWNER, anonymous, assert, assertEq, authed, closedReason, pub, query, rand,
  rejection, run, sleep, waitFor,
} from './relay-harness.mjs';

const base = process.argv[2];
if (!base) {
  console.error('usage: node relay-giftwrap.mjs ws://host:port');
  process.exit(2);
}
const url = base + '/family';
const secret = 'meet at noon ' + rand();
const dm = (to, text) => ({ kind: 14, content: text, tags: [['p', pub(to)]] });
let toBob;
let toOwner;

await run([
  ['a member publishes wraps for members; a wrap for a non-member is refused', async () => {
    const alice = await authed(url, ALICE);
    toBob = nip59.wrapEvent(dm(BOB, secret), ALICE, pub(BOB));
    toOwner = nip59.wrapEvent(dm(OWNER, 'for the owner'), ALICE, pub(OWNER));
    assertEq(toBob.kind, 1059, 'wrap kind');
    assert(toBob.pubkey !== pub(ALICE), 'the wrap is signed by a throwaway key');
    assertEq(await alice.publish(toBob), '', 'wrap to bob');
    assertEq(await alice.publish(toOwner), '', 'wrap to owner');
    const why = await rejection(alice, nip59.wrapEvent(dm(CAROL, 'x'), ALICE, pub(CAROL)));
    assert(why.startsWith('restricted:'), 'wrap to a non-member: ' + why);
    alice.close();
  }],

  ['the recipient gets and unwraps their wrap, and only wraps addressed to them', async () => {
    const bob = await authed(url, BOB);
    const mine = await query(bob, [{ kinds: [1059], '#p': [pub(BOB)] }]);
    assert(mine.some((e) => e.id === toBob.id), 'bob sees his wrap');
    const rumor = nip59.unwrapEvent(mine.find((e) => e.id === toBob.id), BOB);
    assertEq([rumor.pubkey, rumor.content], [pub(ALICE), secret], 'unwrapped rumor');
    const all = await query(bob, [{ kinds: [1059] }]);
    assert(all.length > 0, 'bob sees wraps without #p');
    for (const w of all) assert(w.tags.some((t) => t[0] === 'p' && t[1] === pub(BOB)), 'wrap not for bob: ' + w.id);
    const byId = await query(bob, [{ ids: [toOwner.id] }]);
    assertEq(byId.length, 0, "bob asking for the owner's wrap by id");
    assertEq(await bob.count([{ ids: [toBob.id, toOwner.id] }]), 1, 'bob counts his wraps');
    bob.close();
  }],

  ['a member who is not the recipient gets nothing: REQ, #p, ids, kind-less, COUNT', async () => {
    const owner = await authed(url, OWNER);
    const filters = [
      [{ kinds: [1059] }],
      [{ kinds: [1059], '#p': [pub(BOB)] }],
      [{ ids: [toBob.id] }],
      [{ authors: [toBob.pubkey] }],
      [{ '#p': [pub(BOB)] }],
      [{ since: toBob.created_at - 1, until: toBob.created_at + 1 }],
    ];
    for (const f of filters) {
      const got = await query(owner, f);
      assert(!got.some((e) => e.id === toBob.id), "owner got bob's wrap with " + JSON.stringify(f));
      for (const e of got) {
        if (e.kind === 1059) assert(e.tags.some((t) => t[0] === 'p' && t[1] === pub(OWNER)), 'foreign wrap ' + e.id);
      }
    }
    assertEq(await owner.count([{ ids: [toBob.id] }]), 0, 'owner counts bob wrap');
    const own = await query(owner, [{ ids: [toOwner.id] }]);
    assertEq(own.map((e) => e.id), [toOwner.id], 'owner reads the wrap addressed to them');
    owner.close();
  }],

  ['non-members and unauthenticated clients are refused on every read', async () => {
    const carol = await authed(url, CAROL);
    for (const f of [[{ kinds: [1059] }], [{ ids: [toBob.id] }], [{ '#p': [pub(CAROL)] }]]) {
      const why = await closedReason(carol, f);
      assert(why.startsWith('restricted:'), 'carol REQ: ' + why);
    }
    let why = null;
    try {
      await carol.count([{ kinds: [1059] }]);
    } catch (e) {
      why = e.message;
    }
    assert(why && why.startsWith('restricted:'), 'carol COUNT: ' + why);
    carol.close();
    const anon = await anonymous(url);
    const why2 = await closedReason(anon, [{ ids: [toBob.id] }]);
    assert(why2.startsWith('auth-required:'), 'anonymous REQ: ' + why2);
    anon.close();
  }],

  ['live: a new wrap reaches its recipient only', async () => {
    const bob = await authed(url, BOB);
    const owner = await authed(url, OWNER);
    const carol = await authed(url, CAROL);
    const seen = { bob: [], owner: [], carol: [] };
    const ready = { bob: false, owner: false };
    const carolClosed = closedReason(carol, [{ kinds: [1059] }]);
    bob.subscribe([{ kinds: [1059] }], { onevent: (e) => seen.bob.push(e.id), oneose: () => (ready.bob = true) });
    owner.subscribe([{ kinds: [1059] }], { onevent: (e) => seen.owner.push(e.id), oneose: () => (ready.owner = true) });
    await waitFor(() => ready.bob && ready.owner, 'EOSE on both');
    const before = { bob: seen.bob.length, owner: seen.owner.length };
    const alice = await authed(url, ALICE);
    const fresh = nip59.wrapEvent(dm(BOB, 'live ' + rand()), ALICE, pub(BOB));
    await alice.publish(fresh);
    await waitFor(() => seen.bob.includes(fresh.id), 'live wrap at bob');
    await sleep(300);
    assertEq(seen.owner.length, before.owner, 'owner received live wraps');
    assert((await carolClosed).startsWith('restricted:'), 'carol live REQ');
    for (const r of [bob, owner, carol, alice]) r.close();
  }],
]);
