// Batch server for nostr-core's NIP interop tests (org.hearth.nostr.interop.*InteropTest).
// Reads one JSON request per line on stdin, answers one JSON line on stdout:
// {"ok": <result>} or {"error": "<message>"}. Uses nostr-tools as a real client would.
import readline from 'node:readline';
import { finalizeEvent, getPublicKey, generateSecretKey, verifyEvent } from 'nostr-tools/pure';
import * as nip04 from 'nostr-tools/nip04';
import * as nip44 from 'nostr-tools/nip44';
import * as nip19 from 'nostr-tools/nip19';
import * as nip42 from 'nostr-tools/nip42';
import * as nip59 from 'nostr-tools/nip59';
import * as nip17 from 'nostr-tools/nip17';
import * as nip98 from 'nostr-tools/nip98';
import { hexToBytes, bytesToHex } from 'nostr-tools/utils';

const sk = (hex) => hexToBytes(hex);

const ops = {
  keypair: () => {
    const s = generateSecretKey();
    return { sk: bytesToHex(s), pk: getPublicKey(s) };
  },
  nip44Encrypt: ({ sk: s, pk, plaintext }) =>
    nip44.v2.encrypt(plaintext, nip44.v2.utils.getConversationKey(sk(s), pk)),
  nip44Decrypt: ({ sk: s, pk, payload }) =>
    nip44.v2.decrypt(payload, nip44.v2.utils.getConversationKey(sk(s), pk)),
  nip04Encrypt: ({ sk: s, pk, plaintext }) => nip04.encrypt(sk(s), pk, plaintext),
  nip04Decrypt: ({ sk: s, pk, payload }) => nip04.decrypt(sk(s), pk, payload),
  nip19Encode: ({ type, data }) => {
    switch (type) {
      case 'npub': return nip19.npubEncode(data);
      case 'nsec': return nip19.nsecEncode(sk(data));
      case 'note': return nip19.noteEncode(data);
      case 'nprofile': return nip19.nprofileEncode(data);
      case 'nevent': return nip19.neventEncode(data);
      case 'naddr': return nip19.naddrEncode(data);
      default: throw new Error('unknown type ' + type);
    }
  },
  nip19Decode: ({ s }) => {
    const { type, data } = nip19.decode(s);
    return { type, data: type === 'nsec' ? bytesToHex(data) : data };
  },
  nip17WrapMany: ({ sk: s, recipients, message, subject, replyTo }) =>
    nip17.wrapManyEvents(sk(s), recipients, message, subject, replyTo),
  nip59Wrap: ({ sk: s, pk, event }) => nip59.wrapEvent(event, sk(s), pk),
  nip59Unwrap: ({ sk: s, wrap }) => ({ rumor: nip59.unwrapEvent(wrap, sk(s)) }),
  verifyEvent: ({ event }) => verifyEvent(event),
  nip42Auth: ({ sk: s, relay, challenge, createdAt }) => {
    const t = nip42.makeAuthEvent(relay, challenge);
    if (createdAt !== undefined) t.created_at = createdAt;
    return finalizeEvent(t, sk(s));
  },
  nip98Token: async ({ sk: s, url, method, payload }) =>
    nip98.getToken(url, method, (e) => finalizeEvent(e, sk(s)), true, payload),
  nip98Validate: async ({ token, url, method, body }) => {
    const event = await nip98.unpackEventFromToken(token);
    return nip98.validateEvent(event, url, method, body);
  },
};

const rl = readline.createInterface({ input: process.stdin, terminal: false });
for await (const line of rl) {
  if (!line.trim()) continue;
  let reply;
  try {
    const req = JSON.parse(line);
    const op = ops[req.op];
    if (!op) throw new Error('unknown op ' + req.op);
    reply = { ok: await op(req) };
  } catch (e) {
    reply = { error: String(e && e.message ? e.message : e) };
  }
  process.stdout.write(JSON.stringify(reply) + '\n');
}
