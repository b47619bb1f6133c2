// End-to-end test of relay-private's admin page in real headless Chromium (playwright-core),
// driven by relay-private's AdminPageTest. A NIP-07 shim injected into the page signs with a test
// key (the signing happens here, in Node, with nostr-tools). Writes are checked over a real
// websocket with NIP-42 AUTH. Screenshots go to <out-dir>.
// Usage: node admin-page.mjs <base-url> <owner-sk-hex> <member-sk-hex> <out-dir>
// Prints one JSON line of findings; exits 1 with a message on the first failed expectation.
import { chromium } from 'playwright-core';
import WebSocket from 'ws';
import { finalizeEvent, getPublicKey, generateSecretKey } from 'nostr-tools/pure';
import * as nip19 from 'nostr-tools/nip19';
import * as nip42 from 'nostr-tools/nip42';
import { hexToBytes } from 'nostr-tools/utils';
import { mkdirSync } from 'node:fs';

const [base, ownerHex, memberHex, outDir] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const findings = {};

function expect(cond, what) {
  if (!cond) {
    process.stderr.write(`admin-page: expectation failed: ${what}\n`);
    process.stdout.write(JSON.stringify({ failed: what, findings }) + '\n');
    process.exit(1);
  }
}

async function publishAs(sk, content) {
  const url = base.replace(/^http/, 'ws') + '/family';
  const ws = new WebSocket(url);
  const queue = [];
  let waiter = null;
  ws.on('message', (m) => {
    const msg = JSON.parse(m.toString());
    if (waiter) {
      const w = waiter;
      waiter = null;
      w(msg);
    } else {
      queue.push(msg);
    }
  });
  const next = () => (queue.length ? Promise.resolve(queue.shift()) : new Promise((r) => (waiter = r)));
  await new Promise((res, rej) => {
    ws.on('open', res);
    ws.on('error', rej);
  });
  const [, challenge] = await next();
  ws.send(JSON.stringify(['AUTH', finalizeEvent(nip42.makeAuthEvent(url, challenge), sk)]));
  const authOk = await next();
  const ev = finalizeEvent({ kind: 1, created_at: Math.floor(Date.now() / 1000), tags: [], content }, sk);
  ws.send(JSON.stringify(['EVENT', ev]));
  const ok = await next();
  ws.close();
  return { authAccepted: authOk[2], accepted: ok[2], message: ok[3] };
}

async function signedInPage(browser, skHex) {
  const context = await browser.newContext();
  const sk = hexToBytes(skHex);
  await context.exposeFunction('__hearthPubkey', () => getPublicKey(sk));
  await context.exposeFunction('__hearthSign', (event) => finalizeEvent(event, sk));
  await context.addInitScript(() => {
    window.nostr = {
      getPublicKey: () => window.__hearthPubkey(),
      signEvent: (event) => window.__hearthSign(event),
    };
  });
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  await page.goto(base + '/admin/?relay=family');
  await page.waitForSelector('#relay option[value="family"]', { state: 'attached' });
  return page;
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  // The owner signs in with the NIP-07 shim.
  const page = await signedInPage(browser, ownerHex);
  await page.screenshot({ path: `${outDir}/01-sign-in.png`, fullPage: true });
  await page.click('[data-testid=sign-in-nip07]');
  await page.waitForSelector('#members tr');
  findings.ownerSignedIn = await page.textContent('[data-testid=who]');
  await page.screenshot({ path: `${outDir}/02-signed-in.png`, fullPage: true });

  // A new key cannot write; the owner adds it; now it can.
  const newSk = generateSecretKey();
  const newPk = getPublicKey(newSk);
  findings.beforeAdd = await publishAs(newSk, 'before');
  expect(!findings.beforeAdd.accepted, 'a stranger could write before being added');
  await page.fill('[data-testid=add-pubkey]', nip19.npubEncode(newPk));
  await page.selectOption('[data-testid=add-role]', 'member');
  await page.click('[data-testid=add-submit]');
  await page.waitForSelector(`#members tr[data-pubkey="${newPk}"]`);
  await page.screenshot({ path: `${outDir}/03-member-added.png`, fullPage: true });
  findings.afterAdd = await publishAs(newSk, 'after being added');
  expect(findings.afterAdd.accepted, 'the added member could not write: ' + findings.afterAdd.message);

  // The owner removes it; it can no longer write.
  await page.click(`[data-testid="remove-${newPk}"]`);
  await page.waitForSelector(`#members tr[data-pubkey="${newPk}"]`, { state: 'detached' });
  findings.afterRemove = await publishAs(newSk, 'after removal');
  expect(!findings.afterRemove.accepted, 'the removed member could still write');
  findings.auditMentionsRemoval = await page
    .waitForFunction((pk) => document.getElementById('audit').textContent.includes('unallowpubkey ["' + pk), newPk, { timeout: 15000 })
    .then(() => true, () => false);
  expect(findings.auditMentionsRemoval, 'the audit log does not show the removal');
  await page.screenshot({ path: `${outDir}/04-member-removed.png`, fullPage: true });

  // A member who is not an admin sees a clear refusal and no admin controls.
  const memberPage = await signedInPage(browser, memberHex);
  await memberPage.click('[data-testid=sign-in-nip07]');
  await memberPage.waitForSelector('[data-testid=refusal]:not([hidden])');
  findings.refusal = await memberPage.textContent('[data-testid=refusal]');
  findings.memberSeesAdmin = await memberPage.isVisible('#admin');
  findings.memberSeesAccessLog = await memberPage.isVisible('#access-rows tr');
  await memberPage.screenshot({ path: `${outDir}/05-non-admin-refused.png`, fullPage: true });
  expect(findings.refusal.includes('not an owner or admin'), 'no clear refusal: ' + findings.refusal);
  expect(!findings.memberSeesAdmin, 'a non-admin sees the admin controls');
  expect(findings.memberSeesAccessLog, 'a member does not see who accessed the admin settings');

  // Without an extension: a pasted key signs in the page itself (vendored nostr-tools).
  const plain = await browser.newPage();
  await plain.goto(base + '/admin/?relay=family');
  await plain.waitForSelector('#relay option[value="family"]', { state: 'attached' });
  await plain.click('summary');
  await plain.fill('[data-testid=secret]', nip19.nsecEncode(hexToBytes(ownerHex)));
  await plain.click('[data-testid=sign-in-key]');
  await plain.waitForSelector('#members tr');
  findings.pastedKeySignedIn = await plain.textContent('[data-testid=who]');
  findings.secretFieldCleared = (await plain.inputValue('[data-testid=secret]')) === '';
  await plain.screenshot({ path: `${outDir}/06-pasted-key.png`, fullPage: true });
  expect(findings.secretFieldCleared, 'the pasted key stayed in the field');
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify({ ok: true, findings }) + '\n');
