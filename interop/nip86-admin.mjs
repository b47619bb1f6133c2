// One NIP-86 call built the way a nostr-tools app builds it: the body is JSON.stringify of
// {method, params}; the Authorization header comes from nostr-tools' nip98.getToken with that
// object as payload (so its payload tag is sha256(JSON.stringify(body))). Used by
// relay-private's Nip86InteropTest.
// Usage: node nip86-admin.mjs <http-url> <secret-key-hex> <method> '<params-json>'
// Prints {"status": <http status>, "body": <parsed response>} on stdout.
import { finalizeEvent } from 'nostr-tools/pure';
import * as nip98 from 'nostr-tools/nip98';
import { hexToBytes } from 'nostr-tools/utils';

const [url, skHex, method, paramsJson] = process.argv.slice(2);
const request = { method, params: JSON.parse(paramsJson ?? '[]') };
const sign = async (e) => finalizeEvent(e, hexToBytes(skHex));
const authorization = await nip98.getToken(url, 'POST', sign, true, request);
const res = await fetch(url, {
  method: 'POST',
  headers: { 'Content-Type': 'application/nostr+json+rpc', Authorization: authorization },
  body: JSON.stringify(request),
});
const text = await res.text();
let body;
try {
  body = JSON.parse(text);
} catch {
  body = text;
}
process.stdout.write(JSON.stringify({ status: res.status, body }) + '\n');
