/** An event (meetup) as the API returns it (app/meetups.Event). */
export interface MeetupEvent {
  id: number;
  title: string;
  description: string;
  description_html: string;
  mode: 'online' | 'onsite';
  place: string;
  online_url?: string;
  starts_at: string;
  ends_at: string;
  capacity: number;
  segment_id: number | null;
  cancelled: boolean;
  going: number;
  waitlisted: number;
  checked_in: number;
  photos: number[];
  my_state?: 'going' | 'waitlist' | 'cancelled' | '';
  checkin_code?: string;
}

export interface MeetupInput {
  title: string;
  description: string;
  mode: 'online' | 'onsite';
  place: string;
  online_url: string;
  starts_at: string;
  ends_at: string;
  capacity: number;
  segment_id: number | null;
}

export interface Attendee {
  alumnus_id: number;
  name: string;
  name_reading: string;
  email: string;
  state: 'going' | 'waitlist' | 'cancelled';
  checked_in: string | null;
}

export interface PortalNotification {
  id: number;
  kind: string;
  title_ja: string;
  title_en: string;
  link: string;
  created_at: string;
  read: boolean;
}

export type NotifyChannel = 'portal' | 'mail' | 'digest' | 'off';

/** Formats an event's time in Japan time, e.g. 2026/12/16(水) 19:00–21:00. */
export function eventWhen(ev: { starts_at: string; ends_at: string }, lang: string): string {
  const opts: Intl.DateTimeFormatOptions = { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit' };
  const loc = lang === 'en' ? 'en-GB' : 'ja-JP';
  const start = new Date(ev.starts_at).toLocaleString(loc, opts);
  const end = new Date(ev.ends_at).toLocaleTimeString(loc, { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' });
  return `${start}–${end}`;
}
