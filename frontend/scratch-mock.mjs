import { chromium } from 'playwright-core';
const [base, pw, ...urls] = process.argv.slice(2);
const width = Number(process.env.W || 1280);
const counts = { matched: 412, with_email: 398, opted_in: 280, suppressed: 3, reachable: 277 };
const seg = { id: 3, name: '2010年代入社', description: '2010〜2019年に入社した退職者', filter: { join_year_from: 2010, join_year_to: 2019 }, count: counts, created_at: '2026-11-20T01:00:00Z', updated_at: '2026-11-21T03:00:00Z' };
const camp = (id, state, extra = {}) => ({ id, name: id === 1 ? '2026年 秋のアルムナイ交流会のご案内' : '年末のご挨拶', subject: '{{姓}} 様、交流会のご案内', body_format: 'markdown', body: '{{姓|卒業生}} 様\n\nご無沙汰しております。**秋のアルムナイ交流会**を開催します。\n\n- 日時: 11月28日\n- 場所: 本社', from_name: '株式会社きずな商事 人事部', segment_id: 3, segment_name: '2010年代入社', state, scheduled_at: null, started_at: state !== 'draft' ? '2026-11-21T09:00:00Z' : null, finished_at: state === 'finished' ? '2026-11-21T09:02:00Z' : null, pause_reason: state === 'paused' ? 'SMTP サーバーのエラーが 10 回続いたため自動で一時停止しました（421 4.7.0 Try again later）' : '', pause_reason_en: '', click_tracking: false, counts: { total: 277, queued: state === 'finished' ? 0 : 120, sending: 0, sent: state === 'finished' ? 270 : 150, failed: 2, bounced: 3, suppressed: 0, unsubscribed: 2 }, created_at: '2026-11-20T01:00:00Z', updated_at: '2026-11-21T01:00:00Z', created_by: 'hr@example.jp', ...extra });
const campaigns = [camp(1, 'finished'), camp(2, 'paused'), camp(4, 'draft')];
const fields = ['姓', '名', '氏名', 'フリガナ', '会社', '部署', '現在の勤務先', 'メール'].map((name) => ({ name, label_en: name, sample: '山田' }));
const recips = { total: 277, offset: 0, limit: 50, items: Array.from({ length: 12 }, (_, i) => ({ id: i + 1, alumnus_id: i + 1, name: `山田 太郎${i}`, address: `taro${i}@example.jp`, state: i % 5 === 0 ? 'failed' : 'sent', attempts: 1, last_reply: i % 5 === 0 ? '550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown' : '250 2.0.0 Ok: queued as 4Xk', sent_at: '2026-11-21T09:01:00Z' })) };
const members = { total: 412, offset: 0, limit: 50, items: [{ id: 7, name: '佐藤 花子', email: 'hanako@example.jp', department: '営業部', leave_date: '2019-03-31' }, { id: 8, name: '鈴木 一郎', email: 'ichiro@example.jp', department: '開発部', leave_date: '2020-03-31' }] };
const html = '<html><body style="font-family:sans-serif"><p>山田 様</p><p>ご無沙汰しております。<b>秋のアルムナイ交流会</b>を開催します。</p><ul><li>日時: 11月28日</li></ul><hr><p style="font-size:12px;color:#666">株式会社きずな商事 人事部 / 東京都千代田区… <a href="#">配信停止</a></p></body></html>';
function answer(url, method, body) {
  const p = new URL(url).pathname;
  if (p === '/api/segments' && method === 'GET') return { items: [seg] };
  if (p === '/api/segments/count') return counts;
  if (/^\/api\/segments\/\d+\/members/.test(p)) return members;
  if (/^\/api\/segments\/\d+$/.test(p)) return seg;
  if (p === '/api/campaigns') return { items: campaigns };
  if (/^\/api\/campaigns\/\d+\/recipients/.test(p)) return recips;
  const m = /^\/api\/campaigns\/(\d+)$/.exec(p);
  if (m) return campaigns.find((c) => c.id === Number(m[1]));
  if (p === '/api/mail/merge-fields') return { items: fields };
  if (p === '/api/mail/preview') {
    const d = JSON.parse(body || '{}');
    if (d.body?.includes('{{姓 ')) return [422, { error: { code: 'mail.invalid_template', message: 'テンプレートに誤りがあります', message_en: 'template error', fields: { body: '1 行目: {{ が閉じられていません / line 1: unclosed {{' } } }];
    return { subject: '山田 様、交流会のご案内', html, text: '山田 様\n\nご無沙汰しております。', recipient: d.alumnus_id ? { alumnus_id: 7, name: '佐藤 花子', email: 'hanako@example.jp' } : null };
  }
  return undefined;
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--lang=ja-JP'] });
const ctx = await browser.newContext({ viewport: { width, height: 800 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
await ctx.route(/\/api\/(segments|campaigns|mail\/merge-fields|mail\/preview)/, async (route) => {
  const r = route.request();
  const a = answer(r.url(), r.method(), r.postData());
  if (a === undefined) return route.continue();
  const [status, json] = Array.isArray(a) ? a : [200, a];
  await route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(json) });
});
const page = await ctx.newPage();
page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
await page.goto(`${base}/console/login`);
await page.getByLabel('メールアドレス').fill('owner@example.jp');
await page.locator('input[name=password]').fill(pw);
await page.getByRole('button', { name: 'ログイン' }).click();
await page.waitForURL((u) => !u.pathname.endsWith('/login'));
if (process.env.EN) await page.evaluate(() => localStorage.setItem('kizuna.lang', 'en'));
for (const u of urls) {
  const [path, name, action] = u.split('=');
  await page.goto(`${base}${path}`);
  await page.waitForTimeout(1500);
  if (action === 'broken') { await page.getByTestId('body-input').fill('{{姓 様'); await page.waitForTimeout(1500); }
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
  console.log('shot', name);
}
await browser.close();
