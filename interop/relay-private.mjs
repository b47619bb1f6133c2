// nostr-tools against a running relay-private (driven by org.hearth.relay.interop.RelayInteropTest).
// Usage: node relay-private.mjs <ws://host:port/relay> <alice sk hex> <bob sk hex> <owner sk hex>
// Prints one JSON object with what each step observed; the Java test asserts on it.
import WebSocket from 'ws';
import { finalizeEvent, getPublicKey } from 'nostr-tools/pure';
import * as nip42 from 'nostr-tools/nip42';
import * as nip59 from 'nostr-tools/nip59';
import { hexToBytes } from 'nostr-tools/utils';

const [url, aliceHex, bobHex, ownerHex] = process.argv.slice(2);
const now = () => Math.floor(Date.now() / 1000);

class Conn {
  constructor(ws) {
    this.ws = ws;
    this.queue = [];
    this.waiters = [];
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString());
      const w = this.waiters.findIndex((x) => x.match(m));
      if (w >= 0) this.waiters.splice(w, 1)[0].resolve(m);
      else this.queue.push(m);
    });
  }
  static open(u) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(u);
      const c = new Conn(ws);
      ws.on('open', () => resolve(c));
      ws.on('error', reject);
    });
  }
  next(match) {
    const i = this.queue.findIndex(match);
    if (i >= 0) return Promise.resolve(this.queue.splice(i, 1)[0]);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('timeout waiting')), 10000);
      this.waiters.push({ match, resolve: (m) => { clearTimeout(t); resolve(m); } });
    });
  }
  send(m) { this.ws.send(JSON.stringify(m)); }
  async publish(ev) {
    this.send(['EVENT', ev]);
    const ok = await this.next((m) => m[0] === 'OK' && m[1] === ev.id);
    return { ok: ok[2], msg: ok[3] };
  }
  async auth(sk) {
    const ch = await this.next((m) => m[0] === 'AUTH');
    const ev = finalizeEvent(nip42.makeAuthEvent(url, ch[1]), sk);
    this.send(['AUTH', ev]);
    const ok = await this.next((m) => m[0] === 'OK' && m[1] === ev.id);
    return ok[2];
  }
  async req(id, ...filters) {
    this.send(['REQ', id, ...filters]);
    const out = [];
    for (;;) {
      const m = await this.next((x) => x[1] === id && ['EVENT', 'EOSE', 'CLOSED'].includes(x[0]));
      if (m[0] === 'EVENT') out.push(m[2]);
      else { this.send(['CLOSE', id]); return m[0] === 'CLOSED' ? { closed: m[2] } : out; }
    }
  }
  async count(id, ...filters) {
    this.send(['COUNT', id, ...filters]);
    const m = await this.next((x) => x[1] === id && ['COUNT', 'CLOSED'].includes(x[0]));
    return m[0] === 'COUNT' ? m[2].count : m[2];
  }
  close() { this.ws.close(); }
}

const alice = hexToBytes(aliceHex);
const bob = hexToBytes(bobHex);
const owner = hexToBytes(ownerHex);
const tag = 'interop-' + Math.random().toString(36).slice(2);
const out = {};

const a = await Conn.open(url);
const early = finalizeEvent({ kind: 1, created_at: now(), tags: [], content: 'too early' }, alice);
out.preAuth = (await a.publish(early)).msg;
out.auth = await a.auth(alice);
const note = finalizeEvent({ kind: 1, created_at: now(), tags: [['t', tag]], content: 'hi' }, alice);
out.note = (await a.publish(note)).ok;
out.duplicate = (await a.publish(note)).msg;
const p1 = finalizeEvent({ kind: 0, created_at: now() - 10, tags: [], content: '{"name":"old"}' }, alice);
const p2 = finalizeEvent({ kind: 0, created_at: now() - 5, tags: [], content: '{"name":"new"}' }, alice);
await a.publish(p1);
await a.publish(p2);
out.profile = (await a.req('p', { kinds: [0], authors: [getPublicKey(alice)] })).map((e) => e.content);
const second = finalizeEvent({ kind: 1, created_at: now(), tags: [['t', tag]], content: 'two' }, alice);
await a.publish(second);
out.countBefore = await a.count('c1', { '#t': [tag] });
const del = finalizeEvent({ kind: 5, created_at: now(), tags: [['e', note.id]], content: '' }, alice);
out.deletion = (await a.publish(del)).ok;
out.afterDelete = (await a.req('d', { '#t': [tag] })).map((e) => e.content);
out.countAfter = await a.count('c2', { '#t': [tag] });
const wrap = nip59.wrapEvent({ kind: 14, content: 'secret for bob', tags: [['p', getPublicKey(bob)]] }, alice, getPublicKey(bob));
out.wrap = (await a.publish(wrap)).ok;
a.close();

const b = await Conn.open(url);
await b.auth(bob);
const bobWraps = await b.req('w', { kinds: [1059], '#p': [getPublicKey(bob)] });
const mine = bobWraps.find((e) => e.id === wrap.id);
out.bobSeesWrap = !!mine;
out.bobReads = mine ? nip59.unwrapEvent(mine, bob).content : null;
b.close();

const o = await Conn.open(url);
await o.auth(owner);
const ownerWraps = await o.req('w', { kinds: [1059] });
out.ownerSeesWrap = ownerWraps.some((e) => e.id === wrap.id);
out.ownerById = (await o.req('i', { ids: [wrap.id] })).length;
o.close();

const n = await Conn.open(url);
out.anonymousReq = (await n.req('x', { '#t': [tag] })).closed;
n.close();

console.log(JSON.stringify(out));
