// Measures what a phone downloads on its first visit to the portal: the
// JavaScript of /portal/ for a visitor and of the member home right after
// login, each file gzip-compressed (level 9, what a compressing proxy or
// the browser cache would hold), against the 300 KB budget.
// Runs the real binary in Debian's Chromium, like the e2e specs.
//
//   KIZUNA_BIN=/path/to/kizuna node bench/portal-weight.mjs

import { gzipSync } from 'node:zlib';
import { phone, startKizuna } from '../e2e/harness.mjs';

const owner = 'owner@example.jp';
const k = await startKizuna({ users: [[owner, 'owner']] });
try {
  const { items } = await k.hrGet('/api/alumni?limit=50');
  const member = items.find((a) => a.email && a.id % 5 !== 0);

  const measure = async (name, visit) => {
    const page = await k.newPage(phone);
    const scripts = new Map();
    page.on('response', async (res) => {
      if (res.request().resourceType() !== 'script') return;
      const body = await res.body().catch(() => undefined);
      if (body) scripts.set(res.url(), body);
    });
    await visit(page);
    await page.waitForLoadState('networkidle');
    let raw = 0;
    let gz = 0;
    for (const body of scripts.values()) {
      raw += body.length;
      gz += gzipSync(body, { level: 9 }).length;
    }
    console.log(`${name}: ${scripts.size} scripts, ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip (budget 300 KB)`);
    await page.context().close();
  };

  await measure('portal, visitor (/portal/)', (page) => page.goto(`${k.base}/portal/`));
  await measure('portal, member home after login', async (page) => {
    await k.portalLogin(page, member.email);
    await page.getByTestId('member-home').waitFor();
  });
} finally {
  await k.stop();
}
