// The assistants answering DMs through a real relay-private, checked with nostr-tools: content,
// protocol (gift wrap back for NIP-17, kind 4 back for NIP-04), encryption (only the sender can
// decrypt), and who receives what (member, non-member, stranger, member of another relay).
// Usage: node assistant-e2e.mjs <seed|dms|fallback|retrain|consent> ws://host:port <familySecret>
// <workSecret>. The Ollama double answers "Double answer: <the secret-… words in its prompt>".
// retrain: /retrain (docs/finetune-protocol.md) as a member (refused) and as the family relay's
// owner, an admin for the family assistant (job request 5970 on the relay, then a 6970 result from
// the finetune service key switches the model); consent: /consent on|off and the kind-30970 event.
import { verifyEvent } from 'nostr-tools/pure';
import * as nip04 from 'nostr-tools/nip04';
import * as nip19 from 'nostr-tools/nip19';
import * as nip44 from 'nostr-tools/nip44';
import * as nip59 from 'nostr-tools/nip59';
import { assertEq, rand, rejection, run, authed, sign } from './relay-harness.mjs';
import {
  ASSISTANT, Conversation, FINETUNE, MEMBER, NONMEMBER, NO_LLM, OWNER, REFUSAL, STRANGER, WORKER,
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

/** The model the finetune service reports in its job result (the Java side makes Ollama list it). */
const TUNED_MODEL = 'hearth-family-v2';
let jobRequestId = null;

/** Polls the async `cond` every 200 ms until it holds, for at most `ms`. */
async function eventually(cond, what, ms) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting for ' + what);
    await sleep(200);
  }
}

/** The replies `c` received that are not in `seen` (a Set of event ids). */
const fresh = (c, seen) => c.replies(0).filter((r) => !seen.has(r.event.id));
const seenIds = (c) => new Set(c.replies(0).map((r) => r.event.id));

/** Sends `text` and returns the first reply received after sending it. */
async function ask(c, text, protocol = 'nip17') {
  await c.stored();
  const seen = seenIds(c);
  await (protocol === 'nip17' ? c.sendNip17(text) : c.sendNip04(text));
  await eventually(async () => fresh(c, seen).length > 0, 'a reply to ' + text, 20000);
  return fresh(c, seen)[0];
}

const retrain = [
  ['a member who is no admin is refused /retrain and nothing is requested', async () => {
    const jobs = [{ kinds: [5970], authors: [FAMILY] }];
    const before = (await asSeenBy(family, OWNER, jobs)).length;
    const c = await Conversation.open(family, MEMBER, FAMILY);
    const reply = await ask(c, '/retrain');
    assert(reply.text.includes('Only an admin of the family relay'), 'refused: ' + reply.text);
    c.close();
    assertEq((await asSeenBy(family, OWNER, jobs)).length, before, 'no job request published');
  }],

  ['an admin\'s /retrain publishes a 5970 on the relay, signed by the assistant for the admin', async () => {
    const c = await Conversation.open(family, OWNER, FAMILY);
    const reply = await ask(c, '/retrain', 'nip04');
    assertEq(reply.protocol, 'nip04', 'answered in the protocol of the request');
    assert(reply.text.includes("I'll tell you when it is done"), 'promise to report: ' + reply.text);
    const link = reply.text.match(/nostr:(nevent1[a-z0-9]+)/);
    assert(link, 'the reply links the job request: ' + reply.text);
    const { type, data } = nip19.decode(link[1]);
    assertEq(type, 'nevent', 'an nevent');
    const [job] = await asSeenBy(family, OWNER, [{ ids: [data.id] }]);
    assert(job, 'the job request is on the family relay');
    assert(verifyEvent(job), 'validly signed');
    assertEq([job.kind, job.pubkey], [5970, FAMILY], 'kind 5970 signed by the family assistant');
    assertEq(job.content, '', 'empty content');
    assert(job.tags.some((t) => t[0] === 'requested-by' && t[1] === pub(OWNER)), 'requested-by the admin');
    assert(job.tags.some((t) => t[0] === 'p' && t[1] === pub(FINETUNE)), 'p-tags the finetune service');
    const elsewhere = await asSeenBy(base + '/personal', OWNER, [{ ids: [data.id] }]);
    assertEq(elsewhere.length, 0, 'the request is on the family relay only');
    jobRequestId = job.id;
    c.close();
  }],

  ['a 6970 result from the finetune service switches the model; the admin is told in NIP-04', async () => {
    assert(jobRequestId, 'the previous check published a job request');
    const c = await Conversation.open(family, OWNER, FAMILY);
    await c.stored();
    const seen = seenIds(c);
    const svc = await authed(family, FINETUNE);
    await svc.publish(sign(FINETUNE, 7000, '', [
      ['e', jobRequestId], ['p', FAMILY], ['status', 'processing', 'training'], ['progress', '50'],
    ]));
    await svc.publish(sign(FINETUNE, 6970, 'Loss 2.1 -> 1.4.', [
      ['e', jobRequestId], ['p', FAMILY], ['job', 'job-1'], ['model', TUNED_MODEL],
    ]));
    svc.close();
    await eventually(async () => fresh(c, seen).length > 0, 'the notice', 20000);
    await sleep(1500);
    const notices = fresh(c, seen);
    assertEq(notices.length, 1, 'one notice, no message for the processing feedback');
    const [notice] = notices;
    assertEq(notice.protocol, 'nip04', 'told in the protocol of the /retrain');
    assert(notice.text.includes('is done') && notice.text.includes(TUNED_MODEL), notice.text);
    c.close();
    const m = await Conversation.open(family, MEMBER, FAMILY);
    const answer = await ask(m, 'What is the wifi password now?');
    assert(answer.text.startsWith('Double answer:'), 'answered by the model: ' + answer.text);
    m.close();
  }],

  ['a job that fails: the admin is told why, once, in NIP-17', async () => {
    const c = await Conversation.open(family, OWNER, FAMILY);
    const reply = await ask(c, '/retrain');
    const { data } = nip19.decode(reply.text.match(/nostr:(nevent1[a-z0-9]+)/)[1]);
    const seen = seenIds(c);
    const svc = await authed(family, FINETUNE);
    const error = ['status', 'error', 'dataset too small: 3 notes'];
    await svc.publish(sign(FINETUNE, 7000, '', [['e', data.id], ['p', FAMILY], error]));
    await svc.publish(sign(FINETUNE, 7000, '', [['e', data.id], ['p', FAMILY], error], now() + 1));
    svc.close();
    await eventually(async () => fresh(c, seen).length > 0, 'the notice', 20000);
    await sleep(1500);
    const notices = fresh(c, seen);
    assertEq(notices.length, 1, 'told once');
    const [notice] = notices;
    assertEq(notice.protocol, 'nip17', 'in the protocol of the /retrain');
    assert(notice.text.includes('failed') && notice.text.includes('dataset too small'), notice.text);
    c.close();
  }],
];

