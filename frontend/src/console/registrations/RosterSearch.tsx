import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Candidate } from './api';

/**
 * Finds another roster entry to approve a request as, when none of the
 * suggested candidates is the person (the roster search of the console).
 */
export function RosterSearch({ render }: { render: (c: Candidate) => ReactNode }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Candidate[] | null>(null);
  const [busy, setBusy] = useState(false);
  const search = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const page = await api.alumni({ q, limit: 5 });
      setFound(
        page.items.map((a) => ({
          id: a.id,
          name: a.name,
          name_reading: a.name_reading,
          employee_number: a.employee_number,
          email: a.email,
          join_date: a.join_date,
          leave_date: a.leave_date,
          member: false,
          matches: [],
          score: 0,
        })),
      );
    } catch {
      setFound([]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs">
      <form onSubmit={(e) => void search(e)}>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput size="xs" style={{ flex: 1 }} label={t('register.queue.search')} placeholder={t('register.queue.searchPlaceholder')}
            value={q} onChange={(e) => setQ(e.currentTarget.value)} />
          <Button size="xs" type="submit" variant="default" loading={busy} disabled={q.trim() === ''}>
            {t('register.queue.searchButton')}
          </Button>
        </Group>
      </form>
      {found?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('register.queue.noCandidate')}
        </Text>
      )}
      {found?.map((c) => render(c))}
    </Stack>
  );
}
