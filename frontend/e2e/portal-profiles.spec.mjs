// End-to-end test of portal profiles (issue 5) against the real kizuna binary
// in Debian's Chromium: an alumnus answers the welcome survey, fills the
// profile and keeps the company for HR only; another alumnus finds them in
// the directory, sees the role and not the company, and a search on the
// hidden company finds nobody. HR sees the hidden company on the alumnus
// page. Screenshots at desktop and phone sizes.
//
//   KIZUNA_BIN=/path/to/kizuna node --test e2e/portal-profiles.spec.mjs

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as harness from './harness.mjs';

const { desktop, phone, shot, startKizuna } = harness;
const owner = 'owner@example.jp';
let k;

/** Logs the member with this address in to the portal through the real one-time-code login. */
async function memberLogin(page, email) {
  await k.portalLogin(page, email);
}

describe('portal profiles', () => {
  let a, b; // two demo alumni who have not joined the portal yet
  before(async () => {
    k = await startKizuna({ users: [[owner, 'owner']] });
    [a, b] = k.newMembers(2);
  });
  after(async () => {
    await k?.stop();
    assert.deepEqual(k?.pageErrors ?? [], []);
  });

  test('survey, a hidden field, and what another member sees', async () => {
    const page = await k.newPage(desktop);
    await memberLogin(page, a.email);
    await page.goto(`${k.base}/portal/profile`);
    const survey = page.getByTestId('welcome-survey');
    await survey.getByLabel('入社年（西暦）').fill('2014');
    await survey.getByLabel('現在の業界').fill('IT');
    await survey.getByLabel('アルムナイとの交流').check();
    await survey.getByLabel('カジュアル面談').check();
    await shot(page, 'portal-survey-desktop');
    await survey.getByRole('button', { name: '回答する' }).click();

    await page.getByRole('heading', { name: 'マイプロフィール' }).waitFor();
    await page.getByRole('textbox', { name: '現在の会社', exact: true }).fill('ひみつ商事株式会社');
    await page.getByRole('textbox', { name: '役職・役割', exact: true }).fill('営業部長');
    await page.getByTestId('visibility-company').getByText('人事のみ').click();
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByRole('status').getByText('保存しました').waitFor();
    await shot(page, 'portal-profile-desktop');

    const other = await k.newPage(phone);
    await memberLogin(other, b.email);
    await other.goto(`${k.base}/portal/profile`);
    await other.getByRole('button', { name: 'スキップ' }).click();
    await other.getByRole('heading', { name: 'マイプロフィール' }).waitFor();
    await shot(other, 'portal-profile-phone');
    await other.goto(`${k.base}/portal/directory`);
    await other.getByLabel('名前・会社・スキルなどで検索').fill(a.name.split(' ')[0]);
    const card = other.getByTestId('member-card').filter({ hasText: a.name });
    await card.getByText('営業部長').waitFor();
    assert.equal(await card.getByText('ひみつ商事').count(), 0, 'the hidden company is shown');
    await shot(other, 'portal-directory-phone');
    await other.getByLabel('名前・会社・スキルなどで検索').fill('ひみつ商事');
    await other.getByText('該当するメンバーはいません').waitFor();

    const wide = await k.newPage(desktop);
    await memberLogin(wide, b.email);
    await wide.goto(`${k.base}/portal/directory`);
    await wide.getByTestId('member-card').first().waitFor();
    await shot(wide, 'portal-directory-desktop');

    const hr = await k.newPage(desktop);
    await k.login(hr, owner);
    const id = k.sql(`SELECT id FROM alumni WHERE email = '${a.email}'`);
    await hr.goto(`${k.base}/console/alumni/${id}`);
    const panel = hr.getByTestId('portal-profile-panel');
    await panel.getByText('ひみつ商事株式会社').waitFor();
    await panel.getByText('カジュアル面談', { exact: true }).first().waitFor();
    await panel.scrollIntoViewIfNeeded();
    await shot(hr, 'console-portal-profile-desktop', { fullPage: true });
  });
});
