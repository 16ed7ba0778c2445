import { Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignState, Counts, RecipientState } from '../../api/mailTypes';

/** A badge in a narrow table cell keeps its whole word instead of an ellipsis. */
const whole = { width: 'max-content' };

const stateColors: Record<CampaignState, string> = {
  draft: 'gray',
  scheduled: 'blue',
  running: 'teal',
  paused: 'orange',
  cancelled: 'red',
  finished: 'indigo',
};

export function StateBadge({ state }: { state: CampaignState }) {
  const { t } = useTranslation();
  return (
    <Badge color={stateColors[state] ?? 'gray'} variant="light" tt="none" style={whole} data-testid="campaign-state">
      {t(`mail.state.${state}`)}
    </Badge>
  );
}

const recipientColors: Record<RecipientState, string> = {
  queued: 'gray',
  held: 'orange',
  sending: 'blue',
  sent: 'teal',
  failed: 'red',
  bounced: 'orange',
  suppressed: 'gray',
  unsubscribed: 'yellow',
  cancelled: 'gray',
};

export function RecipientBadge({ state }: { state: RecipientState }) {
  const { t } = useTranslation();
  return (
    <Badge color={recipientColors[state] ?? 'gray'} variant="light" tt="none" size="sm" style={whole}>
      {t(`mail.rstate.${state}`)}
    </Badge>
  );
}

/** One number with its label, in a row of figures. */
export function Figure({ label, value, color, testId }: { label: string; value: ReactNode; color?: string; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" c={color} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </div>
  );
}

/**
 * Who a segment reaches: the four figures, then in plain words who is left
 * out and why (no address, no opt-in, on the suppression list).
 */
export function CountsView({ counts, loading, narrow }: { counts: Counts | undefined; loading?: boolean; narrow?: boolean }) {
  const { t, i18n } = useTranslation();
  const n = (v: number | undefined) => (v === undefined ? '—' : t('mail.audience.people', { count: v }));
  const noEmail = counts ? counts.matched - counts.with_email : 0;
  const noConsent = counts ? counts.with_email - counts.opted_in : 0;
  return (
    <Paper withBorder p="sm" data-testid="audience-counts" style={{ opacity: loading ? 0.6 : 1 }} aria-busy={loading}>
      <SimpleGrid cols={narrow ? 2 : { base: 2, sm: 4 }} spacing="sm">
        <Figure label={t('mail.audience.matched')} value={n(counts?.matched)} testId="count-matched" />
        <Figure label={t('mail.audience.optedIn')} value={n(counts?.opted_in)} />
        <Figure label={t('mail.audience.suppressed')} value={n(counts?.suppressed)} />
        <Figure label={t('mail.audience.reachable')} value={n(counts?.reachable)} color="teal.8" testId="count-reachable" />
      </SimpleGrid>
      {counts && (
        <Stack gap={2} mt="xs" lang={i18n.language}>
          <Text size="sm">
            {t('mail.audience.summary', { matched: counts.matched, reachable: counts.reachable })}
          </Text>
          {noEmail > 0 && (
            <Text size="sm" c="dimmed">
              ・{t('mail.audience.noEmail', { count: noEmail })}
            </Text>
          )}
          {noConsent > 0 && (
            <Text size="sm" c="dimmed">
              ・{t('mail.audience.noConsent', { count: noConsent })}
            </Text>
          )}
          {counts.suppressed > 0 && (
            <Text size="sm" c="dimmed">
              ・{t('mail.audience.onSuppression', { count: counts.suppressed })}
            </Text>
          )}
          {counts.reachable === 0 && (
            <Text size="sm" c="orange.8" fw={500}>
              {t('mail.audience.nobody')}
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}

/**
 * A mail's HTML, shown as the recipient sees it. sandbox="" runs no script,
 * submits no form and gives the frame no access to the console.
 */
export function MailFrame({ html, title, height = 520 }: { html: string; title: string; height?: number }) {
  return (
    <iframe
      title={title}
      sandbox=""
      srcDoc={html}
      data-testid="mail-frame"
      style={{ width: '100%', height, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8, background: 'white' }}
    />
  );
}

export function Row({ children }: { children: ReactNode }) {
  return (
    <Group gap="sm" wrap="wrap" align="flex-end">
      {children}
    </Group>
  );
}
