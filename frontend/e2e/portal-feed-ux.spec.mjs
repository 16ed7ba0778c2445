// End-to-end test of the feed polish and the member home (issue 5) against
// the real kizuna binary in Debian's Chromium, at phone size (390×844) and
// desktop width: HR pins a company post; a member's home shows it and an
// upcoming event; the member posts with an image and an @mention picked from
// the directory; the mentioned member is notified; the author edits the post
// (編集済み); another member reports the author's comment with a reason; HR
// sees it in the moderation queue and hides it; it is gone for members.
//
//   KIZUNA_BIN=/path/to/kizuna node --test e2e/portal-feed-ux.spec.mjs

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desktop, phone, report, shot, startKizuna } from './harness.mjs';

const owner = 'owner@example.jp';
let k;

/** A PNG drawn in the page (a canvas), as a file for an <input type=file>. */
async function pngFile(page) {
  const b64 = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 320;
    c.height = 200;
    const g = c.getContext('2d');
    g.fillStyle = '#4c6ef5';
    g.fillRect(0, 0, 320, 200);
    g.fillStyle = '#fcc419';
    g.beginPath();
    g.arc(160, 100, 50, 0, Math.PI * 2);
    g.fill();
    return c.toDataURL('image/png').split(',')[1];
  });
  return { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from(b64, 'base64') };
}

