import { chromium } from 'playwright-core';
const [base, pw, ...urls] = process.argv.slice(2);
const width = Number(process.env.W || 1280);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--lang=ja-JP'] });
const ctx = await browser.newContext({ viewport: { width, height: 800 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
const page = await ctx.newPage();
page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
page.on('console', (m) => m.type() === 'error' && console.log('CONSOLE', m.text()));
await page.goto(`${base}/console/login`);
await page.getByLabel('メールアドレス').fill(process.env.EMAIL || 'owner@example.jp');
await page.locator('input[name=password]').fill(pw);
await page.getByRole('button', { name: 'ログイン' }).click();
await page.waitForURL((u) => !u.pathname.endsWith('/login'));
if (process.env.EN) await page.evaluate(() => localStorage.setItem('kizuna.lang', 'en'));
for (const u of urls) {
  const [path, name] = u.split('=');
  await page.goto(`${base}${path}`);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
  console.log('shot', name);
}
await browser.close();