const CONSENT_A = () => `30970:${FAMILY}:${pub(MEMBER)}`;

/** The member's 30970 events as the finetune service sees them, decrypted. */
async function consented() {
  const events = await asSeenBy(family, FINETUNE, [
    { kinds: [30970], authors: [FAMILY], '#d': [pub(MEMBER)] },
  ]);
  return events.map((e) => ({
    event: e,
    body: JSON.parse(nip44.decrypt(e.content, nip44.getConversationKey(FINETUNE, FAMILY))),
  }));
}

const consent = [
  ['/consent is off by default; /consent on publishes a 30970 only the finetune service reads', async () => {
    const c = await Conversation.open(family, MEMBER, FAMILY);
    assert((await ask(c, '/consent')).text.includes('Consent is off'), 'off by default');
    assertEq((await consented()).length, 0, 'nothing shared before consent');
    const on = await ask(c, '/consent on');
    assert(on.text.includes('Consent is on'), on.text);
    c.close();
    await eventually(async () => (await consented()).length === 1, 'the 30970 event', 10000);
    const [{ event, body }] = await consented();
    assert(verifyEvent(event), 'validly signed by the assistant');
    const tag = (n) => event.tags.find((t) => t[0] === n)?.[1];
    assertEq([tag('d'), tag('p'), tag('member')], [pub(MEMBER), pub(FINETUNE), pub(MEMBER)], 'tags');
    assertEq(body.member, pub(MEMBER), 'the plaintext names the member');
    assert(Array.isArray(body.pairs), 'the plaintext has pairs');
    let leaked = null;
    try {
      leaked = nip44.decrypt(event.content, nip44.getConversationKey(MEMBER, FAMILY));
    } catch {
      // expected: encrypted to the finetune service, not to the member
    }
    assertEq(leaked, null, 'the member key cannot decrypt it');
    const seen = await asSeenBy(family, NONMEMBER, [{ kinds: [30970] }]);
    assertEq(seen.length, 0, 'another relay member is not served the 30970 event');
  }],

  ['after an exchange the 30970 event is republished with the new pair', async () => {
    const question = 'Consented question ' + rand() + ': where is the wifi password?';
    const c = await Conversation.open(family, MEMBER, FAMILY);
    const reply = await ask(c, question);
    c.close();
    await eventually(async () => {
      const [e] = await consented();
      return e && e.body.pairs.some((p) => p.q === question);
    }, 'the pair in the 30970 event', 15000);
    const [{ body }] = await consented();
    const pair = body.pairs.find((p) => p.q === question);
    assert(pair.a.startsWith('Double answer:') && reply.text.startsWith(pair.a), 'the answer: ' + pair.a);
    assert(Number.isInteger(pair.at), 'a timestamp');
  }],

  ['/consent off publishes a NIP-09 deletion and the 30970 event is gone', async () => {
    const c = await Conversation.open(family, MEMBER, FAMILY);
    const off = await ask(c, '/consent off');
    assert(off.text.includes('Consent is off'), off.text);
    assert((await ask(c, '/consent')).text.includes('Consent is off'), 'the setting is off');
    c.close();
    const deletions = await asSeenBy(family, MEMBER, [{ kinds: [5], authors: [FAMILY], '#a': [CONSENT_A()] }]);
    assertEq(deletions.length, 1, 'one deletion naming the 30970 address');
    assertEq((await consented()).length, 0, 'the relay no longer serves the 30970 event');
  }],
];

await run({ seed, dms, fallback, retrain, consent }[mode] ?? []);
