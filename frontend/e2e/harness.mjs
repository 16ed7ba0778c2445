// Shared parts of the end-to-end tests: a real kizuna server on a free port
// with a fresh data directory, Debian's Chromium, login and screenshots.

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const frontendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const bin = path.resolve(frontendDir, process.env.KIZUNA_BIN ?? '../bin/kizuna');
export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const shots = path.join(frontendDir, 'e2e', 'screenshots');
export const desktop = { width: 1280, height: 800 };
export const phone = { width: 390, height: 844 };

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

/**
 * Starts `kizuna serve` on a new data directory after `kizuna demo` (when
 * demo) and creates the given users; returns their passwords by address.
 */
export async function startKizuna({ demo = true, users = [] } = {}) {
  assert.ok(existsSync(bin), `kizuna binary not found at ${bin}: build it or set KIZUNA_BIN`);
  assert.ok(existsSync(chromiumPath), `Chromium not found at ${chromiumPath}: apt-get install chromium, or set CHROMIUM`);
  mkdirSync(shots, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kizuna-e2e-'));
  const run = (...args) => execFileSync(bin, [...args, '--data', dataDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (demo) run('demo');
  const passwords = {};
  for (const [address, role] of users) {
    passwords[address] = run('user', 'create', '--email', address, '--role', role).trim().split('\n').at(-1).trim();
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(bin, ['serve', '--data', dataDir, '--addr', `127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr.on('data', (d) => (log += d));
  server.on('exit', (code) => code && console.error(`kizuna serve exited ${code}\n${log}`));
  const until = Date.now() + 15_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`kizuna serve exited with ${server.exitCode}\n${log}`);
    if (Date.now() > until) throw new Error('kizuna serve did not become healthy');
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--lang=ja-JP'],
  });
  const pageErrors = [];
  let hrSession;
  // The first HR user's session cookie, for reading the mail catcher.
  const hrCookie = async () => {
    if (hrSession) return hrSession;
    const [email] = Object.keys(passwords);
    assert.ok(email, 'portalLogin reads the mail catcher as HR: give startKizuna a user');
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: passwords[email] }),
    });
    assert.equal(res.status, 200, `HR login for the mail catcher: ${res.status}`);
    hrSession = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    return hrSession;
  };
  const caught = async (cookie, email) => {
    const res = await fetch(`${base}/api/mail/caught?q=${encodeURIComponent(email)}&limit=50`, { headers: { Cookie: cookie } });
    assert.equal(res.status, 200, `GET /api/mail/caught: ${res.status}`);
    return (await res.json()).items.filter((m) => m.to.some((to) => to.includes(email)));
  };

  // The newest mail to email whose subject matches re, after message id `after`.
  const caughtMail = async (email, re, after = 0, hr) => {
    hr ??= await hrCookie();
    const until = Date.now() + 15_000;
    for (;;) {
      const m = (await caught(hr, email)).filter((x) => x.id > after && re.test(x.subject)).sort((a, b) => b.id - a.id)[0];
      if (m) return m;
      if (Date.now() > until) throw new Error(`no mail ${re} to ${email}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  // The newest login code mailed to email after message id `after`.
  const caughtLoginCode = async (email, after = 0, hr) => (await caughtMail(email, /ログインコード \d{6}/, after, hr)).subject.match(/ログインコード (\d{6})/)[1];
  return {
    base,
    dataDir,
    passwords,
    pageErrors,
    serverLog: () => log,
    /** A page in a fresh context (its own cookies); downloads: keep what the page downloads (download.path()). */
    async newPage(viewport = desktop, { downloads = false } = {}) {
      const context = await browser.newContext({ viewport, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', acceptDownloads: downloads });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (err) => pageErrors.push(err.message));
      return page;
    },
    async login(page, address) {
      await page.goto(`${base}/console/login`);
      await page.getByLabel('メールアドレス').fill(address);
      await page.locator('input[name=password]').fill(passwords[address]);
      await page.getByRole('button', { name: 'ログイン' }).click();
      await page.waitForURL((url) => !url.pathname.endsWith('/login'));
    },
    /**
     * Logs an alumnus in to the portal through the real login: asks for a
     * code on /portal/login, reads it from the mail catcher (GET
     * /api/mail/caught as the first HR user given to startKizuna) and enters it.
     */
    async portalLogin(page, email) {
      const hr = await hrCookie();
      const newest = async () => (await caught(hr, email)).reduce((max, m) => Math.max(max, m.id), 0);
      const before = await newest();
      await page.goto(`${base}/portal/login`);
      await page.getByLabel('メールアドレス').fill(email);
      await page.getByRole('button', { name: 'コードを送る' }).click();
      await page.getByText('メールを確認してください').waitFor();
      const code = await caughtLoginCode(email, before, hr);
      await page.getByLabel('ログインコード（6桁）').fill(code);
      await page.getByRole('button', { name: 'ログイン', exact: true }).click();
      await page.getByTestId('member-menu').waitFor();
    },
    /**
     * Takes a new member through the portal's first steps: accepts the
     * purpose of use (no promotional mail) and skips the welcome survey.
     */
    async firstSteps(page) {
      const gate = page.getByTestId('purpose-gate');
      await gate.waitFor();
      await gate.getByRole('button', { name: '利用目的に同意して進む' }).click();
      const survey = page.getByTestId('welcome-survey');
      await survey.getByRole('button', { name: 'スキップ' }).click();
      await survey.waitFor({ state: 'detached' });
    },
    /** The newest caught mail to email whose subject matches re (after message id `after`); waits up to 15 s. */
    caughtMail: (email, re, after = 0) => caughtMail(email, re, after),
    /** The newest invitation mailed to email: its HTML and the personal link in it. */
    async caughtInvitation(email) {
      const m = await caughtMail(email, /招待/);
      const res = await fetch(`${base}/api/mail/caught/${m.id}`, { headers: { Cookie: await hrCookie() } });
      const { html } = await res.json();
      const link = html.match(/https?:\/\/[^"\s<]+\/portal\/invite\/[A-Za-z0-9_-]+/)?.[0];
      assert.ok(link, `the invitation mail has a link: ${html}`);
      return { html, link };
    },
    /** Runs a query on the data folder's database with the sqlite3 shell; its output, trimmed. */
    sql(query) {
      return execFileSync('sqlite3', [path.join(dataDir, 'kizuna.db'), query], { encoding: 'utf8' }).trim();
    },
    /** n demo members (with an address) who have no profile yet: [{ id, email, name }]. */
    newMembers(n) {
      const out = this.sql(`SELECT id || '|' || email || '|' || name FROM alumni WHERE id IN (SELECT alumnus_id FROM memberships)
        AND id NOT IN (SELECT alumnus_id FROM member_profiles) AND email <> '' ORDER BY id LIMIT ${Number(n)}`);
      return out.split('\n').map((r) => {
        const [id, email, name] = r.split('|');
        return { id: Number(id), email, name };
      });
    },
    /** The id of the newest caught mail to email (0: none). */
    async newestMailId(email) {
      return (await caught(await hrCookie(), email)).reduce((max, m) => Math.max(max, m.id), 0);
    },
    /** GET path of the API as the first HR user; returns the JSON. */
    async hrGet(path) {
      const res = await fetch(`${base}${path}`, { headers: { Cookie: await hrCookie() } });
      assert.equal(res.status, 200, `GET ${path}: ${res.status}`);
      return res.json();
    },
    /** The newest login code mailed to email after message id `after`. */
    caughtLoginCode,
    async stop() {
      await browser.close();
      if (server.exitCode === null) {
        server.kill('SIGTERM');
        const exited = new Promise((r) => server.once('exit', r));
        const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function shot(page, name, { fullPage = true } = {}) {
  // A full-page capture draws the fixed header where the page is scrolled to.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage, animations: 'disabled' });
}

/** Reports a post or comment (scope) through the portal's dialog: a reason from the list and details. */
export async function report(page, scope, reason, detail, notice = scope) {
  await scope.getByRole('button', { name: '通報', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '通報する' });
  await dialog.getByRole('combobox', { name: '理由' }).click();
  await dialog.getByRole('option', { name: reason }).click();
  await dialog.getByLabel('詳しい内容（任意）').fill(detail);
  await shot(page, 'portal-report-dialog', { fullPage: false });
  await dialog.getByRole('button', { name: '通報を送る' }).click();
  await notice.getByText('通報しました').waitFor();
}

/** The decoded invite.ics of a raw message, or "" when none is attached. */
export function icsOf(raw) {
  const at = raw.indexOf('invite.ics');
  if (at < 0) return '';
  const rest = raw.slice(at);
  const start = rest.search(/\r?\n\r?\n/);
  const body = rest.slice(start).trim().split(/\r?\n--/)[0];
  const head = raw.slice(Math.max(0, at - 400), at + start);
  return /base64/i.test(head) ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
}
