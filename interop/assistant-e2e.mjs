// The assistants answering DMs through a real relay-private, checked with nostr-tools: content,
// protocol (gift wrap back for NIP-17, kind 4 back for NIP-04), encryption (only the sender can
// decrypt), and who receives what (member, non-member, stranger, member of another relay).
// Usage: node assistant-e2e.mjs <seed|dms|fallback> ws://host:port <familySecret> <workSecret>
// The Ollama double answers "Double answer: <the secret-… words in its prompt>".
import * as nip04 from 'nostr-tools/nip04';
import * as nip59 from 'nostr-tools/nip59';
import { assertEq, rand, rejection, run, authed, sign } from './relay-harness.mjs';
import {
  ASSISTANT, Conversation, MEMBER, NONMEMBER, NO_LLM, OWNER, REFUSAL, STRANGER, WORKER,
  asSeenBy, assert, now, pub, publishNote, sleep,
} from './assistant-harness.mjs';

const [mode, base, familySecret, workSecret] = process.argv.slice(2);
if (!mode || !base || !familySecret || !workSecret) {
  console.error('usage: node assistant-e2e.mjs <seed|dms|fallback> ws://host:port <familySecret> <workSecret>');
  process.exit(2);
}
const family = base + '/family';
const work = base + '/work';
const FAMILY = pub(ASSISTANT.family);
const WORK = pub(ASSISTANT.work);
/** How long "silence" is watched for after a message that must get no answer. */
const QUIET_MS = 3000;

const seed = [
  ['a member notes something on the family relay, a worker on the work relay', async () => {
    await publishNote(family, MEMBER, `The wifi password is ${familySecret}, written on the fridge.`);
    await publishNote(work, WORKER, `The quarterly report password is ${workSecret}.`);
  }],
];

