// Hearth relay administration page. Talks only to the relay's NIP-86 API (POST at the relay's
// URL, NIP-98 signed with a payload hash). Keys: a NIP-07 extension (window.nostr), or a pasted
// secret key kept in this tab's memory only and used with nostr-tools (vendor/nostr.bundle.js).
'use strict';

const $ = (id) => document.getElementById(id);
const state = { relay: null, signer: null, pubkey: null };

class RelayError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

function tools() {
  if (!window.NostrTools) throw new Error('nostr-tools did not load; use a NIP-07 extension instead');
  return window.NostrTools;
}

function npub(hex) {
  try {
    return tools().nip19.npubEncode(hex);
  } catch {
    return hex;
  }
}

function short(hex) {
  const n = npub(hex);
  return n.length > 24 ? n.slice(0, 14) + '…' + n.slice(-6) : n;
}

function hexKey(text) {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return t.toLowerCase();
  if (t.startsWith('npub1')) {
    const d = tools().nip19.decode(t);
    if (d.type === 'npub') return d.data;
  }
  throw new Error('That is not a public key: paste an npub1… or 64 hex characters.');
}

async function nip07Signer() {
  if (!window.nostr) {
    throw new Error('No Nostr extension found. Install one (NIP-07) or paste a key below.');
  }
  const pubkey = await window.nostr.getPublicKey();
  return { pubkey, sign: (event) => window.nostr.signEvent(event) };
}

function pastedKeySigner(text) {
  const T = tools();
  const t = text.trim();
  let secret;
  if (t.startsWith('nsec1')) {
    const d = T.nip19.decode(t);
    if (d.type !== 'nsec') throw new Error('That is not an nsec.');
    secret = d.data;
  } else if (/^[0-9a-fA-F]{64}$/.test(t)) {
    secret = new Uint8Array(t.match(/../g).map((h) => parseInt(h, 16)));
  } else {
    throw new Error('That is not a secret key: paste an nsec1… or 64 hex characters.');
  }
  return { pubkey: T.getPublicKey(secret), sign: async (event) => T.finalizeEvent(event, secret) };
}

async function sha256Hex(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function base64Utf8(text) {
  let binary = '';
  new TextEncoder().encode(text).forEach((b) => (binary += String.fromCharCode(b)));
  return btoa(binary);
}

/** One NIP-86 call, NIP-98 signed; resolves to the result or throws a RelayError. */
async function rpc(method, params = []) {
  const url = location.origin + '/' + state.relay;
  const body = JSON.stringify({ method, params });
  const event = {
    kind: 27235,
    created_at: Math.floor(Date.now() / 1000),
    tags: [['u', url], ['method', 'POST'], ['payload', await sha256Hex(body)]],
    content: '',
  };
  const signed = await state.signer.sign(event);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/nostr+json+rpc',
      Authorization: 'Nostr ' + base64Utf8(JSON.stringify(signed)),
    },
    body,
  });
  let answer;
  try {
    answer = await res.json();
  } catch {
    throw new RelayError(`The relay answered HTTP ${res.status} without a NIP-86 response.`, res.status);
  }
  if (answer.error) throw new RelayError(answer.error, res.status);
  return answer.result;
}

function say(text) {
  $('message').textContent = text;
  $('message').hidden = !text;
}

function refuse(text) {
  $('refusal').textContent = text;
  $('refusal').hidden = !text;
}

function explain(err) {
  if (err instanceof RelayError && err.status === 403) {
    return `Refused: you (${short(state.pubkey)}) are not an owner or admin of /${state.relay}. ` +
      `The relay said: ${err.message}`;
  }
  if (err instanceof RelayError && err.status === 401) {
    return `The relay did not accept the signature (${err.message}). Is your clock right?`;
  }
  return err.message || String(err);
}

async function guarded(action) {
  refuse('');
  try {
    await action();
  } catch (err) {
    refuse(explain(err));
  }
}

function when(seconds) {
  return seconds ? new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 19) : '';
}

function cell(row, text, code) {
  const td = row.insertCell();
  if (code) {
    const c = document.createElement('code');
    c.textContent = text;
    td.appendChild(c);
  } else {
    td.textContent = text;
  }
  return td;
}

function button(td, label, testid, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.dataset.testid = testid;
  b.addEventListener('click', () => guarded(onClick));
  td.appendChild(b);
}

async function loadMembers() {
  const rows = await rpc('listmembers');
  const body = $('members');
  body.replaceChildren();
  for (const m of rows) {
    const tr = body.insertRow();
    tr.dataset.pubkey = m.pubkey;
    cell(tr, npub(m.pubkey), true);
    cell(tr, m.role);
    const kinds = [m.read_kinds && 'read ' + m.read_kinds.join(','), m.write_kinds && 'write ' + m.write_kinds.join(',')];
    cell(tr, kinds.filter(Boolean).join('; ') || 'all');
    cell(tr, when(m.expires_at) || 'never');
    const td = tr.insertCell();
    if (m.pubkey !== state.pubkey && m.role !== 'owner') {
      button(td, 'Remove', 'remove-' + m.pubkey, async () => {
        if (!confirm(`Remove ${short(m.pubkey)} from /${state.relay}?`)) return;
        await rpc('unallowpubkey', [m.pubkey, 'removed on the admin page']);
        say(`Removed ${short(m.pubkey)}.`);
        await refresh();
      });
    }
  }
}

