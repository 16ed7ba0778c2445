// End-to-end test of events (issue 5) against the real kizuna binary in
// Debian's Chromium: an alumnus opens an event in the portal and RSVPs; the
// confirmation with its .ics invitation arrives in the built-in catcher; HR
// sees them in the attendee list and ticks them present. Screenshots of the
// portal and console pages at desktop and phone sizes.
//
//   KIZUNA_BIN=/path/to/kizuna node --test e2e/portal-events.spec.mjs

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { desktop, icsOf, phone, shot, startKizuna } from './harness.mjs';

const owner = 'owner@example.jp';
const eventTitle = 'オンライン勉強会：生成 AI と人事';

let k;

describe('portal events', () => {
  before(async () => {
    k = await startKizuna({ users: [[owner, 'owner']] });
  });
  after(async () => {
    await k?.stop();
  });

  test('an alumnus RSVPs, the .ics confirmation is caught, HR checks them in', { timeout: 180_000 }, async () => {
    const hr = await k.newPage(desktop, { downloads: true });
    await k.login(hr, owner);
    await hr.goto(`${k.base}/console/events`);
    await hr.getByTestId('events-table').getByText(eventTitle).click();
    await hr.getByTestId('attendees-table').waitFor();
    await shot(hr, 'events-console-desktop');
    const eventId = Number(hr.url().split('/').at(-1));
    const attendees = await (await hr.request.get(`${k.base}/api/events/${eventId}/attendees`)).json();
    const taken = new Set(attendees.items.map((a) => a.alumnus_id));
    const page1 = await (await hr.request.get(`${k.base}/api/alumni?limit=50`)).json();
    const alumnus = (page1.items ?? []).find((a) => a.email && !taken.has(a.id));
    assert.ok(alumnus, 'a demo alumnus with an address who has not answered');

    await hr.request.delete(`${k.base}/api/mail/caught`);
    for (const viewport of [phone, desktop]) {
      const page = await k.newPage(viewport);
      await k.portalLogin(page, alumnus.email);
      await page.goto(`${k.base}/portal/events`);
      await page.getByText(eventTitle).first().waitFor();
      const size = viewport === phone ? 'phone' : 'desktop';
      await shot(page, `events-portal-list-${size}`);
      // Past events show HR's photos (the demo's generated images).
      await page.getByRole('tab', { name: '過去のイベント' }).click();
      await page.getByText('秋のアルムナイ BBQ').waitFor();
      await page.locator('[data-testid=event-card] img').first().waitFor();
      await shot(page, `events-portal-past-${size}`);
      await page.getByRole('tab', { name: '開催予定' }).click();
      if (viewport === phone) continue;
      await page.getByText(eventTitle).first().click();
      await page.getByRole('button', { name: '参加する' }).click();
      await page.getByText('参加登録しました').waitFor();
      await page.getByText('参加用 URL').waitFor();
      await shot(page, 'events-portal-detail-desktop');
      // Preferences per kind: a weekly digest for reactions.
      await page.goto(`${k.base}/portal/notifications`);
      await page.getByRole('combobox', { name: 'リアクション' }).click();
      await page.getByRole('option', { name: '週1回まとめて' }).click();
      await page.getByText('受け取り方を保存しました').waitFor();
      await shot(page, 'events-portal-notifications-desktop');
    }

    // The confirmation with the invitation is in the built-in mailbox.
    let caught;
    for (let i = 0; i < 50 && !caught; i++) {
      const list = await (await hr.request.get(`${k.base}/api/mail/caught`)).json();
      caught = (list.items ?? []).find((m) => m.subject.includes('参加登録完了'));
      if (!caught) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(caught, 'the RSVP confirmation was caught');
    assert.ok(caught.subject.includes(eventTitle), caught.subject);
    const raw = await (await hr.request.get(`${k.base}/api/mail/caught/${caught.id}/raw`)).text();
    const ics = icsOf(raw);
    assert.match(ics, /BEGIN:VCALENDAR/);
    assert.match(ics, /DTSTART;TZID=Asia\/Tokyo:\d{8}T200000/);
    assert.ok(ics.replace(/\r\n /g, '').includes(`SUMMARY;LANGUAGE=ja:${eventTitle}`), ics);

    // HR ticks the alumnus present.
    await hr.reload();
    const box = hr.getByRole('checkbox', { name: `出席: ${alumnus.name}` });
    await box.click(); // controlled: ticked once the server has it
    await hr.getByText('出席 1 名').first().waitFor();
    const after = await (await hr.request.get(`${k.base}/api/events/${eventId}`)).json();
    assert.equal(after.checked_in, 1);
    await shot(hr, 'events-console-checkin-desktop');
    // The attendee list downloads as a CSV that Excel opens (BOM), with them in it.
    const [download] = await Promise.all([hr.waitForEvent('download'), hr.getByRole('button', { name: 'CSV ダウンロード（Excel）' }).click()]);
    assert.equal(download.suggestedFilename(), `event-${eventId}-attendees.csv`);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.ok(csv.startsWith('\ufeff') && csv.includes(alumnus.name), csv.slice(0, 300));
    const phoneHr = await k.newPage(phone);
    await k.login(phoneHr, owner);
    await phoneHr.goto(`${k.base}/console/events/${eventId}`);
    await phoneHr.getByTestId('attendees-table').waitFor();
    await shot(phoneHr, 'events-console-phone');
    assert.deepEqual(k.pageErrors, []);
  });
});
