// DMs one assistant as a member and prints its reply: a smoke test for `./run-hearth`.
// Usage: node assistant-dm.mjs ws://host:port/family <assistant npub|hex> <member secret hex>
//        [nip17|nip04] [message]
// Exits 0 once a reply arrived (decrypted with the member's key), 1 after 60 s without one.
import { decode } from 'nostr-tools/nip19';
import { Conversation, now } from './assistant-harness.mjs';

const [url, assistant, secretHex, protocol = 'nip17', message = 'Hello! What can you do?'] =
  process.argv.slice(2);
if (!url || !assistant || !/^[0-9a-f]{64}$/.test(secretHex ?? '')) {
  console.error('usage: node assistant-dm.mjs ws://host:port/<relay> <assistant npub|hex> <member secret hex> [nip17|nip04] [message]');
  process.exit(2);
}
const assistantPub = assistant.startsWith('npub') ? decode(assistant).data : assistant;
const c = await Conversation.open(url, Uint8Array.from(Buffer.from(secretHex, 'hex')), assistantPub);
const since = now();
const sentAt = performance.now();
try {
  if (protocol === 'nip04') await c.sendNip04(message);
  else await c.sendNip17(message);
} catch (e) {
  console.error('the relay refused the DM: ' + e.message);
  c.close();
  process.exit(1);
}
try {
  const replies = await c.awaitReplies(since, 1, 60000);
  console.log(`reply after ${Math.round(performance.now() - sentAt)} ms`);
  for (const r of replies) console.log(`reply (${r.protocol}, kind ${r.event.kind}):\n${r.text}`);
  c.close();
  process.exit(0);
} catch (e) {
  console.error('no reply: ' + e.message);
  process.exit(1);
}
