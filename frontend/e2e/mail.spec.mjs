// End-to-end test of the mail screens (issue 3) against the real kizuna
// binary in Debian's Chromium: a segment with its live count, a campaign with
// a merge field and its preview, a broken template shown at the field, a test
// send, start without a sender identity (the message and the link), start
// with one, progress to the end, and the Japanese subject decoded in the
// built-in mailbox. Screenshots at desktop and phone sizes.
//
//   KIZUNA_BIN=/path/to/kizuna node --test e2e/mail.spec.mjs

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desktop, phone, shot, startKizuna } from './harness.mjs';

const owner = 'owner@example.jp';
const viewer = 'viewer@example.jp';
const subject = '{{姓}} 様、E2E 交流会のご案内';
const body = [
  '{{姓|卒業生}} 様',
  '',
  'ご無沙汰しております。**秋のアルムナイ交流会**を開催します。',
  '',
  '- 日時: 2026年11月28日（土）18:00〜',
  '- 場所: 東京本社 20F ラウンジ',
].join('\n');

const identity = {
  送信者名: '株式会社きずな商事 人事部',
  送信元アドレス: 'alumni@kizuna-shoji.example.jp',
  住所: '〒100-0001 東京都千代田区千代田1-1',
  連絡先: '03-1234-5678',
};

let k;

/** Fills the sender identity on the mail settings page (or empties it) and saves. */
async function setIdentity(page, values) {
  await page.goto(`${k.base}/console/mail/settings`);
  const card = page.getByTestId('identity');
  for (const [label, value] of Object.entries(values)) await card.getByLabel(label).fill(value);
  await page.getByRole('button', { name: '設定を保存' }).first().click();
  await page.getByText('保存しました').first().waitFor();
  return card;
}

/** The number shown in one of the live count figures ("1,234 名" → 1234). */
async function figure(page, testId) {
  const text = await page.getByTestId(testId).locator('p').nth(1).innerText();
  return Number(text.replace(/[^0-9]/g, ''));
}

