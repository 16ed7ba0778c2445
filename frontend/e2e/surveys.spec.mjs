// End-to-end test of the alumni-surveys plugin against the real kizuna binary
// and the real bundle (make plugins' bundler): HR installs it through the
// console, builds a survey from a template with the visual builder (clicks, no
// JSON), previews it and sends it to a segment; the invitation lands in the
// built-in catcher; the personal link, opened logged out, goes through the
// portal login and back to the survey, answered on a phone with bad inputs
// first; a second alumnus answers from the portal banner, which then goes;
// HR checks the results page and the CSV (UTF-8 with BOM).
//
//   KIZUNA_BIN=$PWD/../bin/kizuna CHROMIUM=/usr/bin/chromium node --test e2e/surveys.spec.mjs

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as harness from './harness.mjs';

const { frontendDir, phone, shot, startKizuna } = harness;
const repo = path.resolve(frontendDir, '..');
const hr = 'hr@example.jp';
const plugin = 'jp.kizuna.surveys';

let k, token, bundle;

async function api(method, url, body) {
  const res = await fetch(`${k.base}${url}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text.startsWith('{') ? JSON.parse(text) : text };
}

// Logs in on the portal login page that page shows, with the code from the mail catcher.
async function codeLogin(page, email) {
  const newest = (await k.hrGet(`/api/mail/caught?q=${encodeURIComponent(email)}&limit=50`)).items.reduce((m, x) => Math.max(m, x.id), 0);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByRole('button', { name: 'コードを送る' }).click();
  await page.getByText('メールを確認してください').waitFor();
  await page.getByLabel('ログインコード（6桁）').fill(await k.caughtLoginCode(email, newest));
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
}

describe('alumni surveys in a real browser', () => {
  before(async () => {
    bundle = execFileSync('go', ['run', 'github.com/kizuna-hr/kizuna/sdk/cmd/kizuna-plugin', 'bundle', '-o', path.join(repo, 'dist', 'plugins'), 'plugins/surveys'], {
      cwd: repo,
      encoding: 'utf8',
    }).trim();
    k = await startKizuna({ demo: false, users: [[hr, 'owner']] });
    token = execFileSync(harness.bin, ['token', 'create', '--name', 'e2e', '--role', 'owner', '--data', k.dataDir], { encoding: 'utf8' }).trim().split('\n').at(-1).trim();
  });
  after(async () => k?.stop());

  test('build, send, answer on a phone, read the results and the CSV', async () => {
    // Alumni (three in 営業部, two opted in), sender identity, a segment.
    const ids = [];
    for (const [i, name] of ['佐藤 花子', '鈴木 一郎', '高橋 健二'].entries()) {
      const r = await api('POST', '/api/alumni', { company_id: 1, name, email: `sales${i}@example.jp`, department: '営業部', job_type: '営業', join_date: '2012-04-01' });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      ids.push(r.json.id);
      assert.ok([200, 201, 204].includes((await api('POST', `/api/alumni/${r.json.id}/portal`)).status), 'HR admits them to the portal');
      if (i < 2) assert.ok([200, 201].includes((await api('POST', `/api/alumni/${r.json.id}/consent`, { method: 'web', text_agreed: 'お知らせメールの受信に同意します', granted_at: new Date().toISOString() })).status));
    }
    assert.equal((await api('PUT', '/api/mail/settings', { identity: { name: '株式会社きずな商事 人事部', from_address: 'alumni@kizuna.example.jp', postal_address: '東京都千代田区丸の内1-1-1', contact: '03-1234-5678' } })).status, 200);
    const seg = await api('POST', '/api/segments', { name: '営業部 退職者', filter: { departments: ['営業部'] } });
    assert.equal(seg.status, 201);

    // HR installs the bundle through the console and enables it with every grant.
    const page = await k.newPage();
    await k.login(page, hr);
    await page.getByRole('link', { name: 'プラグイン' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'インストール（.tar.gz）' }).click();
    await (await chooser).setFiles({ name: path.basename(bundle), mimeType: 'application/gzip', buffer: readFileSync(bundle) });
    const drawer = page.getByRole('dialog');
    await drawer.getByText(plugin).waitFor();
    await drawer.getByRole('button', { name: '有効にする' }).click();
    await page.getByText('有効にしました').waitFor();

    // The builder: from the pulse template, HR adds questions by clicking (no JSON), tries a bad edit, previews, sends.
    await page.goto(`${k.base}/console/p/${plugin}/`);
    const f = page.frameLocator('iframe');
    await f.getByRole('combobox').selectOption('pulse');
    await f.getByRole('button', { name: '作成 / Create' }).click();
    await f.locator('#sv-builder [data-question=nps]').waitFor();
    await f.getByLabel('追加する質問の種類 / Type to add').selectOption('single');
    await f.getByRole('button', { name: '質問を追加 / Add question' }).click();
    const q1 = f.locator('[data-question=q1]');
    await q1.getByLabel('質問文（日本語）').fill('現在の働き方を教えてください。');
    await q1.getByLabel('Question (English)').fill('How do you work now?');
    await q1.getByLabel('選択肢（日本語）').nth(0).fill('会社員');
    await q1.getByLabel('選択肢（日本語）').nth(1).fill('起業・経営');
    await q1.getByRole('button', { name: '選択肢を追加 / Add option' }).click();
    await q1.getByLabel('選択肢（日本語）').nth(2).fill('フリーランス');
    await q1.getByLabel('「その他」（自由入力）を付ける / Add "other" with text').check();
    await f.getByLabel('追加する質問の種類 / Type to add').selectOption('text');
    await f.getByRole('button', { name: '質問を追加 / Add question' }).click();
    const q2 = f.locator('[data-question=q2]');
    await q2.getByLabel('質問文（日本語）').fill('事業の内容を教えてください。');
    await q2.getByLabel('分岐の条件の質問 / Show only if question').selectOption('q1');
    await q2.getByLabel('分岐の条件の選択肢 / Show only if option').selectOption({ label: '起業・経営' });
    // Reorder: moved above the question it depends on, the branch is flagged; moved back, it is fine.
    await q2.getByRole('button', { name: '質問を上へ / Move up' }).click();
    await q2.getByText('前の選択式の質問ではありません').waitFor();
    await q2.getByRole('button', { name: '質問を下へ / Move down' }).click();
    assert.equal(await q2.getByText('前の選択式の質問ではありません').count(), 0);
    // Duplicate, then delete the copy.
    await q2.getByRole('button', { name: '質問を複製 / Duplicate' }).click();
    await f.locator('[data-question=q3]').getByRole('button', { name: '質問を削除 / Delete' }).click();
    assert.equal(await f.locator('[data-question=q3]').count(), 0);
    // A question without a label is refused with a reason; the builder keeps the work.
    await q1.getByLabel('質問文（日本語）').fill('');
    await f.locator('select[name=segment_id]').selectOption({ label: '営業部 退職者' });
    await f.getByRole('button', { name: '保存 / Save', exact: true }).click();
    await f.getByText('質問文（日本語）を入力してください: q1').waitFor();
    await q1.getByLabel('質問文（日本語）').fill('現在の働き方を教えてください。');
    await q1.scrollIntoViewIfNeeded();
    await shot(page, 'surveys-builder-console', { fullPage: false });
    await f.getByRole('button', { name: '保存してプレビュー / Save and preview' }).click();
    // The preview is the alumnus's form: the branched question shows only for 起業・経営.
    await f.getByTestId('preview').waitFor();
    assert.equal(await f.getByRole('button', { name: '回答を送信 / Submit' }).count(), 0, 'nothing to submit in the preview');
    await f.locator('#q-q2').waitFor({ state: 'hidden' });
    await f.getByLabel('起業・経営').check();
    await f.locator('#q-q2').waitFor({ state: 'visible' });
    await shot(page, 'surveys-preview-console');
    await f.getByRole('link', { name: '編集に戻る' }).click();
    await f.getByRole('button', { name: '招待メールを送信 / Send invitations' }).click();
    await f.getByText('2名に招待メールを送信しました').waitFor();

    // The invitation in the catcher: personal link and List-Unsubscribe.
    let caught = [];
    for (let i = 0; i < 100 && caught.length < 2; i++) {
      caught = (await api('GET', '/api/mail/caught')).json.items ?? [];
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(caught.length, 2, 'only the two opted-in alumni are invited');
    const mine = caught.find((c) => JSON.stringify(c.to).includes('sales0@example.jp'));
    const raw = (await api('GET', `/api/mail/caught/${mine.id}/raw`)).json;
    assert.match(raw, /List-Unsubscribe:/);
    // The parts are base64 (app/mail/compose.go): decode each to find the link.
    const decoded = raw
      .split(/\r?\n\r?\n/)
      .map((chunk) => (/^[A-Za-z0-9+/=\r\n]+$/.test(chunk.split(/\r?\n--/)[0]) ? Buffer.from(chunk.split(/\r?\n--/)[0], 'base64').toString('utf8') : chunk))
      .join('\n');
    const link = decoded.match(/\/plugins\/jp\.kizuna\.surveys\/s\/\d+\?t=[0-9a-f]{32}/)?.[0];
    assert.ok(link, 'a personal link in the invitation');

    // Logged out, the personal link leads to the portal login and, after it, back to the survey in the portal.
    const alumnus = await k.newPage(phone);
    await alumnus.goto(`${k.base}${link}`);
    await alumnus.waitForURL((u) => u.pathname === '/portal/login' && u.searchParams.get('next')?.startsWith(`/portal/p/${plugin}/s/`));
    await alumnus.getByTestId('login-next').waitFor();
    await codeLogin(alumnus, 'sales0@example.jp');
    await alumnus.waitForURL((u) => u.pathname.startsWith(`/portal/p/${plugin}/s/`) && u.searchParams.has('t'));
    // The one-click link in the same login mail leads back to the survey too.
    const loginMail = await k.hrGet(`/api/mail/caught/${(await k.caughtMail('sales0@example.jp', /ログインコード/)).id}`);
    assert.match(loginMail.html, new RegExp(`/portal/login/verify\\?token=[^"]+&amp;next=%2Fportal%2Fp%2F${plugin.replaceAll('.', '\\.')}%2Fs%2F`));
    // On the phone: a required answer missing first, then a real answer (with the branch), then again.
    const af = alumnus.frameLocator('iframe');
    await af.getByText('この調査は匿名です').or(af.getByText('この調査は記名式です')).waitFor();
    await af.getByRole('button', { name: '回答を送信 / Submit' }).click();
    await af.getByText('必須の質問です。回答してください。').first().waitFor();
    await shot(alumnus, 'surveys-form-phone-error');
    await af.getByLabel('9', { exact: true }).check();
    await af.getByLabel('起業・経営').check();
    await af.locator('textarea[name="q.q2"]').fill('地域の人材紹介をしています');
    await af.getByRole('button', { name: '回答を送信 / Submit' }).click();
    await af.getByText('ご回答ありがとうございました。').waitFor();
    await alumnus.goto(`${k.base}${link}`);
    await alumnus.getByText('このアンケートには回答済みです。').waitFor();
    await shot(alumnus, 'surveys-thanks-phone');

    // Another invited alumnus sees the banner at the top of the portal, answers from it, and the banner is gone.
    // (Logging in from a crafted link whose next is another site lands on the portal, not there.)
    const other = await k.newPage(phone);
    await other.goto(`${k.base}/portal/login?next=${encodeURIComponent('//evil.example/portal/')}`);
    assert.equal(await other.getByTestId('login-next').count(), 0);
    await codeLogin(other, 'sales1@example.jp');
    await other.waitForURL((u) => u.origin === k.base && u.pathname === '/portal/');
    await other.getByTestId('plugin-banner').getByText('パルスサーベイ').waitFor();
    await shot(other, 'surveys-banner-phone');
    await other.getByTestId('plugin-banner').getByRole('link', { name: '開く' }).click();
    const of = other.frameLocator('iframe');
    await of.getByLabel('10', { exact: true }).check();
    await of.getByRole('button', { name: '回答を送信 / Submit' }).click();
    await of.getByText('ご回答ありがとうございました。').waitFor();
    const banners = other.waitForResponse((r) => r.url().endsWith('/api/portal/plugins/banners'));
    await other.goto(`${k.base}/portal/`);
    assert.deepEqual((await (await banners).json()).banners, [], 'no banner once answered');
    await other.getByTestId('member-menu').waitFor();
    assert.equal(await other.getByTestId('plugin-banner').count(), 0);

    // HR: results (1 of 2, NPS promoter) and the CSV.
    await page.goto(`${k.base}/console/p/${plugin}/`);
    await f.getByRole('link', { name: '結果' }).first().click();
    await f.getByText('2 / 2（100.0%）').waitFor();
    await f.getByText(/推奨者 2/).waitFor();
    await shot(page, 'surveys-results-console');
    const href = await f.getByRole('link', { name: 'CSV（Excel用）をダウンロード' }).getAttribute('href');
    const surveyPath = link.match(/\/s\/(\d+)/)[1];
    const csv = await fetch(`${k.base}/plugins/${plugin}/surveys/${surveyPath}/${href}`, { headers: { Authorization: `Bearer ${token}` } });
    const bytes = new Uint8Array(await csv.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for Excel');
    assert.match(new TextDecoder().decode(bytes), /回答ID/);
    assert.deepEqual(k.pageErrors, []);
  });
});
