// End-to-end test of open registration and the optional password (issue 5)
// against the real kizuna binary in Debian's Chromium, at phone size: a
// roster alumnus registers with the roster's address and is admitted at
// once; another registers with a new address and waits, a second request
// from that address is told it is already waiting, HR approves it in the
// console's approval queue (updating the roster's address), the person gets
// the mail and logs in; bad input shows its reason; a member sets a password
// and logs in with it.
//
//   KIZUNA_BIN=/path/to/kizuna node --test e2e/portal-register.spec.mjs

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desktop, phone, shot, startKizuna } from './harness.mjs';

const hr = 'hr@example.jp';
let k;
let direct; // a former employee, not a member, registering with the roster's address
let queued; // another, registering with a new address
const newAddress = 'private.address@example.org';

const caughtMail = (email, re, after) => k.caughtMail(email, re, after);
const newestId = (email) => k.newestMailId(email);

/** Fills /portal/register for person with email, confirms the mailed code. */
async function register(page, person, email, { employeeNumber = true } = {}) {
  const before = await newestId(email);
  await page.goto(`${k.base}/portal/register`);
  await page.getByRole('heading', { name: 'アルムナイネットワークに登録' }).waitFor();
  await page.getByLabel('氏名').fill(person.name.replace(' ', ''));
  await page.getByLabel('フリガナ').fill(person.name_reading);
  if (employeeNumber) await page.getByLabel('社員番号（わかれば）').fill(person.employee_number);
  await page.getByLabel('退職年').fill(person.leave_date.slice(0, 4));
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByRole('button', { name: '確認コードを送る' }).click();
  await page.getByRole('heading', { name: 'メールを確認してください' }).waitFor();
  const m = await caughtMail(email, /登録確認コード \d{6}/, before);
  await page.getByLabel('確認コード（6桁）').fill(m.subject.match(/(\d{6})/)[1]);
  await page.getByRole('button', { name: '登録する' }).click();
}

describe('portal registration and password', () => {
  before(async () => {
    k = await startKizuna({ users: [[hr, 'hr_admin']] });
    const { items } = await k.hrGet('/api/alumni?limit=100');
    // kizuna demo leaves out of the portal the alumni whose id is divisible by 5.
    const outsiders = items.filter((a) => a.id % 5 === 0 && a.email && a.leave_date && a.name_reading && a.employee_number);
    [direct, queued] = outsiders;
    assert.ok(direct && queued, 'two former employees who are not members');
  });
  after(async () => {
    await k?.stop();
    assert.deepEqual(k?.pageErrors ?? [], []);
  });

  test('bad input shows its reason and sends nothing', async () => {
    const page = await k.newPage(phone);
    await page.goto(`${k.base}/portal/register`);
    await page.getByLabel('氏名').fill('山田太郎');
    await page.getByLabel('フリガナ').fill('山田');
    await page.getByLabel('メールアドレス').fill('not-an-address');
    await page.getByRole('button', { name: '確認コードを送る' }).click();
    await page.getByText('フリガナはカタカナ・ひらがなで入力してください').waitFor();
    await page.getByText('メールアドレスの形式が正しくありません').waitFor();
    await page.getByText('社員番号か入社年・退職年を入力してください').waitFor();
    await shot(page, 'portal-register-bad-phone');
    await page.context().close();
  });

  test('an alumnus with the roster address is admitted at once', async () => {
    const page = await k.newPage(phone);
    await register(page, direct, direct.email);
    await page.getByTestId('purpose-gate').waitFor();
    await page.getByTestId('member-menu').waitFor();
    await k.firstSteps(page);
    await page.getByTestId('member-home').waitFor();
    await shot(page, 'portal-register-admitted-phone');
    await caughtMail(direct.email, /ようこそ/);
    await page.context().close();
  });

  test('a new address waits for HR; HR approves; the person logs in', async () => {
    const page = await k.newPage(phone);
    await register(page, queued, newAddress);
    await page.getByTestId('register-pending').waitFor();
    await shot(page, 'portal-register-pending-phone');
    await caughtMail(newAddress, /登録申請を受け付けました/);
    // The same address again: told it is already waiting, nothing new queued.
    await register(page, queued, newAddress, { employeeNumber: false });
    await page.getByTestId('register-error').getByText('人事の承認待ちです').waitFor();
    await shot(page, 'portal-register-duplicate-phone');
    const { items } = await k.hrGet('/api/portal/registrations');
    assert.equal(items.filter((r) => r.email === newAddress).length, 1);
    await page.context().close();

    const console_ = await k.newPage(desktop);
    await k.login(console_, hr);
    await console_.goto(`${k.base}/console/members/registrations`);
    const card = console_.locator('[data-testid^="registration-"]', { hasText: newAddress });
    await card.waitFor();
    const candidate = card.getByTestId(`candidate-${queued.id}`);
    assert.ok(await candidate.getByRole('checkbox').isChecked(), 'updating the roster address is proposed');
    await shot(console_, 'console-registrations-desktop');
    await candidate.getByRole('button', { name: 'この人として承認' }).click();
    await console_.getByText('承認し、申請者にメールで知らせました').waitFor();
    await card.waitFor({ state: 'detached' });
    // A request whose person is not among the suggestions: HR searches the roster.
    const other = console_.locator('[data-testid^="registration-"]', { hasText: 'sakura.nakamura@example.net' });
    const suggested = await other.locator('[data-testid^="candidate-"]').count();
    await other.getByLabel('ほかの名簿の人を探す').fill('ナカムラ');
    await other.getByRole('button', { name: '検索' }).click();
    await other.locator('[data-testid^="candidate-"]').nth(suggested).waitFor();
    await shot(console_, 'console-registrations-search-desktop');
    await console_.context().close();

    await caughtMail(newAddress, /登録が承認されました/);
    const again = await k.newPage(phone);
    await k.portalLogin(again, newAddress);
    await again.context().close();
  });

  test('a member sets a password and logs in with it', async () => {
    const page = await k.newPage(phone);
    await k.portalLogin(page, direct.email);
    await page.goto(`${k.base}/portal/settings`);
    await page.getByTestId('password-state').getByText('パスワードは設定されていません').waitFor();
    await page.getByLabel('新しいパスワード').fill('short');
    await page.getByRole('button', { name: 'パスワードを設定' }).click();
    await page.getByText('パスワードは10文字以上72バイト以内にしてください').waitFor();
    await page.getByLabel('新しいパスワード').fill('kizuna-portal-2026');
    await page.getByRole('button', { name: 'パスワードを設定' }).click();
    await page.getByTestId('password-done').waitFor();
    await page.getByTestId('password-state').getByText('パスワードを設定済みです').waitFor();
    await shot(page, 'portal-password-phone');
    await page.context().close();

    const login = await k.newPage(phone);
    await login.goto(`${k.base}/portal/login`);
    await login.getByRole('button', { name: 'パスワードでログイン' }).click();
    await login.getByLabel('メールアドレス').fill(direct.email);
    await login.getByLabel('パスワード').fill('wrong password here');
    await login.getByRole('button', { name: 'ログイン', exact: true }).click();
    await login.getByTestId('login-error').getByText('メールアドレスまたはパスワードが正しくありません').waitFor();
    await shot(login, 'portal-password-login-error-phone');
    await login.getByLabel('パスワード').fill('kizuna-portal-2026');
    await login.getByRole('button', { name: 'ログイン', exact: true }).click();
    await login.getByTestId('member-menu').waitFor();
    await shot(login, 'portal-password-login-phone');
    await login.context().close();
  });
});
