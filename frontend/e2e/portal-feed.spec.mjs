// End-to-end test of the portal feed (issue 5) against the real kizuna
// binary in Debian's Chromium: an alumnus posts, another alumnus comments
// and reports the post, HR hides it from the moderation queue; the second
// alumnus no longer sees it, the author sees it hidden with HR's note.
// Screenshots of the feed and the queue at desktop and phone sizes.
//
//   KIZUNA_BIN=/path/to/kizuna node --test e2e/portal-feed.spec.mjs

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desktop, phone, report, shot, startKizuna } from './harness.mjs';
const owner = 'owner@example.jp';
let k;

describe('portal feed in a real browser', () => {
  before(async () => {
    k = await startKizuna({ users: [[owner, 'owner']] });
  });
  after(async () => {
    await k?.stop();
  });

  test('post → comment → report → HR hides → gone for the other alumnus', { timeout: 180_000 }, async () => {
    const hr = await k.newPage(desktop);
    await k.login(hr, owner);
    const list = await hr.evaluate(async () => (await (await fetch('/api/alumni?limit=20')).json()).items);
    const [a, b] = list.filter((x) => x.email).slice(0, 2);
    assert.ok(a && b, 'two demo alumni with addresses');

    const text = `E2E 相談：こういう案件の経験がある方はいますか？ ${Date.now()}`;
    const author = await k.newPage(desktop);
    await k.portalLogin(author, a.email);
    await author.goto(`${k.base}/portal/feed`);
    await author.getByLabel('近況や相談を投稿').fill(text);
    await author.getByRole('button', { name: '投稿する' }).click();
    const mine = author.getByTestId('post').filter({ hasText: text });
    await mine.waitFor();
    await shot(author, 'portal-feed-desktop');

    const other = await k.newPage(phone);
    await k.portalLogin(other, b.email);
    await other.goto(`${k.base}/portal/feed`);
    const seen = other.getByTestId('post').filter({ hasText: text });
    await seen.waitFor();
    await seen.getByRole('button', { name: /コメント/ }).first().click();
    await seen.getByLabel('コメントを書く').fill('経験あります。ぜひ話しましょう');
    await seen.getByRole('button', { name: 'コメントする' }).click();
    await seen.getByText('経験あります。ぜひ話しましょう').waitFor();
    await report(other, seen, '宣伝・勧誘', '勧誘のように見えます');
    await shot(other, 'portal-feed-phone');

    await hr.goto(`${k.base}/console/feed`);
    const queued = hr.getByTestId('report').filter({ hasText: text.slice(0, 20) });
    await queued.waitFor();
    await shot(hr, 'console-moderation-desktop');
    await queued.getByLabel('投稿者へのメモ（非表示の理由）').fill('ガイドラインにより非表示にしました');
    await queued.getByRole('button', { name: '非表示にする' }).click();
    await queued.waitFor({ state: 'detached' });

    await other.reload();
    await other.getByRole('heading', { name: 'フィード' }).waitFor();
    await other.waitForLoadState('networkidle');
    assert.equal(await other.getByTestId('post').filter({ hasText: text }).count(), 0, 'the other alumnus still sees the hidden post');

    await author.reload();
    await author.getByTestId('post').filter({ hasText: text }).getByText('ガイドラインにより非表示にしました').waitFor();

    const hrPhone = await k.newPage(phone);
    await k.login(hrPhone, owner);
    await hrPhone.goto(`${k.base}/console/feed`);
    await hrPhone.getByRole('heading', { name: 'モデレーション' }).waitFor();
    await shot(hrPhone, 'console-moderation-phone');
    assert.deepEqual(k.pageErrors, []);
  });
});
