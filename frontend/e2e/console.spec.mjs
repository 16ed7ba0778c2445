// End-to-end test of the HR console against the real kizuna binary in Debian's
// Chromium: login, Shift_JIS import with a bad row, search, edit, validation,
// add and delete, dates as YYYY/MM/DD, what a viewer and an HR staff member
// may see, HR users with a one-time password, API tokens used from Node and
// revoked, export, restore confirmation, the portal's separate chunk, and
// screenshots at desktop and phone sizes.
//
//   KIZUNA_BIN=/path/to/kizuna npm run e2e    (default: ../bin/kizuna)
//
// The binary embeds frontend/dist, so build the frontend before the binary.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { desktop, phone, shot, startKizuna } from './harness.mjs';

const email = 'hr@example.jp';
const viewerEmail = 'viewer@example.jp';

// An HR export as Excel on Windows writes it: Shift_JIS (CP932), with a
// variant kanji (髙), ㈱, ①, half-width kana readings, slash dates, and one
// row whose email is broken (line 4; the header is line 1).
const csv = [
  '社員番号,氏名,フリガナ,メールアドレス,部署,入社日,退職日,現在の勤務先',
  'E2E-001,鰐淵 美咲,ﾜﾆﾌﾞﾁ ﾐｻｷ,misaki.wanibuchi@example.jp,営業部 第①課,2012/4/1,2020/3/31,㈱ミライ工業',
  'E2E-002,髙橋 一郎,ﾀｶﾊｼ ｲﾁﾛｳ,ichiro.takahashi@example.jp,開発部,2015/04/01,2022/06/30,株式会社ヒカリ',
  'E2E-003,山﨑 花子,ヤマザキ ハナコ,hanako.yamazaki@,人事部,2018/04/01,2021/09/30,',
  'E2E-004,鰐淵 健二,ﾜﾆﾌﾞﾁ ｹﾝｼﾞ,kenji.wanibuchi@example.jp,経理部,2010/04/01,2019/12/31,フリーランス',
].join('\r\n');
const csvFile = { name: '退職者一覧.csv', mimeType: 'text/csv', buffer: iconv.encode(csv + '\r\n', 'cp932') };

let k;
let base;
let password;
let viewerPassword;

const newPage = (viewport) => k.newPage(viewport);

async function login(page, pw = password, address = email) {
  await page.goto(`${base}/console/login`);
  await page.getByLabel('メールアドレス').fill(address);
  await page.locator('input[name=password]').fill(pw);
  await page.getByRole('button', { name: 'ログイン' }).click();
}

/** A text field of the record form, by its label (not the list's filters). */
function field(page, label) {
  return page.getByRole('textbox', { name: label, exact: true });
}

async function previewImport(page) {
  await page.goto(`${base}/console/import`);
  await page.locator('[data-testid=import-dropzone] input[type=file]').setInputFiles(csvFile);
  await page.getByText(csvFile.name).waitFor();
  await page.getByRole('button', { name: 'プレビュー（ドライラン）' }).click();
  await page.getByTestId('import-report').getByText('プレビュー結果').waitFor();
}

async function search(page, text) {
  const box = page.getByRole('searchbox', { name: /検索/ });
  await box.fill(text);
  await page.waitForURL((url) => url.searchParams.get('q') === text);
}

async function expectTotal(page, text) {
  await page.getByTestId('alumni-total').getByText(text, { exact: true }).waitFor();
}

