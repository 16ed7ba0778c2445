// End-to-end test of personal invitations (issue 5, "leaving well") against
// the real kizuna binary in Debian's Chromium: HR invites an alumnus from
// their page on the console, the mail arrives in the built-in catcher, the
// alumnus opens the link in a fresh browser at phone size, joins with one
// button and is in the portal; the same link a second time gets a clear
// message; the exit leaflet downloads as a PDF; the console's invitations
// tab lists the invitation as joined. Screenshots at desktop and phone sizes.
//
//   KIZUNA_BIN=/path/to/kizuna node --test e2e/portal-invite.spec.mjs

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desktop, phone, shot, startKizuna } from './harness.mjs';

const hr = 'hr@example.jp';
let k;
let invitee; // a demo alumnus with an address who is not a member
let leafletPerson; // another, for the leaflet
let link;

// The newest invitation mail to email: its link, with the personal message.
async function caughtInvitation(email) {
  const { html, link } = await k.caughtInvitation(email);
  assert.match(html, /お疲れさまでした/, 'the personal message is in the mail');
  return link;
}

describe('portal invitations', () => {
  before(async () => {
    k = await startKizuna({ users: [[hr, 'hr_admin']] });
    const { items } = await k.hrGet('/api/alumni?limit=50');
    // kizuna demo makes members of the alumni with an address, but for every fifth id;
    // its invitations leave the first three of those alone (the first is portal-access's outsider).
    const outsiders = items.filter((a) => a.email && a.id % 5 === 0);
    [, invitee, leafletPerson] = outsiders;
    assert.ok(invitee && leafletPerson, 'demo alumni who are not members');
  });
  after(async () => {
    await k?.stop();
    assert.deepEqual(k?.pageErrors ?? [], []);
  });

  test('HR invites an alumnus from their page; the mail arrives', async () => {
    const page = await k.newPage(desktop);
    await k.login(page, hr);
    await page.goto(`${k.base}/console/alumni/${invitee.id}`);
    const panel = page.getByTestId('invitation-panel');
    await panel.getByText('未招待').waitFor();
    await page.getByTestId('invite-open').click();
    await page.getByTestId('invite-message').fill('**お疲れさまでした**。またお会いしましょう。');
    await shot(page, 'invite-form-desktop', { fullPage: false });
    await page.getByTestId('invite-send').click();
    await panel.getByText('送信済み').waitFor();
    await shot(page, 'invite-alumnus-desktop');
    link = await caughtInvitation(invitee.email);
    await page.context().close();
  });

  test('the alumnus opens the link on a phone, joins and is in the portal', async () => {
    const page = await k.newPage(phone);
    await page.goto(link);
    const card = page.getByTestId('invite-page');
    await card.getByText('きずな商事アルムナイネットワーク').waitFor();
    await card.getByText(`${invitee.name} 様`).waitFor();
    await card.locator('strong', { hasText: 'お疲れさまでした' }).waitFor(); // Markdown, rendered safe
    await shot(page, 'invite-page-phone');
    await page.getByTestId('invite-join').click();
    await page.getByTestId('member-menu').waitFor();
    assert.equal(new URL(page.url()).pathname, '/portal/');
    const me = await page.evaluate(async () => (await fetch('/api/portal/me')).json());
    assert.equal(me.alumnus.id, invitee.id);
    await shot(page, 'invite-joined-phone');
    await page.context().close();
  });

  test('the same link a second time says it was used', async () => {
    const page = await k.newPage(phone);
    await page.goto(link);
    await page.getByTestId('invite-failed').getByText('この招待リンクは使用済みです', { exact: false }).waitFor();
    await shot(page, 'invite-reused-phone');
    await page.goto(`${k.base}/portal/invite/garbage-token`);
    await page.getByTestId('invite-failed').getByText('この招待リンクは無効です', { exact: false }).waitFor();
    await page.context().close();
  });

  test('the exit leaflet downloads as a PDF; the tab lists the joined invitation', async () => {
    const page = await k.newPage(desktop);
    await k.login(page, hr);
    await page.goto(`${k.base}/console/alumni/${leafletPerson.id}`);
    await page.getByTestId('invite-open').click();
    const pdf = page.waitForResponse((r) => r.url().endsWith('/api/invitations/leaflets'));
    await page.getByTestId('invite-leaflet').click();
    const res = await pdf;
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'application/pdf');
    assert.match(res.headers()['content-disposition'] ?? '', /attachment; filename="invitation-leaflets\.pdf"/);
    // The page consumed the body; fetch the same leaflet as the page does and read it.
    const head = await page.evaluate(async (id) => {
      const r = await fetch('/api/invitations/leaflets', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ alumnus_ids: [id], message: 'ありがとうございました' }) });
      const b = new Uint8Array(await r.arrayBuffer());
      return { status: r.status, head: String.fromCharCode(...b.subarray(0, 5)), size: b.length };
    }, leafletPerson.id);
    assert.deepEqual([head.status, head.head], [200, '%PDF-']);
    assert.ok(head.size > 10_000, `a PDF with a font and a QR code: ${head.size} bytes`);
    await page.getByTestId('invitation-panel').getByText('未送信').waitFor();

    await page.goto(`${k.base}/console/members/invitations`);
    // Leavers in a window of leave dates who are not members yet.
    await page.getByLabel('退職日（から）').fill('1990-01-01');
    await page.getByLabel('退職日（まで）').fill('2030-12-31');
    await page.getByTestId('find-leavers').click();
    await page.getByTestId('invite-leavers').waitFor();
    assert.ok((await page.getByRole('checkbox', { name: leafletPerson.name, exact: true }).count()) >= 1);
    const list = page.getByTestId('invitation-list');
    await list.getByText(invitee.name).waitFor();
    await page.getByTestId('invitation-filter').getByText('参加済み').click();
    await list.getByText(invitee.name).waitFor();
    assert.equal(await list.getByText(leafletPerson.name).count(), 0, 'the filter hides other states');
    await shot(page, 'invite-tab-desktop');
    await page.setViewportSize(phone);
    await shot(page, 'invite-tab-phone');
    await page.context().close();
  });
});
