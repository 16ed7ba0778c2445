import { ActionIcon, Indicator } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { portalEventsApi } from '../../api/eventsClient';

/**
 * The bell for the portal header: the unread count, linking to the list.
 * Render it only for a logged-in alumnus; it checks again every minute.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    const ctl = new AbortController();
    const load = () => portalEventsApi.notifications(ctl.signal).then((r) => setUnread(r.unread), () => undefined);
    load();
    const timer = setInterval(load, 60_000);
    return () => {
      clearInterval(timer);
      ctl.abort();
    };
  }, []);
  return (
    <Indicator label={unread} size={16} disabled={unread === 0} color="red" offset={4}>
      <ActionIcon component={Link} to="/portal/notifications" variant="subtle" size="lg" aria-label={t('events.notifications.bell', { count: unread })} data-testid="notification-bell">
        <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
      </ActionIcon>
    </Indicator>
  );
}
