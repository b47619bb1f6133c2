// Shared keys and helpers for the assistant-*.mjs scripts: nostr-tools clients talking to the
// assistants through a real relay-private. The Java side (assistant-service's RealRelayResource)
// configures the relay and the assistants with the same keys.
import * as nip04 from 'nostr-tools/nip04';
import * as nip17 from 'nostr-tools/nip17';
import { assert, authed, key, now, pub, query, sign, sleep, waitFor } from './relay-harness.mjs';

/** Secret keys: 0x30 owner; 0x31..0x33 the personal, family and work assistants. */
export const OWNER = key(0x30);
export const ASSISTANT = { personal: key(0x31), family: key(0x32), work: key(0x33) };
/** Member of every relay except work; a member for the family and personal assistants. */
export const MEMBER = key(0x21);
/** Member of the relay (personal, family) but not in the family assistant's member list. */
export const NONMEMBER = key(0x22);
/** No grant anywhere. */
export const STRANGER = key(0x23);
/** Member of the work relay only. */
export const WORKER = key(0x24);
/** The finetune service's key: a service key of every relay, the one 30970 events are encrypted to. */
export const FINETUNE = key(0x25);

export const REFUSAL = 'only talk with members';
export const NO_LLM = 'No language model is connected';

/** A member-authored note the assistant of that relay remembers. */
export async function publishNote(url, sk, text) {
  const relay = await authed(url, sk);
  await relay.publish(sign(sk, 1, text));
  relay.close();
}

/**
 * A conversation as `sk` with one assistant on its relay: sends NIP-17 or NIP-04 DMs and collects
 * the replies addressed to `sk` (decrypted) that were created after `since`.
 */
export class Conversation {
  static async open(url, sk, assistantPub) {
    const c = new Conversation(url, sk, assistantPub, await authed(url, sk));
    c.sub = c.relay.subscribe(
      [
        { kinds: [1059], '#p': [pub(sk)], since: now() - 3 * 86400 },
        { kinds: [4], '#p': [pub(sk)], since: now() - 60 },
      ],
      { onevent: (e) => c.events.push(e), oneose: () => (c.eose = true) },
    );
    return c;
  }

  /** Waits until the relay has sent every stored reply (EOSE of the reply subscription). */
  async stored(ms = 10000) {
    await waitFor(() => this.eose, 'end of stored replies', ms);
  }

  constructor(url, sk, assistantPub, relay) {
    Object.assign(this, { url, sk, assistantPub, relay, events: [], eose: false });
  }

  async sendNip17(text) {
    const wrap = nip17.wrapEvent(this.sk, { publicKey: this.assistantPub, relayUrl: this.url }, text);
    await this.relay.publish(wrap);
    return wrap;
  }

  async sendNip04(text) {
    const content = await nip04.encrypt(this.sk, this.assistantPub, text);
    const dm = sign(this.sk, 4, content, [['p', this.assistantPub]]);
    await this.relay.publish(dm);
    return dm;
  }

  /** Every reply so far created at or after `since`: {protocol, event, text, rumor?}. */
  replies(since) {
    const out = [];
    for (const e of this.events) {
      if (e.kind === 1059) {
        const rumor = nip17.unwrapEvent(e, this.sk);
        if (rumor.pubkey === this.assistantPub && rumor.created_at >= since) {
          out.push({ protocol: 'nip17', event: e, rumor, text: rumor.content });
        }
      } else if (e.kind === 4 && e.pubkey === this.assistantPub && e.created_at >= since) {
        out.push({ protocol: 'nip04', event: e, text: nip04.decrypt(this.sk, e.pubkey, e.content) });
      }
    }
    return out;
  }

  /** Waits for at least `n` replies created at or after `since`. */
  async awaitReplies(since, n = 1, ms = 20000) {
    await waitFor(() => this.replies(since).length >= n, `${n} reply(ies) to ${pub(this.sk)}`, ms);
    return this.replies(since);
  }

  close() {
    this.sub.close();
    this.relay.close();
  }
}

/** Stored events the relay gives `sk` on `url` for `filters`. */
export async function asSeenBy(url, sk, filters) {
  const relay = await authed(url, sk);
  try {
    return await query(relay, filters);
  } finally {
    relay.close();
  }
}

export { assert, pub, now, sleep };
