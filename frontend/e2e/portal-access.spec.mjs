// End-to-end test of getting into the portal (issue 5) against the real
// kizuna binary in Debian's Chromium: the visitor's landing page, login by
// a code read from the built-in mail catcher, the same answer for an address
// that is not a member (and no mail), the one-click link from the mail (and
// the same link refused a second time), log out, and HR making an alumnus a
// member on the console. Screenshots at desktop and
// phone sizes.
//
//   KIZUNA_BIN=/path/to/kizuna node --test e2e/portal-access.spec.mjs

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desktop, phone, shot, startKizuna } from './harness.mjs';

const hr = 'hr@example.jp';
let k;
let member; // a demo alumnus who is a portal member
let outsider; // a demo alumnus on the roster who is not

describe('portal access', () => {
  before(async () => {
    k = await startKizuna({ users: [[hr, 'hr_admin']] });
    const { items } = await k.hrGet('/api/alumni?limit=50');
    // kizuna demo makes members of the alumni with an address, but for every fifth id.
    member = items.find((a) => a.email && a.id % 5 !== 0);
    outsider = items.find((a) => a.email && a.id % 5 === 0);
    assert.ok(member && outsider, 'demo alumni with and without membership');
  });
  after(async () => {
    await k?.stop();
    assert.deepEqual(k?.pageErrors ?? [], []);
  });

  test('a visitor sees what the network is and how to log in', async () => {
    for (const [viewport, name] of [
      [desktop, 'portal-landing-desktop'],
      [phone, 'portal-landing-phone'],
    ]) {
      const page = await k.newPage(viewport);
      await page.goto(`${k.base}/portal/`);
      await page.getByText('卒業生（アルムナイ）専用のネットワーク').waitFor();
      // The network name HR set (kizuna demo sets one) heads the page.
      await page.getByTestId('network-name').getByText('きずな商事アルムナイネットワーク').waitFor();
      assert.ok(await page.getByRole('link', { name: 'ログイン' }).first().isVisible());
      await shot(page, name);
      await page.goto(`${k.base}/portal/login`);
      await page.getByRole('heading', { name: 'ポータルにログイン' }).waitFor();
      await shot(page, name.replace('landing', 'login'));
      await page.context().close();
    }
  });

  test('a member logs in with the mailed code, then logs out', async () => {
    for (const [viewport, name] of [
      [desktop, 'portal-member-desktop'],
      [phone, 'portal-member-phone'],
    ]) {
      const page = await k.newPage(viewport);
      await k.portalLogin(page, member.email);
      assert.match(await page.getByTestId('member-menu').innerText(), new RegExp(member.name.split(' ')[0]));
      await shot(page, name);
      await page.reload();
      await page.getByTestId('member-menu').waitFor(); // the cookie holds
      await page.getByTestId('member-menu').click();
      await page.getByRole('menuitem', { name: 'ログアウト', exact: true }).click();
      await page.getByRole('link', { name: 'ログイン' }).first().waitFor();
      const me = await page.evaluate(async () => (await fetch('/api/portal/me')).status);
      assert.equal(me, 401);
      await page.context().close();
    }
  });

  test('an address that is not a member gets the same answer and no mail', async () => {
    const page = await k.newPage(phone);
    await page.goto(`${k.base}/portal/login`);
    await page.getByLabel('メールアドレス').fill(outsider.email);
    await page.getByRole('button', { name: 'コードを送る' }).click();
    await page.getByText('メールを確認してください').waitFor();
    await page.getByText(`${outsider.email} が会員のアドレスであれば`).waitFor();
    // A wrong code is refused with a clear message.
    await page.getByLabel('ログインコード（6桁）').fill('123456');
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByTestId('login-error').getByText('コードが正しくないか').waitFor();
    await shot(page, 'portal-login-wrong-code-phone');
    await new Promise((r) => setTimeout(r, 1500));
    const { items } = await k.hrGet(`/api/mail/caught?q=${encodeURIComponent(outsider.email)}`);
    assert.equal(items.filter((m) => m.subject.includes('ログインコード')).length, 0);
    await page.context().close();
  });

  test('the one-click link logs in once', async () => {
    const page = await k.newPage(desktop);
    await page.goto(`${k.base}/portal/login`);
    await page.getByLabel('メールアドレス').fill(member.email);
    await page.getByRole('button', { name: 'コードを送る' }).click();
    await page.getByText('メールを確認してください').waitFor();
    await k.caughtLoginCode(member.email);
    const { items } = await k.hrGet(`/api/mail/caught?q=${encodeURIComponent(member.email)}`);
    const newest = items.sort((a, b) => b.id - a.id)[0];
    const full = await k.hrGet(`/api/mail/caught/${newest.id}`);
    assert.match(full.html, /ログインコード/);
    assert.ok(full.html.indexOf('ログインコード') < full.html.indexOf('login code'), 'Japanese first');
    const token = full.html.match(/\/portal\/login\/verify\?token=([^"&]+)/)[1];
    const link = `${k.base}/portal/login/verify?token=${token}`;
    await page.goto(link);
    await page.getByTestId('member-menu').waitFor();
    await page.context().close();

    const again = await k.newPage(phone);
    await again.goto(link);
    await again.getByText('このログインリンクは無効か、使用済みか').waitFor();
    await shot(again, 'portal-link-used-phone');
    await again.context().close();
  });

  test('HR makes an alumnus a member on the console, who then logs in', async () => {
    const page = await k.newPage(desktop);
    await k.login(page, hr);
    await page.goto(`${k.base}/console/alumni/${outsider.id}`);
    const panel = page.getByTestId('portal-member');
    await panel.getByText('未登録').waitFor();
    await panel.getByRole('button', { name: 'ポータル会員にする' }).click();
    await panel.getByText('会員', { exact: true }).waitFor();
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'console-portal-member-desktop', { fullPage: false });
    // HR renames the network in the settings; the portal shows the new name.
    await page.goto(`${k.base}/console/settings`);
    const settings = page.getByTestId('portal-settings');
    await settings.getByLabel('ネットワーク名').fill('きずなアルムナイ倶楽部');
    await settings.getByRole('button', { name: '保存' }).click();
    await page.getByText('ポータルの設定を保存しました').waitFor();
    await shot(page, 'console-portal-settings-desktop', { fullPage: false });
    const portal = await k.newPage(phone);
    await k.portalLogin(portal, outsider.email);
    await portal.getByTestId('network-name').getByText('きずなアルムナイ倶楽部').waitFor();
    await shot(portal, 'portal-renamed-phone');
    await portal.context().close();
    await page.context().close();
  });
});
