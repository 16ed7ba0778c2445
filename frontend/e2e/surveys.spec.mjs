// End-to-end test of the alumni-surveys plugin against the real kizuna binary
// and the real bundle (make plugins' bundler): HR installs it through the
// console, builds a survey from a template in the plugin page, sends it to a
// segment; the invitation lands in the built-in catcher; an alumnus logs in to
// the portal (portalLogin from harness.mjs) and answers on a phone with bad
// inputs first; HR checks the results page and the CSV (UTF-8 with BOM).
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

    // The builder: from the pulse template, audience and anonymity, then send.
    await page.goto(`${k.base}/console/p/${plugin}/`);
    const f = page.frameLocator('iframe');
    await f.getByRole('combobox').selectOption('pulse');
    await f.getByRole('button', { name: '作成 / Create' }).click();
    await f.locator('select[name=segment_id]').selectOption({ label: '営業部 退職者' });
    await f.getByRole('button', { name: '保存 / Save' }).click();
    await f.getByText('プレビュー').waitFor();
    await shot(page, 'surveys-builder-console');
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

    // The alumnus answers on a phone: out of range first, then a real answer, then again.
    const alumnus = await k.newPage(phone);
    await k.portalLogin(alumnus, 'sales0@example.jp');
    await alumnus.goto(`${k.base}${link}`);
    await alumnus.getByText('この調査は匿名です').waitFor().catch(() => alumnus.getByText('この調査は記名式です').waitFor());
    await alumnus.getByRole('button', { name: '回答を送信 / Submit' }).click();
    await alumnus.getByText('必須の質問です。回答してください。').first().waitFor();
    await shot(alumnus, 'surveys-form-phone-error');
    await alumnus.getByLabel('9', { exact: true }).check();
    await alumnus.getByRole('button', { name: '回答を送信 / Submit' }).click();
    await alumnus.getByText('ご回答ありがとうございました。').waitFor();
    await alumnus.goto(`${k.base}${link}`);
    await alumnus.getByText('このアンケートには回答済みです。').waitFor();
    await shot(alumnus, 'surveys-thanks-phone');

    // HR: results (1 of 2, NPS promoter) and the CSV.
    await page.goto(`${k.base}/console/p/${plugin}/`);
    await f.getByRole('link', { name: '結果' }).first().click();
    await f.getByText('1 / 2（50.0%）').waitFor();
    await f.getByText(/推奨者 1/).waitFor();
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
