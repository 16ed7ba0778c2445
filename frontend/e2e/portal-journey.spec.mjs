// The newcomer's journey through the portal (issue 5), end to end against the
// real kizuna binary in Debian's Chromium, every alumnus at phone size:
// HR invites a leaver → the invitation arrives in the built-in catcher → the
// leaver joins from the link → accepts the purpose of use → answers the
// welcome survey → finds another member in the directory and sees their role
// but not the company they keep for HR → posts → the other member comments
// and reports the post → HR hides it → the other member no longer sees it →
// the newcomer RSVPs to an event and the .ics confirmation is caught.
//
//   KIZUNA_BIN=/path/to/kizuna node --test e2e/portal-journey.spec.mjs

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desktop, icsOf, phone, report, shot, startKizuna } from './harness.mjs';

const owner = 'owner@example.jp';
const eventTitle = 'オンライン勉強会：生成 AI と人事';
let k;

describe('a newcomer’s journey through the portal, on a phone', () => {
  let newcomer; // a demo leaver who is not a member yet
  let peer; // a demo member without a profile yet
  before(async () => {
    k = await startKizuna({ users: [[owner, 'owner']] });
    const row = (q) => {
      const [id, email, name] = k.sql(q).split('|');
      return { id: Number(id), email, name };
    };
    // The demo invites a few non-members already; take one it left alone.
    newcomer = row(`SELECT id, email, name FROM alumni WHERE email <> '' AND id NOT IN (SELECT alumnus_id FROM memberships)
      AND id NOT IN (SELECT alumnus_id FROM invitations) ORDER BY id DESC LIMIT 1`);
    [peer] = k.newMembers(1);
    assert.ok(newcomer.id && peer.id, 'a leaver to invite and a member to meet');
  });
  after(async () => {
    await k?.stop();
    assert.deepEqual(k?.pageErrors ?? [], []);
  });

  test('invited → joins → consents → welcome survey → directory → posts → comment → HR hides → RSVP with .ics', { timeout: 240_000 }, async () => {
    // HR invites the leaver from their page in the console.
    const hr = await k.newPage(desktop);
    await k.login(hr, owner);
    await hr.goto(`${k.base}/console/alumni/${newcomer.id}`);
    await hr.getByTestId('invite-open').click();
    await hr.getByTestId('invite-message').fill('在籍中はありがとうございました。ネットワークでお待ちしています。');
    await hr.getByTestId('invite-send').click();
    await hr.getByTestId('invitation-panel').getByText('送信済み').waitFor();
    const { link } = await k.caughtInvitation(newcomer.email);

    // The peer keeps the company for HR and shows the role.
    const other = await k.newPage(phone);
    await k.portalLogin(other, peer.email);
    await other.goto(`${k.base}/portal/profile`);
    await other.getByTestId('welcome-survey').getByRole('button', { name: 'スキップ' }).click();
    await other.getByRole('textbox', { name: '現在の会社', exact: true }).fill('ないしょ物産株式会社');
    await other.getByRole('textbox', { name: '役職・役割', exact: true }).fill('事業開発マネージャー');
    await other.getByTestId('visibility-company').getByText('人事のみ').click();
    await other.getByRole('button', { name: '保存する' }).click();
    await other.getByRole('status').getByText('保存しました').waitFor();

    // The leaver joins from the link on a phone.
    const me = await k.newPage(phone);
    await me.goto(link);
    await me.getByTestId('invite-join').click();
    const gate = me.getByTestId('purpose-gate');
    await gate.waitFor();
    await shot(me, 'journey-purpose-phone');
    await gate.getByRole('button', { name: '利用目的に同意して進む' }).click();
    const survey = me.getByTestId('welcome-survey');
    await survey.getByLabel('入社年（西暦）').fill('2016');
    await survey.getByLabel('現在の業界').fill('製造業');
    await survey.getByLabel('アルムナイとの交流').check();
    await shot(me, 'journey-survey-phone');
    await survey.getByRole('button', { name: '回答する' }).click();
    await me.getByTestId('member-home').waitFor();
    await shot(me, 'journey-home-phone');
    assert.match(k.sql(`SELECT how FROM memberships WHERE alumnus_id = ${newcomer.id}`), /invitation/);

    // The directory shows the peer's role, not the company kept for HR, and
    // a search on that company finds nobody.
    await me.goto(`${k.base}/portal/directory`);
    const search = me.getByLabel('名前・会社・スキルなどで検索');
    await search.fill(peer.name.split(' ')[0]);
    const card = me.getByTestId('member-card').filter({ hasText: peer.name });
    await card.getByText('事業開発マネージャー').waitFor();
    assert.equal(await card.getByText('ないしょ物産').count(), 0, 'the company kept for HR is shown');
    await shot(me, 'journey-directory-phone');
    await search.fill('ないしょ物産');
    await me.getByText('該当するメンバーはいません').waitFor();

    // The newcomer posts; the peer comments and reports it; HR hides it.
    const text = `はじめまして。2016年入社の者です。製造業の方と情報交換したいです ${Date.now()}`;
    await me.goto(`${k.base}/portal/feed`);
    await me.getByLabel('近況や相談を投稿').fill(text);
    await me.getByRole('button', { name: '投稿する' }).click();
    await me.getByTestId('post').filter({ hasText: text }).waitFor();
    await shot(me, 'journey-posted-phone');

    await other.goto(`${k.base}/portal/feed`);
    const seen = other.getByTestId('post').filter({ hasText: text });
    await seen.getByRole('button', { name: /コメント/ }).first().click();
    await seen.getByLabel('コメントを書く').fill('ようこそ！製造業にいます。ぜひ話しましょう');
    await seen.getByRole('button', { name: 'コメントする' }).click();
    await seen.getByText('ようこそ！製造業にいます。ぜひ話しましょう').waitFor();
    await report(other, seen, '宣伝・勧誘', '念のため確認をお願いします');

    await hr.goto(`${k.base}/console/feed`);
    const queued = hr.getByTestId('report').filter({ hasText: text.slice(0, 20) });
    await queued.getByLabel('投稿者へのメモ（非表示の理由）').fill('確認のため一時的に非表示にしました');
    await queued.getByRole('button', { name: '非表示にする' }).click();
    await queued.waitFor({ state: 'detached' });

    await other.reload();
    await other.getByRole('heading', { name: 'フィード' }).waitFor();
    await other.waitForLoadState('networkidle');
    assert.equal(await other.getByTestId('post').filter({ hasText: text }).count(), 0, 'the peer still sees the hidden post');
    await me.reload();
    await me.getByTestId('post').filter({ hasText: text }).getByText('確認のため一時的に非表示にしました').waitFor();

    // The newcomer RSVPs; the confirmation with its .ics arrives.
    const before = await k.newestMailId(newcomer.email);
    await me.goto(`${k.base}/portal/events`);
    await me.getByText(eventTitle).first().click();
    await me.getByRole('button', { name: '参加する' }).click();
    await me.getByText('参加登録しました').waitFor();
    await shot(me, 'journey-rsvp-phone');
    const confirmation = await k.caughtMail(newcomer.email, /参加登録完了/, before);
    const raw = await (await hr.request.get(`${k.base}/api/mail/caught/${confirmation.id}/raw`)).text();
    const ics = icsOf(raw);
    assert.match(ics, /BEGIN:VCALENDAR/);
    assert.ok(ics.replace(/\r\n /g, '').includes(`SUMMARY;LANGUAGE=ja:${eventTitle}`), ics);
  });
});