describe('HR console in a real browser', () => {
  before(async () => {
    k = await startKizuna({ users: [[email, 'owner'], [viewerEmail, 'viewer']] });
    base = k.base;
    password = k.passwords[email];
    viewerPassword = k.passwords[viewerEmail];
  });

  after(async () => {
    await k?.stop();
  });

  test('a wrong password shows the API message in Japanese, and in English when switched', { timeout: 60_000 }, async () => {
    const page = await newPage(desktop);
    await login(page, 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.getByText('メールアドレスまたはパスワードが正しくありません').waitFor();
    assert.match(page.url(), /\/console\/login/);
    await shot(page, 'login-error-desktop');
    await page.getByText('English', { exact: true }).click();
    await alert.getByText(/wrong email or password/i).waitFor();
    await page.getByText('日本語', { exact: true }).click();
    await page.context().close();
  });

  test('import, search, open, edit, validation', { timeout: 60_000 }, async () => {
    const page = await newPage(desktop);

    // Not logged in: the console sends us to the login page first.
    await page.goto(`${base}/console/alumni`);
    await page.waitForURL(/\/console\/login\?next=/);
    await shot(page, 'login-desktop');
    await page.getByLabel('メールアドレス').fill(email);
    await page.locator('input[name=password]').fill(password);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.waitForURL(/\/console\/alumni$/);
    await expectTotal(page, '1,000 件');
    await page.getByTestId('current-user').filter({ visible: true }).getByText(email).waitFor();
    await shot(page, 'list-desktop');

    // Preview: Shift_JIS detected, the bad row reported with its line number.
    await previewImport(page);
    const report = page.getByTestId('import-report');
    await report.getByText('文字コード: SHIFT_JIS').waitFor();
    const badRow = page.getByTestId('import-errors').getByRole('row').filter({ hasText: 'hanako.yamazaki@' });
    await badRow.waitFor();
    assert.equal((await badRow.getByRole('cell').first().textContent()).trim(), '4');
    await shot(page, 'import-preview-desktop');

    // Import, skipping the bad row.
    await page.getByLabel('エラー行をスキップして取り込む').check();
    await page.getByRole('button', { name: '取り込む', exact: true }).click();
    await report.getByText('取り込み結果').waitFor();
    await report.getByText('3 件を新規登録、0 件を更新しました').waitFor();
    await shot(page, 'import-done-desktop');

    // Search as you type: a two-character surname, then a hiragana reading.
    await page.getByRole('link', { name: 'アルムナイ', exact: true }).click();
    await search(page, '鰐淵');
    await expectTotal(page, '2 件');
    await search(page, 'わにぶち みさき');
    await expectTotal(page, '1 件');
    await search(page, '髙橋 いちろう');
    await expectTotal(page, '1 件');
    await page.getByRole('row').filter({ hasText: '髙橋 一郎' }).getByText('タカハシ イチロウ').waitFor();
    await shot(page, 'search-desktop');

    // Open the row; the half-width reading was stored as katakana.
    await page.getByRole('row').filter({ hasText: '髙橋 一郎' }).click();
    await page.waitForURL(/\/console\/alumni\/\d+$/);
    await page.getByRole('heading', { name: '髙橋 一郎' }).waitFor();
    const detailUrl = page.url();
    await field(page, '部署').waitFor();
    assert.equal(await field(page, 'フリガナ').inputValue(), 'タカハシ イチロウ');
    await page.getByText('人事のみ').first().waitFor();

    // Edit the department, save, reload: the change stays.
    await field(page, '部署').fill('開発部 第①グループ');
    await page.getByRole('button', { name: '保存' }).first().click();
    await page.getByText('保存しました').waitFor();
    await page.reload();
    assert.equal(page.url(), detailUrl);
    assert.equal(await field(page, '部署').inputValue(), '開発部 第①グループ');
    // Dates read YYYY/MM/DD whatever the OS locale.
    assert.equal(await field(page, '入社日').inputValue(), '2015/04/01');
    assert.equal(await field(page, '退職日').inputValue(), '2022/06/30');
    await shot(page, 'detail-desktop');

    // A bad email: the server's reason shows under the field.
    const emailField = field(page, 'メールアドレス');
    await emailField.fill('ichiro@');
    await page.getByRole('button', { name: '保存' }).first().click();
    await page.getByText('メールアドレスの形式が正しくありません').waitFor();
    assert.equal(await emailField.getAttribute('aria-invalid'), 'true');
    const described = await emailField.evaluate((input) =>
      (input.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    assert.match(described, /メールアドレスの形式が正しくありません/, 'the error is tied to the email field');
    await shot(page, 'detail-invalid-desktop');
    await page.reload();
    assert.equal(await emailField.inputValue(), 'ichiro.takahashi@example.jp');

    await page.goto(`${base}/console/audit`);
    await page.getByRole('cell', { name: /hr@example\.jp/ }).first().waitFor();
    await shot(page, 'audit-desktop');
    await page.goto(`${base}/console/data`);
    const sjisLink = page.getByRole('link', { name: 'CSV（Shift_JIS）' });
    const exported = await page.request.get(new URL(await sjisLink.getAttribute('href'), base).href);
    assert.equal(exported.status(), 200);
    assert.match(exported.headers()['content-disposition'] ?? '', /attachment/);
    assert.match(iconv.decode(await exported.body(), 'cp932'), /髙橋 一郎.*開発部 第①グループ/);
    await shot(page, 'data-desktop');

    await page.goto(`${base}/portal/`);
    await page.getByRole('heading', { name: /アルムナイネットワーク/ }).waitFor();
    await shot(page, 'portal-desktop');
    await page.context().close();
  });

  test('add an alumnus, then delete them after confirming', { timeout: 30_000 }, async () => {
    const page = await newPage(desktop);
    await login(page);
    await page.getByRole('link', { name: '新規登録' }).click();
    await page.getByRole('heading', { name: 'アルムナイを新規登録' }).waitFor();
    await field(page, '氏名').fill('');
    await page.getByRole('button', { name: '保存' }).first().click();
    await page.getByText('必須項目です').waitFor();
    await field(page, '氏名').fill('鶴見 ①花');
    await field(page, 'フリガナ').fill('つるみ いちか');
    // A date typed the short way is kept as YYYY-MM-DD and shown as YYYY/MM/DD.
    await field(page, '入社日').fill('2019/4/1');
    await page.getByText('2019年4月', { exact: true }).waitFor(); // the calendar follows
    await shot(page, 'date-picker-desktop', { fullPage: false });
    await field(page, '入社日').press('Escape');
    await page.getByRole('button', { name: '保存' }).first().click();
    await page.getByText('登録しました').waitFor();
    await page.getByRole('heading', { name: '鶴見 ①花' }).waitFor();
    assert.match(page.url(), /\/console\/alumni\/\d+$/);
    assert.equal(await field(page, 'フリガナ').inputValue(), 'ツルミ イチカ');
    assert.equal(await field(page, '入社日').inputValue(), '2019/04/01');
    const saved = await page.request.get(`${base}/api/alumni/${page.url().split('/').at(-1)}`);
    assert.equal((await saved.json()).join_date, '2019-04-01');

    await page.getByRole('button', { name: '削除' }).click();
    const dialog = page.getByRole('dialog', { name: 'アルムナイの記録を削除' });
    await dialog.getByText('鶴見 ①花 さんの記録を削除します。').waitFor();
    await dialog.getByRole('button', { name: '削除' }).click();
    await page.getByText('削除しました').waitFor();
    await page.waitForURL(/\/console\/alumni$/);
    await search(page, '鶴見');
    await page.getByText('条件に一致するアルムナイはいません。').waitFor();
    await page.context().close();
  });

  test('a viewer sees neither HR-only fields nor sections they may not use', { timeout: 30_000 }, async () => {
    const page = await newPage(desktop);
    await login(page, viewerPassword, viewerEmail);
    await page.getByTestId('alumni-total').getByText(/件/).waitFor();
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: 'アルムナイ', exact: true }).waitFor();
    for (const hidden of ['インポート', 'エクスポート・バックアップ', '監査ログ']) {
      assert.equal(await nav.getByRole('link', { name: hidden }).count(), 0, `${hidden} is hidden`);
    }
    assert.equal(await page.getByRole('button', { name: '新規登録' }).count(), 0);
    await search(page, '鰐淵 美咲');
    await page.getByRole('row').filter({ hasText: '鰐淵 美咲' }).click();
    await page.getByText('閲覧のみです').waitFor();
    assert.equal(await page.getByText('人事のみ').count(), 0);
    assert.equal(await page.getByLabel('退職理由').count(), 0);
    assert.equal(await page.getByRole('button', { name: '保存' }).count(), 0);
    await page.goto(`${base}/console/import`);
    await page.getByText('この画面を表示する権限がありません。').waitFor();
    // Settings: the group companies to read, nothing to add or manage.
    await nav.getByRole('link', { name: '設定' }).click();
    await page.getByTestId('settings-companies').getByRole('cell', { name: 'main' }).waitFor();
    assert.equal(await page.getByRole('button', { name: '会社を追加' }).count(), 0);
    assert.equal(await page.getByTestId('settings-users').count(), 0);
    assert.equal(await page.getByTestId('settings-tokens').count(), 0);
    await page.context().close();
  });

  test('owner adds an HR user and an API token; the user logs in, the token works until revoked', { timeout: 90_000 }, async () => {
    const page = await newPage(desktop);
    await login(page);
    await page.getByTestId('alumni-total').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: '設定' }).click();
    await page.waitForURL(/\/console\/settings$/);
    const users = page.getByTestId('settings-users');
    await users.getByRole('row').filter({ hasText: email }).waitFor();
    await users.getByTestId('roles-table').getByText('alumni.read_private').waitFor();

    // A new HR staff member, no password typed: the server makes one, shown once.
    const staffEmail = 'staff@example.jp';
    await users.getByRole('button', { name: 'ユーザーを追加' }).click();
    const add = page.getByRole('dialog', { name: 'ユーザーを追加' });
    await add.getByRole('textbox', { name: 'メールアドレス' }).fill(staffEmail);
    await add.getByRole('textbox', { name: '表示名' }).fill('佐藤 花子');
    await add.getByRole('combobox', { name: /^役割/ }).click();
    await page.getByRole('option', { name: 'オーナー' }).waitFor(); // an owner may make owners
    await page.getByRole('option', { name: '担当者', exact: true }).click();
    await add.getByRole('button', { name: '作成する' }).click();
    const once = page.getByRole('dialog', { name: '初回パスワード' });
    await once.getByText('二度と表示されません').waitFor();
    const staffPassword = await once.getByTestId('once-secret').inputValue();
    assert.ok(staffPassword.length >= 8, 'a one-time password is shown');
    await shot(page, 'settings-password-desktop', { fullPage: false });
    await once.getByRole('button', { name: 'コピーしたので閉じる' }).click();
    await once.waitFor({ state: 'hidden' });
    await users.getByRole('row').filter({ hasText: staffEmail }).getByText('担当者').waitFor();

    // A read-only token, used from outside the browser.
    const tokens = page.getByTestId('settings-tokens');
    await tokens.getByRole('button', { name: 'トークンを発行' }).click();
    const create = page.getByRole('dialog', { name: 'トークンを発行' });
    await create.getByRole('textbox', { name: '名前' }).fill('人事システム連携');
    await create.getByRole('button', { name: '発行する' }).click();
    const secretDialog = page.getByRole('dialog', { name: 'API トークンを発行しました' });
    const secret = await secretDialog.getByTestId('once-secret').inputValue();
    assert.ok(secret.length > 16, 'the token secret is shown');
    assert.match(await secretDialog.getByTestId('curl-example').textContent(), /Authorization: Bearer .*\/api\/alumni|\/api\/alumni[\s\S]*Authorization: Bearer/);
    await shot(page, 'settings-token-desktop', { fullPage: false });
    await secretDialog.getByRole('button', { name: 'コピーしたので閉じる' }).click();
    await secretDialog.waitFor({ state: 'hidden' });

    const searchUrl = `${base}/api/alumni?q=${encodeURIComponent('鰐淵')}`;
    const withToken = () => fetch(searchUrl, { headers: { Authorization: `Bearer ${secret}` } });
    const ok = await withToken();
    assert.equal(ok.status, 200);
    assert.equal(typeof (await ok.json()).total, 'number');

    const row = tokens.getByRole('row').filter({ hasText: '人事システム連携' });
    await row.getByRole('button', { name: '失効' }).click();
    const confirm = page.getByRole('dialog', { name: 'トークンを失効しますか？' });
    await confirm.getByRole('button', { name: '失効する' }).click();
    await row.getByText('失効', { exact: true }).waitFor();
    assert.equal((await withToken()).status, 401);
    await page.locator('.mantine-Notification-root').waitFor({ state: 'hidden' });
    await shot(page, 'settings-desktop');
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await shot(page, 'settings-en-desktop');
    await page.getByText('日本語', { exact: true }).click();

    // The new user logs in with the one-time password and sees no user or token management.
    await page.getByRole('button', { name: 'ログアウト' }).filter({ visible: true }).click();
    await page.waitForURL(/\/console\/login/);
    await login(page, staffPassword, staffEmail);
    await page.getByTestId('current-user').filter({ visible: true }).getByText('佐藤 花子').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: '設定' }).click();
    await page.getByTestId('settings-companies').getByRole('cell', { name: 'main' }).waitFor();
    assert.equal(await page.getByTestId('settings-users').count(), 0);
    assert.equal(await page.getByTestId('settings-tokens').count(), 0);
    assert.equal(await page.getByRole('button', { name: '会社を追加' }).count(), 0);
    await shot(page, 'settings-staff-desktop');
    await page.context().close();
  });

  test('phone-width screens', { timeout: 60_000 }, async () => {
    const page = await newPage(phone);
    // The portal never downloads the HR console's code.
    const scripts = [];
    page.on('request', (req) => req.resourceType() === 'script' && scripts.push(req.url()));
    await page.goto(`${base}/portal/`);
    await page.getByRole('heading', { name: /アルムナイネットワーク/ }).waitFor();
    assert.ok(scripts.some((url) => /PortalApp/.test(url)), 'the portal chunk loads');
    assert.deepEqual(scripts.filter((url) => /ConsoleApp/.test(url)), []);
    await shot(page, 'portal-phone');

    await page.goto(`${base}/console/login`);
    await page.getByRole('button', { name: 'ログイン' }).waitFor();
    await shot(page, 'login-phone');
    await login(page);
    await page.getByTestId('alumni-total').getByText(/件/).waitFor();
    await shot(page, 'list-phone');

    await page.getByRole('button', { name: 'メニュー' }).click();
    await page.getByRole('link', { name: 'インポート' }).waitFor();
    await shot(page, 'nav-phone', { fullPage: false });
    await page.getByRole('link', { name: 'アルムナイ', exact: true }).click();

    await search(page, '鰐淵 美咲');
    await page.getByRole('row').filter({ hasText: '鰐淵 美咲' }).click();
    await field(page, '部署').waitFor();
    await shot(page, 'detail-phone');

    await page.goto(`${base}/console/settings`);
    await page.getByTestId('settings-users').getByRole('row').filter({ hasText: email }).waitFor();
    await page.getByTestId('settings-companies').getByRole('cell', { name: 'main' }).waitFor();
    await shot(page, 'settings-phone');

    await previewImport(page);
    await shot(page, 'import-preview-phone');
    await page.context().close();
  });

  test('backup downloads, and restore asks for a strong confirmation', { timeout: 30_000 }, async () => {
    const page = await newPage(desktop);
    await login(page);
    await page.getByTestId('alumni-total').waitFor();
    const backup = await page.request.get(`${base}/api/backup`);
    assert.equal(backup.status(), 200);
    assert.match(backup.headers()['content-disposition'] ?? '', /attachment/);
    const db = await backup.body();

    await page.goto(`${base}/console/data`);
    await page.locator('input[type=file]').setInputFiles({ name: 'kizuna-backup.db', mimeType: 'application/octet-stream', buffer: db });
    const dialog = page.getByRole('dialog', { name: 'データを復元しますか？' });
    await dialog.getByText('復元するファイル: kizuna-backup.db').waitFor();
    const confirm = dialog.getByRole('button', { name: '復元する' });
    assert.equal(await confirm.isDisabled(), true, 'restore waits for the acknowledgement');
    await shot(page, 'restore-confirm-desktop');
    await dialog.getByLabel('現在のデータが置き換わることを理解しました').check();
    await confirm.click();
    await page.getByRole('status').getByText('復元しました').waitFor();
    await page.context().close();
  });

  test('no script errors on any page', () => {
    assert.deepEqual(k.pageErrors, []);
  });
});