async function loadInvites() {
  const rows = await rpc('listinvites');
  const body = $('invites');
  body.replaceChildren();
  for (const i of rows) {
    const tr = body.insertRow();
    cell(tr, i.code, true);
    cell(tr, i.role);
    cell(tr, i.state);
    cell(tr, when(i.expires_at));
    const td = tr.insertCell();
    if (i.state === 'open') {
      button(td, 'Revoke', 'revoke-' + i.code, async () => {
        await rpc('revokeinvite', [i.code]);
        say('Invite revoked.');
        await loadInvites();
      });
    }
  }
}

/** Rows of the audit log (with parameters and outcome) or of the access list. */
function fillLog(bodyId, rows, details) {
  const body = $(bodyId);
  body.replaceChildren();
  for (const e of rows) {
    const tr = body.insertRow();
    cell(tr, when(e.at));
    cell(tr, short(e.actor), true);
    cell(tr, e.ip);
    cell(tr, details ? e.method + ' ' + e.params : e.method, details);
    if (details) cell(tr, e.outcome);
  }
}

async function loadAudit() {
  fillLog('audit', await rpc('listauditlog', [100]), true);
}

async function loadAccess() {
  fillLog('access-rows', await rpc('listadminaccess', [100]), false);
  $('access').hidden = false;
}

async function loadStats() {
  const s = await rpc('relaystats');
  $('stat-events').textContent = s.events;
  $('stat-connections').textContent = s.connections;
  $('stat-members').textContent = s.members;
}

async function refresh() {
  await loadStats();
  await loadMembers();
  await loadInvites();
  await loadAudit();
  await loadAccess();
}

async function signIn(makeSigner) {
  await guarded(async () => {
    state.relay = $('relay').value;
    state.signer = await makeSigner();
    state.pubkey = state.signer.pubkey;
    $('who-npub').textContent = npub(state.pubkey);
    $('who').hidden = false;
    $('sign-in').hidden = true;
    $('relay-name').textContent = '/' + state.relay;
    const me = await rpc('whoami');
    if (!me.administers) {
      await loadAccess();
      refuse(`You (${short(state.pubkey)}) are a ${me.roles.join(', ')} of /${state.relay}, ` +
        'not an owner or admin: you cannot change its members. ' +
        'Below is who accessed its admin settings.');
      return;
    }
    $('admin').hidden = false;
    await refresh();
    say(`Signed in to /${state.relay}.`);
  });
}

function kindsList(text) {
  const t = (text || '').trim();
  if (!t) return undefined;
  return t.split(',').map((k) => {
    const n = Number(k.trim());
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`"${k}" is not a kind number.`);
    return n;
  });
}

function wire() {
  $('sign-in-nip07').addEventListener('click', () => signIn(nip07Signer));
  $('sign-in-key').addEventListener('click', () => {
    const text = $('secret').value;
    $('secret').value = '';
    signIn(async () => pastedKeySigner(text));
  });
  $('sign-out').addEventListener('click', () => location.reload());
  $('add-member').addEventListener('submit', (e) => {
    e.preventDefault();
    guarded(async () => {
      const f = e.target;
      const pk = hexKey(f.pubkey.value);
      await rpc('assignrole', [pk, f.role.value]);
      say(`Added ${short(pk)} as ${f.role.value}.`);
      f.reset();
      await refresh();
    });
  });
  $('grant-service').addEventListener('submit', (e) => {
    e.preventDefault();
    guarded(async () => {
      const f = e.target;
      const pk = hexKey(f.pubkey.value);
      const opts = {};
      const read = kindsList(f.read.value);
      const write = kindsList(f.write.value);
      if (read) opts.read_kinds = read;
      if (write) opts.write_kinds = write;
      if (f.days.value) opts.expires_at = Math.floor(Date.now() / 1000) + Number(f.days.value) * 86400;
      await rpc('grantrole', [pk, 'service', opts]);
      say(`Granted ${short(pk)} as a service.`);
      f.reset();
      await refresh();
    });
  });
  $('create-invite').addEventListener('submit', (e) => {
    e.preventDefault();
    guarded(async () => {
      const f = e.target;
      const inv = await rpc('createinvite', [f.role.value, Number(f.days.value) * 86400]);
      $('new-invite').textContent = `New invite code: ${inv.code} (${inv.role}, until ${when(inv.expires_at)})`;
      $('new-invite').hidden = false;
      await loadInvites();
    });
  });
}

async function loadRelays() {
  const res = await fetch('/admin/api/relays');
  const relays = await res.json();
  const select = $('relay');
  for (const r of relays) {
    const o = document.createElement('option');
    o.value = r.path;
    o.textContent = `${r.name} (/${r.path})`;
    select.appendChild(o);
  }
  const wanted = new URLSearchParams(location.search).get('relay');
  if (wanted) select.value = wanted;
}

wire();
loadRelays().catch((err) => refuse('Cannot list the relays: ' + err.message));
