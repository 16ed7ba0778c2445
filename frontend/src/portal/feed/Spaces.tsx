import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/client';

interface Space {
  id: number;
  name: string;
  description: string;
  members: number;
  joined: boolean;
}

/** The spaces (groups by join era, job type, region or topic), with join and leave; onChange reloads the feed. */
export function Spaces({ onChange }: { onChange: () => void }) {
  const { t } = useTranslation();
  const [spaces, setSpaces] = useState<Space[]>([]);
  const load = () => request<{ items: Space[] }>('/api/portal/spaces').then((r) => setSpaces(r.items), () => setSpaces([]));
  useEffect(() => {
    load();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  const toggle = async (s: Space) => {
    await request(`/api/portal/spaces/${s.id}/${s.joined ? 'leave' : 'join'}`, { method: 'POST' });
    await load();
    onChange();
  };
  if (spaces.length === 0) return null;
  return (
    <Card withBorder radius="md" data-testid="spaces">
      <Text fw={700} mb="xs">
        {t('feed.spaces')}
      </Text>
      <Stack gap={6}>
        {spaces.map((s) => (
          <Group key={s.id} justify="space-between" wrap="nowrap">
            <div>
              <Text size="sm" fw={600}>
                {s.name}{' '}
                <Badge size="xs" variant="light" color="gray">
                  {t('feed.members', { count: s.members })}
                </Badge>
              </Text>
              <Text size="xs" c="dimmed">
                {s.description}
              </Text>
            </div>
            <Button size="compact-xs" variant={s.joined ? 'light' : 'filled'} onClick={() => toggle(s)}>
              {s.joined ? t('feed.leave') : t('feed.join')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
