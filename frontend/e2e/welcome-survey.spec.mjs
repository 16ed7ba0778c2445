// End-to-end test of the HR-edited welcome survey (issue 5) against the real
// kizuna binary in Debian's Chromium: HR adds an interest in the console's
// members tab (a draft with an empty label is refused first) and publishes a
// new version; a new member sees and picks it at phone size; HR then keeps
// "industry" off profiles and another member's directory card and search no
// longer show it. Screenshots at desktop and phone sizes.
//
//   KIZUNA_BIN=/path/to/kizuna node --test e2e/welcome-survey.spec.mjs

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as harness from './harness.mjs';

const { desktop, phone, shot, startKizuna } = harness;
const owner = 'owner@example.jp';
let k;

describe('welcome survey edited by HR', () => {
  let a, b; // two demo alumni in the portal who have not answered the survey
  before(async () => {
    k = await startKizuna({ users: [[owner, 'owner']] });
    [a, b] = k.newMembers(2);
  });
  after(async () => {
    await k?.stop();
    assert.deepEqual(k?.pageErrors ?? [], []);
  });

  test('HR adds an option, a member picks it, HR hides industry from profiles', async () => {
    const before = Number(k.sql('SELECT max(version) FROM survey_versions'));
    const hr = await k.newPage(desktop);
    await k.login(hr, owner);
    await hr.goto(`${k.base}/console/members/welcome-survey`);
    const editor = hr.getByTestId('survey-editor');
    await editor.getByTestId('survey-version').getByText(`第${before}版`).waitFor();

    // A new choice with no labels is refused, with the reason beside it.
    await editor.getByTestId('add-interests').click();
    const rows = editor.getByTestId('options-interests').locator('[data-testid^="option-interests-"]');
    const row = rows.last();
    await row.getByLabel('キー').fill('book_club');
    await editor.getByTestId('publish-survey').click();
    await editor.getByText('日本語と英語の表示名を入力してください').waitFor();
    assert.equal(Number(k.sql('SELECT max(version) FROM survey_versions')), before, 'a draft with an empty label was published');

    await row.getByLabel('日本語').fill('読書会');
    await row.getByLabel('英語').fill('Book club');
    await editor.getByTestId('survey-preview').getByLabel('読書会').waitFor();

    // An extra short-text question, for HR only.
    await editor.getByTestId('add-question').click();
    const q = editor.getByTestId('survey-questions').locator('[data-testid^="question-"]').last();
    await q.getByLabel('キー').first().fill('hometown');
    await q.getByLabel('種類').click();
    await hr.getByRole('option', { name: '短い文章' }).click();
    await q.getByLabel('質問文（日本語）').fill('出身地');
    await q.getByLabel('質問文 (英語)').fill('Hometown');
    await editor.getByTestId('survey-preview').getByLabel('出身地').waitFor();
    await shot(hr, 'console-welcome-survey-desktop');
    await editor.getByTestId('publish-survey').click();
    await hr.getByText(`第${before + 1}版を公開しました`).waitFor();
    await editor.getByTestId('survey-version').getByText(`第${before + 1}版`).waitFor();

    // A new member sees the new choice at phone size and picks it.
    const m = await k.newPage(phone);
    await k.portalLogin(m, a.email);
    await m.goto(`${k.base}/portal/profile`);
    const survey = m.getByTestId('welcome-survey');
    await survey.getByLabel('現在の業界').fill('精密機器');
    await survey.getByLabel('読書会').check();
    await survey.getByLabel('出身地').fill('札幌');
    await shot(m, 'portal-welcome-survey-phone');
    await survey.getByRole('button', { name: '回答する' }).click();
    await m.getByRole('heading', { name: 'マイプロフィール' }).waitFor();
    assert.equal(k.sql(`SELECT version || ' ' || json_extract(answers, '$.extra.hometown[0]') FROM survey_answers WHERE alumnus_id = (SELECT id FROM alumni WHERE email = '${a.email}')`),
      `${before + 1} 札幌`);

    // Another member finds them with the industry on the card.
    const other = await k.newPage(phone);
    await k.portalLogin(other, b.email);
    await other.goto(`${k.base}/portal/profile`);
    await other.getByRole('button', { name: 'スキップ' }).click();
    await other.getByRole('heading', { name: 'マイプロフィール' }).waitFor();
    await other.goto(`${k.base}/portal/directory`);
    const search = other.getByLabel('名前・会社・スキルなどで検索');
    await search.fill('精密機器');
    const card = other.getByTestId('member-card').filter({ hasText: a.name });
    await card.getByText('精密機器').waitFor();

    // HR keeps industry for HR only: the card and the search drop it.
    await hr.reload();
    const policy = hr.getByTestId('policy-industry');
    await policy.getByText('人事のみ').click();
    await hr.getByText('表示設定を保存しました').waitFor();
    const summary = hr.getByTestId('survey-summary');
    await summary.getByTestId('count-book_club').getByText('1人').waitFor();
    await summary.scrollIntoViewIfNeeded();
    await shot(hr, 'console-welcome-survey-after-desktop');

    await other.reload();
    await other.getByLabel('名前・会社・スキルなどで検索').fill('精密機器');
    await other.getByText('該当するメンバーはいません').waitFor();
    await other.getByLabel('名前・会社・スキルなどで検索').fill(a.name.split(' ')[0]);
    const again = other.getByTestId('member-card').filter({ hasText: a.name });
    await again.first().waitFor();
    assert.equal(await again.getByText('精密機器').count(), 0, 'the card still shows the industry HR hid');
    await shot(other, 'portal-directory-industry-hidden-phone');

    // "Open to rehire" links to the alumni list filtered by that answer.
    const rehire = Number(k.sql(`SELECT count(*) FROM alumni, json_each(alumni.interests) j WHERE j.value = 'カムバック・再入社'`));
    assert.ok(rehire > 0 && rehire < Number(k.sql('SELECT count(*) FROM alumni')), `alumni open to rehire: ${rehire}`);
    await summary.getByTestId('count-rehire').getByRole('link', { name: '名簿で見る' }).click();
    await hr.waitForURL(/\/console\/alumni\?interest=/);
    await hr.getByText(`${rehire} 件`).first().waitFor();
    await shot(hr, 'console-alumni-open-to-rehire-desktop');

    // HR reads the extra answer on the alumnus's page.
    await hr.goto(`${k.base}/console/alumni/${k.sql(`SELECT id FROM alumni WHERE email = '${a.email}'`)}`);
    await hr.getByTestId('survey-extra-answers').getByText('札幌').waitFor();

    // The member's own profile says why industry is not shown.
    await m.reload();
    await m.getByTestId('hr-hidden-industry').waitFor();

    // They may update their answers from the profile, starting from what they said.
    await m.getByTestId('survey-update').click();
    const update = m.getByRole('dialog').getByTestId('welcome-survey');
    assert.ok(await update.getByLabel('読書会').isChecked(), 'the earlier answer is not shown');
    assert.equal(await update.getByLabel('出身地').inputValue(), '札幌');
    await update.getByLabel('出身地').fill('函館');
    await shot(m, 'portal-survey-update-phone', { fullPage: false });
    await update.getByRole('button', { name: '回答する' }).click();
    await m.getByRole('dialog').waitFor({ state: 'detached' });
    assert.equal(k.sql(`SELECT json_extract(answers, '$.extra.hometown[0]') FROM survey_answers WHERE alumnus_id = (SELECT id FROM alumni WHERE email = '${a.email}')`), '函館');
  });
});