describe('feed polish and member home in a real browser', () => {
  before(async () => {
    k = await startKizuna({ users: [[owner, 'owner']] });
  });
  after(async () => {
    await k?.stop();
  });

  test('home → post with image and mention → notified → edit → report comment → HR hides', { timeout: 240_000 }, async () => {
    const hr = await k.newPage(desktop);
    await k.login(hr, owner);
    const stamp = Date.now();
    const pinnedTitle = `E2E ピン留め：年末のご挨拶 ${stamp}`;
    const created = await hr.evaluate(async (title) => {
      const res = await fetch('/api/feed/posts', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ kind: 'news', title, body: '今年もありがとうございました。', pinned: true }),
      });
      return res.status;
    }, pinnedTitle);
    assert.equal(created, 201);
    // Members: the portal admits alumni with an address but every fifth id.
    const list = await hr.evaluate(async () => (await (await fetch('/api/alumni?limit=40')).json()).items);
    const [a, c] = list.filter((x) => x.email && x.id % 5 !== 0);
    assert.ok(a && c, 'two demo members');

    // The member home at phone size: the pinned post and an upcoming event.
    const author = await k.newPage(phone);
    await k.portalLogin(author, a.email);
    const rsvp = await author.evaluate(async () => {
      const ev = (await (await fetch('/api/portal/events')).json()).items[0];
      return { title: ev?.title, status: ev ? (await fetch(`/api/portal/events/${ev.id}/rsvp`, { method: 'POST' })).status : 0 };
    });
    assert.equal(rsvp.status, 200, 'RSVP to the first upcoming event');
    await author.goto(`${k.base}/portal/`);
    const home = author.getByTestId('member-home');
    await home.getByText(pinnedTitle).waitFor();
    await home.getByTestId('home-event').filter({ hasText: rsvp.title }).getByText(/参加予定|キャンセル待ち/).waitFor();
    assert.equal(await author.getByText('近日公開').count(), 0, 'no "coming soon" teasers for members');
    await shot(author, 'portal-home-phone');

    // A post with an image and an @mention of a member in the directory.
    const cards = await author.evaluate(async () => (await (await fetch('/api/portal/alumni?limit=50')).json()).items);
    let b;
    for (const card of cards.filter((x) => x.id !== c.id && x.id % 5 !== 0)) {
      const full = await hr.evaluate(async (id) => (await (await fetch(`/api/alumni/${id}`)).json()), card.id);
      if (full.email) {
        b = full;
        break;
      }
    }
    assert.ok(b, 'a member in the directory with an address');
    await author.goto(`${k.base}/portal/feed`);
    const text = `E2E 写真つき ${stamp}`;
    const composer = author.getByLabel('近況や相談を投稿');
    await composer.fill(`${text} `);
    await composer.pressSequentially(`@${b.name.split(/\s/)[0]}`);
    const suggestion = author.getByTestId('mention-list').getByRole('option', { name: new RegExp(b.name) }).first();
    await suggestion.waitFor();
    await shot(author, 'portal-mention-phone', { fullPage: false });
    await suggestion.click();
    assert.match(await composer.inputValue(), new RegExp(`@${b.name} $`));
    await author.locator('input[type=file]').setInputFiles(await pngFile(author));
    await author.waitForFunction(() => document.querySelector('textarea')?.value.includes('![画像](/api/portal/feed/images/'));
    await author.getByRole('button', { name: '投稿する' }).click();
    const mine = author.getByTestId('post').filter({ hasText: text });
    await mine.waitFor();
    const img = mine.locator('img[src^="/api/portal/feed/images/"]');
    await img.waitFor();
    await author.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
    await shot(author, 'portal-feed-ux-phone');

    // The mentioned member is notified.
    const mentioned = await k.newPage(desktop);
    await k.portalLogin(mentioned, b.email);
    await mentioned.goto(`${k.base}/portal/notifications`);
    await mentioned.getByText(`${a.name}さんがあなたをメンションしました`).first().waitFor();

    // The author edits the post: 編集済み.
    await mine.getByRole('button', { name: '編集' }).click();
    const editor = mine.getByLabel('投稿を編集');
    await editor.fill(`${await editor.inputValue()}\n\n（追記しました）`);
    await mine.getByRole('button', { name: '保存' }).click();
    await mine.getByText('（追記しました）').waitFor();
    await mine.getByTestId('edited').waitFor();
    await img.waitFor(); // the image and the mention stay

    // The author comments; another member reports the comment.
    await mine.getByRole('button', { name: /コメント \d+件/ }).click();
    const commentText = `E2E コメント ${stamp}`;
    const box = mine.getByLabel('コメントを書く');
    await box.fill(`${commentText} `);
    await box.pressSequentially(`@${b.name.split(/\s/)[0]}`);
    await mine.getByTestId('mention-list').waitFor();
    await box.press('Enter'); // the keyboard picks the first suggestion
    await mine.getByRole('button', { name: 'コメントする' }).click();
    await mine.getByTestId('comment').filter({ hasText: commentText }).filter({ hasText: '@' }).waitFor();

    const reporter = await k.newPage(desktop);
    await k.portalLogin(reporter, c.email);
    await reporter.goto(`${k.base}/portal/feed`);
    const seen = reporter.getByTestId('post').filter({ hasText: text });
    await seen.getByRole('button', { name: /コメント \d+件/ }).click();
    const comment = seen.getByTestId('comment').filter({ hasText: commentText });
    await comment.waitFor();
    assert.equal(await comment.getByRole('button', { name: '編集' }).count(), 0, 'no edit button on another member’s comment');
    await report(reporter, comment, '宣伝・勧誘', '外部サービスの勧誘です', seen);
    await shot(reporter, 'portal-feed-ux-desktop');

    // HR sees the comment's report in the queue and hides it.
    await hr.goto(`${k.base}/console/feed`);
    const queued = hr.getByTestId('report').filter({ hasText: commentText });
    await queued.waitFor();
    await queued.getByText(/外部サービスの勧誘です/).waitFor();
    await queued.getByRole('button', { name: '非表示にする' }).click();
    await queued.waitFor({ state: 'detached' });

    await reporter.reload();
    const again = reporter.getByTestId('post').filter({ hasText: text });
    await again.getByRole('button', { name: /コメント \d+件/ }).click();
    await again.getByTestId('comments').waitFor();
    await reporter.waitForLoadState('networkidle');
    assert.equal(await again.getByText(commentText).count(), 0, 'the hidden comment is still shown to members');

    // The author deletes the post after a confirm step; it and its image are gone for others.
    const imageURL = await img.getAttribute('src');
    await author.reload();
    const own = author.getByTestId('post').filter({ hasText: text });
    await own.getByRole('button', { name: '削除', exact: true }).click();
    const confirm = author.getByRole('dialog', { name: '削除しますか？' });
    await confirm.waitFor();
    await shot(author, 'portal-feed-delete-phone', { fullPage: false });
    await confirm.getByRole('button', { name: '削除する' }).click();
    await own.waitFor({ state: 'detached' });
    const after = await reporter.evaluate(async (url) => (await fetch(url, { cache: 'no-store' })).status, imageURL);
    assert.equal(after, 404, 'the deleted post’s image is still served to another member');

    // The visitor landing describes the network.
    const visitor = await k.newPage(phone);
    await visitor.goto(`${k.base}/portal/`);
    await visitor.getByTestId('visitor-features').waitFor();
    assert.equal(await visitor.getByText('近日公開').count(), 0);
    await shot(visitor, 'portal-visitor-phone');
    // A member who has not written a profile is asked to, on the home at desktop width.
    const late = (await hr.evaluate(async () => (await (await fetch('/api/alumni?limit=50&offset=900')).json()).items)).find(
      (x) => x.email && x.id % 5 !== 0,
    );
    assert.ok(late, 'a member late in the roster (no demo profile)');
    const wide = await k.newPage(desktop);
    await k.portalLogin(wide, late.email);
    await wide.goto(`${k.base}/portal/`);
    await wide.getByTestId('member-home').getByText(pinnedTitle).waitFor();
    await wide.getByTestId('home-profile').getByRole('link', { name: 'プロフィールを入力する' }).waitFor();
    await shot(wide, 'portal-home-desktop');
    assert.deepEqual(k.pageErrors, []);
  });
});