describe('mail screens in a real browser', () => {
  before(async () => {
    k = await startKizuna({ users: [[owner, 'owner'], [viewer, 'viewer']] });
  });
  after(async () => {
    await k?.stop();
  });

  test('segment with a live count, campaign with preview and test send, start, progress, mailbox', { timeout: 180_000 }, async () => {
    const page = await k.newPage(desktop);
    await k.login(page, owner);

    // The mail section and its campaigns (demo: one finished, one draft).
    await page.getByRole('link', { name: 'メール配信' }).first().click();
    await page.getByTestId('campaigns-table').waitFor();
    await shot(page, 'mail-campaigns-desktop');

    // A segment: the count follows the filter as it changes.
    await page.getByRole('tab', { name: 'セグメント' }).click();
    await page.getByTestId('segments-table').waitFor();
    await shot(page, 'mail-segments-desktop');
    await page.getByRole('link', { name: '新規セグメント' }).click();
    await page.getByLabel('セグメント名').fill('E2E 2010年代入社');
    await page.getByTestId('count-matched').getByText(/名/).waitFor();
    const all = await figure(page, 'count-matched');
    assert.ok(all > 0, 'the empty filter matches everyone');
    await page.getByRole('textbox', { name: 'から' }).first().fill('2010');
    await page.getByRole('textbox', { name: 'まで' }).first().fill('2019');
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=count-matched] p:nth-of-type(2)')?.textContent?.replace(/[^0-9]/g, '')) < n,
      all,
    );
    const reachable = await figure(page, 'count-reachable');
    assert.ok(reachable > 0 && reachable < all, `reachable ${reachable} of ${all}`);
    await page.getByTestId('audience-counts').getByText(/配信同意のない .* 名には送信されません/).waitFor();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('segment-members').waitFor();
    await shot(page, 'mail-segment-editor-desktop');

    // A campaign: merge field in the subject, live preview with the value.
    await page.getByRole('tab', { name: 'キャンペーン' }).click();
    await page.getByRole('link', { name: '新規キャンペーン' }).click();
    await page.getByLabel('キャンペーン名（管理用）').fill('E2E 秋の交流会');
    await page.getByLabel('差出人名').fill('株式会社きずな商事 人事部');
    await page.getByTestId('subject-input').fill(subject);
    await page.getByTestId('body-input').fill(body);
    await page.getByTestId('audience-select').click();
    await page.getByRole('option', { name: /E2E 2010年代入社/ }).click();
    await page.getByTestId('audience-counts').getByText(/名が条件に一致/).waitFor();
    const previewSubject = page.getByTestId('preview-subject');
    await previewSubject.getByText(/様、E2E 交流会のご案内$/).waitFor();
    assert.doesNotMatch(await previewSubject.innerText(), /\{\{/);
    const frame = page.frameLocator('[data-testid=preview-pane] iframe');
    await frame.getByText('秋のアルムナイ交流会').first().waitFor();
    assert.equal(await page.locator('[data-testid=preview-pane] iframe').getAttribute('sandbox'), '');

    // A broken template is shown at its field before anything is sent.
    await page.getByTestId('body-input').fill('{{姓 様\n本文');
    await page.getByTestId('template-error').waitFor();
    await page.getByTestId('preview-error').waitFor();
    assert.ok(await page.getByTestId('test-send').isDisabled(), 'no test send with a broken template');
    await shot(page, 'mail-editor-template-error-desktop');
    await page.getByTestId('body-input').fill(body);
    await page.getByTestId('template-error').waitFor({ state: 'detached' });
    await previewSubject.waitFor();

    // Per-recipient preview: pick a member of the segment.
    await page.getByTestId('preview-recipient').click();
    const member = page.getByRole('option').nth(1);
    const memberName = (await member.innerText()).split('（')[0];
    await member.click();
    await page.getByTestId('preview-pane').getByText(new RegExp(`宛先: ${memberName}`)).waitFor();
    const family = memberName.split(' ')[0];
    await previewSubject.getByText(`${family} 様、E2E 交流会のご案内`).waitFor();
    await shot(page, 'mail-editor-desktop');

    // Test send to myself: the server's reply is shown.
    await page.getByTestId('test-send').click();
    await page.getByText(/テストメールを送信しました/).waitFor({ timeout: 30_000 });

    await page.getByRole('button', { name: '保存して配信設定へ' }).click();
    await page.waitForURL(/\/console\/mail\/campaigns\/\d+$/);
    await page.getByTestId('campaign-name').getByText('E2E 秋の交流会').waitFor();
    await shot(page, 'mail-campaign-draft-desktop');

    // Start, confirm, and watch it reach the end (with a sender identity: the demo may not set one).
    const campaignUrl = page.url();
    await setIdentity(page, identity);
    await page.goto(campaignUrl);
    await page.getByTestId('start').click();
    await page.getByRole('dialog').getByRole('button', { name: '配信を開始' }).click();
    await page.getByTestId('campaign-state').getByText('完了').waitFor({ timeout: 90_000 });
    await page.getByTestId('progress-text').getByText(/100%/).waitFor();
    assert.equal(await figure(page, 'count-sent'), reachable);
    await page.getByTestId('recipient-row').first().waitFor();
    await shot(page, 'mail-campaign-done-desktop');

    // The recipient log searches on the server.
    await page.getByRole('searchbox', { name: '氏名・メールアドレスで検索' }).fill(memberName);
    await page.getByTestId('recipient-row').filter({ hasText: memberName }).first().waitFor();

    // The built-in mailbox caught the mail, its Japanese subject decoded.
    await page.getByRole('tab', { name: '受信箱（テスト用）' }).click();
    await page.getByRole('searchbox', { name: '件名・宛先で検索' }).fill('E2E 交流会');
    await page.getByTestId('inbox-item').filter({ hasText: `${family} 様、E2E 交流会のご案内` }).first().click();
    await page.getByTestId('inbox-subject').getByText(`${family} 様、E2E 交流会のご案内`).waitFor();
    await page.frameLocator('[data-testid=inbox-message] iframe').getByText('秋のアルムナイ交流会').first().waitFor();
    await page.getByRole('tab', { name: 'ヘッダー' }).click();
    await page.getByTestId('inbox-headers').getByText('List-Unsubscribe-Post').waitFor();
    await page.getByRole('tab', { name: 'ソース' }).click();
    await page.getByText(/=\?(UTF|utf)-8\?/).first().waitFor();
    await page.getByRole('tab', { name: '表示' }).click();
    await shot(page, 'mail-inbox-desktop');
    await page.context().close();
  });

  test('without a sender identity a campaign does not start, and says where to set it', { timeout: 90_000 }, async () => {
    const page = await k.newPage(desktop);
    await k.login(page, owner);
    const card = await setIdentity(page, { 送信者名: '', 住所: '', 連絡先: '' });
    await card.getByRole('alert').waitFor();
    await shot(page, 'mail-settings-missing-desktop');

    await page.goto(`${k.base}/console/mail`);
    await page.getByRole('link', { name: 'E2E 秋の交流会', exact: true }).click();
    await page.getByRole('button', { name: '複製' }).click();
    await page.waitForURL(/\/edit$/);
    await page.getByRole('button', { name: '保存して配信設定へ' }).click();
    await page.waitForURL(/\/campaigns\/\d+$/);
    await page.getByTestId('start').click();
    await page.getByRole('dialog').getByRole('button', { name: '配信を開始' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const alert = page.getByTestId('no-identity');
    await alert.getByTestId('no-identity-reason').waitFor();
    await alert.getByRole('link', { name: 'メール設定を開く' }).waitFor();
    await page.getByTestId('campaign-state').getByText('下書き').waitFor();
    await shot(page, 'mail-no-identity-desktop');
    const draftUrl = page.url();
    await alert.getByRole('link', { name: 'メール設定を開く' }).click();
    await page.waitForURL(/\/console\/mail\/settings$/);
    await setIdentity(page, identity);
    assert.equal(await card.getByRole('alert').count(), 0);
    await shot(page, 'mail-settings-desktop');

    // With the identity back, the draft is scheduled (Japan time, 10:00 by
    // default) and then cancelled after confirming.
    await page.goto(draftUrl);
    await page.getByTestId('schedule-at').click();
    await page.locator('[data-direction="next"]').first().click();
    await page.getByRole('button', { name: /15/ }).first().click();
    await page.getByRole('button', { name: '日時を確定' }).click();
    await page.getByRole('button', { name: '予約する' }).click();
    await page.getByTestId('campaign-state').getByText('予約済み').waitFor();
    await page.getByText(/15 10:00（日本時間）に配信を開始します。/).waitFor();
    await shot(page, 'mail-scheduled-desktop', { fullPage: false });
    await page.getByRole('button', { name: '配信を中止' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox').check();
    await dialog.getByRole('button', { name: '配信を中止' }).click();
    await page.getByTestId('campaign-state').getByText('中止').waitFor();

    // "Send test" with an unreachable relay, typed but not saved: the
    // classified error, and nothing saved.
    await page.goto(`${k.base}/console/mail/settings`);
    await page.getByRole('radio', { name: /SMTP リレー/ }).check();
    await page.getByLabel('SMTP サーバー（ホスト:ポート）').fill('127.0.0.1:9');
    await page.getByTestId('settings-test-run').click();
    const result = page.getByTestId('settings-test-result');
    await result.getByText('送信できませんでした').waitFor({ timeout: 30_000 });
    await result.getByText(/mail\.relay_/).waitFor();
    await shot(page, 'mail-settings-test-failed-desktop');
    await page.reload();
    assert.ok(await page.getByRole('radio', { name: /内蔵の受信箱/ }).isChecked(), 'the failed test saved nothing');
    await page.context().close();
  });

  test('consent on the alumnus page: record on paper, revoke', { timeout: 60_000 }, async () => {
    const page = await k.newPage(desktop);
    await k.login(page, owner);
    await page.goto(`${k.base}/console/alumni`);
    // Find someone not opted in: walk the first rows.
    for (let i = 0; i < 20; i++) {
      await page.goto(`${k.base}/console/alumni`);
      await page.locator('tbody tr').nth(i).click();
      await page.getByTestId('consent-state').waitFor();
      if ((await page.getByTestId('consent-state').innerText()).includes('配信同意なし')) break;
    }
    const panel = page.getByTestId('consent-panel');
    await panel.getByRole('button', { name: '同意を記録' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '同意を記録' }).click();
    await panel.getByTestId('consent-state').getByText('配信同意あり').waitFor();
    await panel.getByText('書面').first().waitFor();
    await shot(page, 'mail-consent-desktop');
    await panel.getByRole('button', { name: '同意を撤回' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '同意を撤回' }).click();
    await panel.getByTestId('consent-state').getByText('配信同意なし').waitFor();
    await page.context().close();
  });

  test('a viewer sees campaigns but no buttons to change them', { timeout: 60_000 }, async () => {
    const page = await k.newPage(desktop);
    await k.login(page, viewer);
    await page.goto(`${k.base}/console/mail`);
    await page.getByTestId('campaigns-table').waitFor();
    assert.equal(await page.getByRole('link', { name: '新規キャンペーン' }).count(), 0);
    assert.equal(await page.getByRole('tab', { name: 'メール設定' }).count(), 0);
    await page.getByRole('link', { name: 'E2E 秋の交流会', exact: true }).click();
    await page.getByTestId('recipient-log').waitFor();
    assert.equal(await page.getByTestId('start').count(), 0);
    assert.equal(await page.getByRole('button', { name: '複製' }).count(), 0);
    await page.goto(`${k.base}/console/mail/settings`);
    await page.getByText('この画面を表示する権限がありません。').waitFor();
    await page.context().close();
  });

  test('phone-width mail screens', { timeout: 60_000 }, async () => {
    const page = await k.newPage(phone);
    await k.login(page, owner);
    await page.goto(`${k.base}/console/mail`);
    await page.getByTestId('campaigns-table').waitFor();
    await shot(page, 'mail-campaigns-phone');
    await page.getByRole('link', { name: 'E2E 秋の交流会', exact: true }).click();
    await page.getByTestId('progress').waitFor();
    await shot(page, 'mail-campaign-phone');
    await page.goto(`${k.base}/console/mail/inbox`);
    await page.getByTestId('inbox-item').first().click();
    await page.getByTestId('inbox-subject').waitFor();
    await shot(page, 'mail-inbox-phone');
    await page.goto(`${k.base}/console/mail/segments/new`);
    await page.getByTestId('count-matched').getByText(/名/).waitFor();
    await shot(page, 'mail-segment-phone');
    await page.context().close();
  });

  test('no script errors on any page', () => {
    assert.deepEqual(k.pageErrors, []);
  });
});