const dms = [
  ['NIP-17: a member gets one gift-wrapped answer from the family assistant', async () => {
    const c = await Conversation.open(family, MEMBER, FAMILY);
    const since = now();
    await c.sendNip17('What is the wifi password?');
    const [reply] = await c.awaitReplies(since);
    await sleep(QUIET_MS);
    assertEq(c.replies(since).length, 1, 'exactly one reply');
    assertEq(reply.protocol, 'nip17', 'answered with a gift wrap');
    assertEq([reply.event.kind, reply.rumor.kind], [1059, 14], 'wrap kind 1059, rumor kind 14');
    assert(reply.event.pubkey !== FAMILY, 'the wrap is signed by a throwaway key');
    assert(reply.rumor.tags.some((t) => t[0] === 'p' && t[1] === pub(MEMBER)), 'rumor p-tags the member');
    assert(reply.text.startsWith('Double answer:'), 'the model double answered: ' + reply.text);
    assert(reply.text.includes(familySecret), 'the answer used the family note: ' + reply.text);
    assert(!reply.text.includes(workSecret), 'no work data in a family answer: ' + reply.text);
    for (const other of [NONMEMBER, WORKER, ASSISTANT.work]) {
      let opened = null;
      try {
        opened = nip59.unwrapEvent(reply.event, other);
      } catch {
        // expected: another key cannot open the wrap
      }
      assertEq(opened, null, 'another key decrypted the reply');
    }
    const seen = await asSeenBy(family, NONMEMBER, [{ ids: [reply.event.id] }]);
    assertEq(seen.length, 0, 'another relay member is not served the reply wrap');
    c.close();
  }],

  ['NIP-04: a member gets a kind 4 answer only they can decrypt', async () => {
    const c = await Conversation.open(family, MEMBER, FAMILY);
    const since = now();
    await c.sendNip04('Where is the wifi password written?');
    await c.awaitReplies(since);
    await sleep(QUIET_MS);
    const replies = c.replies(since);
    assertEq(replies.map((r) => r.protocol), ['nip04'], 'one kind 4 reply, no gift wrap');
    const reply = replies[0];
    assertEq(reply.event.pubkey, FAMILY, 'signed by the family assistant');
    assert(reply.event.tags.some((t) => t[0] === 'p' && t[1] === pub(MEMBER)), 'p-tags the member');
    assert(reply.text.startsWith('Double answer:') && reply.text.includes(familySecret), reply.text);
    let wrong = null;
    try {
      wrong = nip04.decrypt(NONMEMBER, FAMILY, reply.event.content);
    } catch {
      // expected: bad padding with the wrong shared secret
    }
    assert(wrong !== reply.text, 'another key decrypted the NIP-04 reply');
    const seen = await asSeenBy(family, NONMEMBER, [{ ids: [reply.event.id] }, { kinds: [4] }]);
    assert(!seen.some((e) => e.id === reply.event.id), 'the relay served the reply to a non-party');
    c.close();
  }],

  ['a non-member gets one polite refusal, then silence (NIP-17 and NIP-04)', async () => {
    const c = await Conversation.open(family, NONMEMBER, FAMILY);
    const since = now();
    await c.sendNip17('Hi, what is the wifi password?');
    const [refusal] = await c.awaitReplies(since);
    assertEq(refusal.protocol, 'nip17', 'refusal in the protocol used');
    assert(refusal.text.includes(REFUSAL), 'a polite refusal: ' + refusal.text);
    assert(!refusal.text.includes(familySecret), 'the refusal leaks nothing');
    await c.sendNip17('Please?');
    await c.sendNip04('Still there?');
    await sleep(QUIET_MS);
    assertEq(c.replies(since).length, 1, 'silence after the one refusal');
    c.close();
  }],

  ['a stranger cannot even deliver a DM: the relay refuses it and nothing comes back', async () => {
    const relay = await authed(family, STRANGER);
    const dm = sign(STRANGER, 4, await nip04.encrypt(STRANGER, FAMILY, 'hello?'), [['p', FAMILY]]);
    const why = await rejection(relay, dm);
    assert(why.startsWith('restricted:'), 'stranger rejected: ' + why);
    relay.close();
  }],

  ['a member of the work relay reaches no family data', async () => {
    const relay = await authed(family, WORKER);
    const dm = sign(WORKER, 4, await nip04.encrypt(WORKER, FAMILY, 'wifi?'), [['p', FAMILY]]);
    const why = await rejection(relay, dm);
    assert(why.startsWith('restricted:'), 'work member rejected on family: ' + why);
    relay.close();
    const c = await Conversation.open(work, WORKER, WORK);
    const since = now();
    await c.sendNip17('What is the wifi password at home? And the report password?');
    const [reply] = await c.awaitReplies(since);
    assert(reply.text.includes(workSecret), 'the work assistant used the work note: ' + reply.text);
    assert(!reply.text.includes(familySecret), 'family data reached a work member: ' + reply.text);
    c.close();
  }],

  ['the family assistant publishes its profile on /family only', async () => {
    const profile = [{ kinds: [0, 10002, 10050], authors: [FAMILY] }];
    const onFamily = await asSeenBy(family, MEMBER, profile);
    assertEq([...new Set(onFamily.map((e) => e.kind))].sort(), [0, 10002, 10050], 'kinds on /family');
    const bot = JSON.parse(onFamily.find((e) => e.kind === 0).content);
    assertEq(bot.bot, true, 'the profile is marked as a bot');
    for (const path of ['/personal', '/work']) {
      assertEq((await asSeenBy(base + path, OWNER, profile)).length, 0, 'family profile on ' + path);
    }
  }],
];

const fallback = [
  ['without Ollama a member still gets the matching note, saying no model is connected', async () => {
    const c = await Conversation.open(family, MEMBER, FAMILY);
    const since = now();
    await c.sendNip17('wifi password ' + rand());
    await c.sendNip04('wifi password fridge');
    const replies = await c.awaitReplies(since, 2);
    assertEq(replies.map((r) => r.protocol).sort(), ['nip04', 'nip17'], 'one reply per protocol');
    for (const r of replies) {
      assert(r.text.includes(NO_LLM), 'says no model is connected: ' + r.text);
      assert(r.text.includes(familySecret), 'quotes the family note: ' + r.text);
      assert(!r.text.startsWith('Double answer'), 'the double was down');
    }
    c.close();
  }],
];

await run({ seed, dms, fallback }[mode] ?? []);
