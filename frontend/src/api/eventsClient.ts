import { request } from './client';
import { ApiError } from './error';
import type { Attendee, MeetupEvent, MeetupInput, NotifyChannel, PortalNotification } from './eventTypes';

/** The HR console's event calls. */
export const eventsApi = {
  list: (signal?: AbortSignal) => request<{ items: MeetupEvent[] }>('/api/events', { signal }),
  get: (id: number, signal?: AbortSignal) => request<MeetupEvent>(`/api/events/${id}`, { signal }),
  create: (e: MeetupInput) => request<MeetupEvent>('/api/events', { method: 'POST', json: e }),
  update: (id: number, e: MeetupInput) => request<MeetupEvent>(`/api/events/${id}`, { method: 'PUT', json: e }),
  cancel: (id: number) => request<MeetupEvent>(`/api/events/${id}/cancel`, { method: 'POST' }),
  attendees: (id: number, signal?: AbortSignal) => request<{ items: Attendee[] }>(`/api/events/${id}/attendees`, { signal }),
  exportUrl: (id: number) => `/api/events/${id}/attendees/export`,
  checkIn: (id: number, alumnusId: number, checkedIn: boolean) =>
    request<void>(`/api/events/${id}/checkin`, { method: 'POST', json: { alumnus_id: alumnusId, checked_in: checkedIn } }),
  remind: (id: number) => request<{ reminded: number }>(`/api/events/${id}/remind`, { method: 'POST' }),
  async uploadPhoto(id: number, f: File): Promise<{ id: number }> {
    const res = await fetch(`/api/events/${id}/photos`, { method: 'POST', body: f, headers: { 'Content-Type': f.type || 'application/octet-stream' }, credentials: 'same-origin' });
    const data = await res.json().catch(() => null);
    if (!res.ok) throw data?.error?.code ? new ApiError(res.status, data.error) : ApiError.local(res.status, 'client.http', 'errors.unexpected');
    return data as { id: number };
  },
  photoUrl: (id: number) => `/api/event-photos/${id}`,
};

/** The portal's event and notification calls (an alumnus's session). */
export const portalEventsApi = {
  list: (past: boolean, signal?: AbortSignal) =>
    request<{ items: MeetupEvent[] }>('/api/portal/events', { query: { past: past ? 1 : undefined }, signal }),
  get: (id: number, signal?: AbortSignal) => request<MeetupEvent>(`/api/portal/events/${id}`, { signal }),
  rsvp: (id: number) => request<MeetupEvent>(`/api/portal/events/${id}/rsvp`, { method: 'POST' }),
  withdraw: (id: number) => request<MeetupEvent>(`/api/portal/events/${id}/rsvp`, { method: 'DELETE' }),
  checkIn: (id: number, code: string) => request<MeetupEvent>(`/api/portal/events/${id}/checkin`, { method: 'POST', json: { code } }),
  photoUrl: (id: number) => `/api/portal/event-photos/${id}`,
  notifications: (signal?: AbortSignal) =>
    request<{ items: PortalNotification[]; unread: number }>('/api/portal/notifications', { signal }),
  markRead: (id: number) => request<void>('/api/portal/notifications/read', { method: 'POST', json: { id } }),
  prefs: (signal?: AbortSignal) => request<{ prefs: Record<string, NotifyChannel> }>('/api/portal/notifications/prefs', { signal }),
  setPrefs: (prefs: Record<string, NotifyChannel>) =>
    request<{ prefs: Record<string, NotifyChannel> }>('/api/portal/notifications/prefs', { method: 'PUT', json: { prefs } }),
};
