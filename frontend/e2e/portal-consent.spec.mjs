// End-to-end test of consent, my settings, data download and deletion
// (issue 5) against the real kizuna binary in Debian's Chromium, at phone
// size: a new member's first login shows the purpose of use → accept with
// the promotional opt-in → the welcome survey; My settings downloads their
// data (the JSON has their name) and asks for deletion; HR completes the
// request in the console; the member's session ends and the record is gone.
//
//   KIZUNA_BIN=/path/to/kizuna node --test e2e/portal-consent.spec.mjs

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as harness from './harness.mjs';

const { desktop, phone, shot, startKizuna } = harness;
const owner = 'owner@example.jp';
const person = { name: '新井 ひかり', name_reading: 'アライ ヒカリ', email: 'hikari.arai@example.jp' };
let k;
let hr; // the owner's session cookie for API calls

async function api(method, path, body) {
  const res = await fetch(`${k.base}${path}`, {
    method,
    headers: { Cookie: hr, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

describe('consent, my settings and deletion', () => {
  let id;
  before(async () => {
    k = await startKizuna({ users: [[owner, 'owner']] });
    const res = await fetch(`${k.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: owner, password: k.passwords[owner] }),
    });
    assert.equal(res.status, 200);
    hr = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    // A new alumnus HR admits to the portal: their first visit is yet to come.
    const created = await api('POST', '/api/alumni', { company_id: 1, ...person });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    id = created.json.id;
    assert.equal((await api('POST', `/api/alumni/${id}/portal`)).status, 200);
  });
  after(async () => {
    await k?.stop();
    assert.deepEqual(k?.pageErrors ?? [], []);
  });

  test('first login: purpose of use, opt-in, welcome survey; settings: download, deletion; HR completes', async () => {
    const page = await k.newPage(phone);
    await k.portalLogin(page, person.email);

    // (1) the purpose of use, the opt-in unticked and apart.
    const gate = page.getByTestId('purpose-gate');
    await gate.waitFor();
    assert.match(await gate.getByTestId('purpose-text').innerText(), /次の目的で利用します/);
    const optIn = gate.getByRole('checkbox');
    assert.equal(await optIn.isChecked(), false);
    await shot(page, 'portal-consent-purpose-phone');
    await page.setViewportSize(desktop);
    await shot(page, 'portal-consent-purpose-desktop');
    await page.setViewportSize(phone);
    await optIn.check();
    await gate.getByRole('button', { name: '利用目的に同意して進む' }).click();

    // (2) the welcome survey, then the page.
    const survey = page.getByTestId('welcome-survey');
    await survey.waitFor();
    await shot(page, 'portal-consent-survey-phone');
    await survey.getByRole('button', { name: 'スキップ' }).click();
    await survey.waitFor({ state: 'detached' });

    const consent = await api('GET', `/api/alumni/${id}/consent`);
    assert.equal(consent.status, 200);
    assert.match(JSON.stringify(consent.json), /"method":"portal"/, 'the opt-in is in the ledger with how=portal');

    // My settings: the opt-in shows, the data downloads with their name.
    await page.goto(`${k.base}/portal/settings`);
    const mail = page.getByTestId('settings-mail').getByRole('switch');
    await mail.waitFor();
    assert.equal(await mail.isChecked(), true);
    await page.getByTestId('settings-purpose').getByText('第1版に').waitFor();
    await shot(page, 'portal-settings-phone');
    await page.setViewportSize(desktop);
    await shot(page, 'portal-settings-desktop');
    await page.setViewportSize(phone);
    const [exported] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/portal/privacy/export')),
      page.getByRole('button', { name: 'データをダウンロード' }).click(),
    ]);
    assert.equal(exported.status(), 200);
    const data = await exported.json();
    assert.equal(data.name, person.name);
    assert.equal(data.tables.alumni[0].email, person.email);
    assert.ok(data.tables.privacy_acceptances.length >= 1);

    // Ask for deletion, with a confirm step.
    const deletion = page.getByTestId('settings-deletion');
    await deletion.getByRole('button', { name: '削除を依頼する' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('元に戻せないことを理解しました').check();
    await dialog.getByRole('button', { name: '依頼する' }).click();
    await deletion.getByTestId('deletion-state').getByText('削除依頼を受け付けました', { exact: false }).waitFor();
    await shot(page, 'portal-settings-deletion-requested-phone');

    // HR completes it in the console.
    const console_ = await k.newPage(desktop);
    await k.login(console_, owner);
    await console_.goto(`${k.base}/console/members/deletions`);
    const row = console_.getByRole('row').filter({ hasText: person.name });
    await row.waitFor();
    await shot(console_, 'console-deletion-requests');
    await row.getByRole('button', { name: '削除を実行' }).click();
    const confirm = console_.getByRole('dialog');
    await confirm.getByLabel('元に戻せないことを理解しました').check();
    await confirm.getByRole('button', { name: '削除を実行' }).click();
    await confirm.waitFor({ state: 'detached' });
    await console_.getByRole('row').filter({ hasText: '削除済み' }).first().waitFor();
    assert.equal(await console_.getByRole('row').filter({ hasText: person.name }).count(), 0, 'the name is gone from the list');
    await shot(console_, 'console-deletion-completed');

    // The record is gone and the member's session with it.
    assert.equal((await api('GET', `/api/alumni/${id}`)).status, 404);
    await page.reload();
    await page.getByRole('link', { name: 'ログイン' }).first().waitFor();
    assert.equal(await page.getByTestId('member-menu').count(), 0);
    const caught = await api('GET', `/api/mail/caught?q=${encodeURIComponent(person.email)}&limit=50`);
    assert.ok(caught.json.items.some((m) => m.subject.includes('個人データを削除しました')), 'the outcome is mailed');
  });

  test('HR publishes a new purpose of use in the console', async () => {
    const page = await k.newPage(desktop);
    await k.login(page, owner);
    await page.goto(`${k.base}/console/members/purpose`);
    const tab = page.getByTestId('purpose-tab');
    await tab.getByText('現在の版：第1版').waitFor();
    const ja = tab.getByLabel('本文（日本語）');
    await ja.fill('');
    await tab.getByRole('button', { name: '新しい版として公開' }).click();
    await tab.getByText('必須項目です', { exact: false }).waitFor();
    await ja.fill('第2版の利用目的です。');
    await tab.getByRole('button', { name: '新しい版として公開' }).click();
    await tab.getByText('現在の版：第2版').waitFor();
    await shot(page, 'console-purpose');
    const list = await api('GET', '/api/privacy/purpose');
    assert.equal(list.json.items[0].text_ja, '第2版の利用目的です。');
  });
});
