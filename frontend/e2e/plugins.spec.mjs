// End-to-end test of the Plugins page against the real kizuna binary and a
// real plugin bundle (the SDK's example, built with the SDK's bundler):
// upload, a refused bundle with its reason, grant and enable, the plugin's
// page inside the console counting an alumnus created through the API,
// settings saved from the schema form, the log, remove.
//
//   KIZUNA_BIN=/path/to/kizuna node --test e2e/plugins.spec.mjs

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const frontendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repo = path.resolve(frontendDir, '..');
const bin = path.resolve(frontendDir, process.env.KIZUNA_BIN ?? '../bin/kizuna');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const shots = path.join(frontendDir, 'e2e', 'screenshots');
const email = 'hr@example.jp';

let dataDir, server, base, password, browser, bundle, token;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('kizuna serve did not become healthy');
}

describe('Plugins page in a real browser', () => {
  before(async () => {
    assert.ok(existsSync(bin), `kizuna binary not found at ${bin}`);
    mkdirSync(shots, { recursive: true });
    dataDir = mkdtempSync(path.join(tmpdir(), 'kizuna-e2e-plugins-'));
    const out = path.join(dataDir, 'dist');
    bundle = execFileSync('go', ['run', 'github.com/kizuna-hr/kizuna/sdk/cmd/kizuna-plugin', 'bundle', '-o', out, 'sdk/examples/hello'], {
      cwd: repo,
      encoding: 'utf8',
    }).trim();
    const run = (...args) => execFileSync(bin, [...args, '--data', path.join(dataDir, 'data')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    password = run('user', 'create', '--email', email, '--role', 'owner').trim().split('\n').at(-1).trim();
    token = run('token', 'create', '--name', 'e2e', '--role', 'hr_admin').trim().split('\n').at(-1).trim();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(bin, ['serve', '--data', path.join(dataDir, 'data'), '--addr', `127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    server.stderr.on('data', () => {});
    await waitHealthy(base, 15_000);
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  });

  after(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('install, refuse, enable, use, configure, remove', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${base}/console/login`);
    await page.getByLabel('メールアドレス').fill(email);
    await page.locator('input[name=password]').fill(password);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('link', { name: 'プラグイン' }).click();
    await page.getByText('インストールされたプラグインはありません').waitFor();

    // A file that is not a bundle: a clear reason, nothing installed.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'インストール（.tar.gz）' }).click();
    await (await chooser).setFiles({ name: 'bad.tar.gz', mimeType: 'application/gzip', buffer: Buffer.from('not a bundle') });
    await page.getByText('プラグインのファイル（.tar.gz）を読み取れません').waitFor();

    const chooser2 = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'インストール（.tar.gz）' }).click();
    await (await chooser2).setFiles({ name: path.basename(bundle), mimeType: 'application/gzip', buffer: readFileSync(bundle) });
    const drawer = page.getByRole('dialog');
    await drawer.getByText('jp.kizuna.hello').waitFor();
    await drawer.getByText('付与する権限を確認してください').waitFor();
    await drawer.getByRole('checkbox', { name: /alumni\.read/ }).waitFor();
    await drawer.getByRole('button', { name: '有効にする' }).click();
    await page.getByText('有効にしました').waitFor();

    // An alumnus registered through the API reaches the plugin as an event.
    const res = await fetch(`${base}/api/alumni`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ company_id: 1, name: '鰐淵 美咲', name_reading: 'わにぶち みさき', email: 'misaki@example.jp' }),
    });
    assert.equal(res.status, 201);
    const frame = drawer.frameLocator('iframe[title="プラグインの画面"]');
    await frame.getByText('こんにちは、hr@example.jp さん').waitFor();
    for (let i = 0; i < 50; i++) {
      await page.waitForTimeout(200);
      await drawer.locator('iframe').evaluate((f) => { f.src = f.getAttribute('src'); }); // a cross-origin frame: the console may only reset it
      if (await frame.getByText('alumnus.created').count()) break;
    }
    await frame.getByText('alumnus.created').waitFor();

    // Settings from the schema: text, switch, select.
    await drawer.getByRole('textbox', { name: 'あいさつ' }).fill('ようこそ');
    await drawer.getByRole('button', { name: '保存' }).click();
    await page.getByText('設定を保存しました（プラグインは再起動します）').waitFor();
    await drawer.frameLocator('iframe[title="プラグインの画面"]').getByText('ようこそ、hr@example.jp さん').waitFor();
    await drawer.getByText(/hello activated/).first().waitFor();
    await page.screenshot({ path: path.join(shots, 'plugins-desktop.png'), animations: 'disabled' });

    // Its menu entry opens its page inside the console.
    await page.goto(`${base}/console/plugins`);
    await page.getByRole('link', { name: 'ハロー' }).click();
    await page.frameLocator('iframe[title="jp.kizuna.hello"]').getByText('ようこそ、hr@example.jp さん').waitFor();
    await page.screenshot({ path: path.join(shots, 'plugin-page-in-console.png'), animations: 'disabled' });
    // Isolated: the plugin's page can neither script the console nor call the host's API as the user.
    const pluginFrame = page.frames().find((f) => f.url().includes('/pf/'));
    assert.ok(pluginFrame, 'the plugin page is served under a frame grant');
    const reach = await pluginFrame.evaluate(async () => {
      let parentDoc;
      try {
        parentDoc = window.parent.document.title;
      } catch {
        parentDoc = 'blocked';
      }
      const api = await fetch('/api/me', { credentials: 'include' }).then((r) => r.status, () => 'blocked');
      return { parentDoc, api };
    });
    assert.equal(reach.parentDoc, 'blocked');
    assert.ok(reach.api === 'blocked' || reach.api === 401, `host API from the plugin page: ${reach.api}`);
    await page.goto(`${base}/console/plugins`);
    await page.getByRole('button', { name: '詳細' }).click();

    await drawer.getByRole('button', { name: '削除' }).click();
    const confirm = page.getByRole('dialog', { name: 'プラグインを削除しますか？' });
    await confirm.getByRole('checkbox').check();
    await confirm.getByRole('button', { name: '削除' }).click();
    await page.getByText('インストールされたプラグインはありません').waitFor();
    await context.close();
  });
});
