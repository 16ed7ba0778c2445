import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const reasons = ['spam', 'harassment', 'privacy', 'confidential', 'other'] as const;

/** Asks before deleting; onConfirm runs on "削除する". */
export function ConfirmDelete({ opened, message, onClose, onConfirm }: { opened: boolean; message: string; onClose: () => void; onConfirm: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('feedux.confirmDeleteTitle')} centered>
      <Text size="sm">{message}</Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          {t('feedux.cancel')}
        </Button>
        <Button color="red" onClick={onConfirm}>
          {t('feedux.deleteConfirm')}
        </Button>
      </Group>
    </Modal>
  );
}

/** A report: a reason from the list and optional details, sent as one text ("理由：詳細"). */
export function ReportDialog({ opened, onClose, onSend }: { opened: boolean; onClose: () => void; onSend: (reason: string) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<string | null>(null);
  const [detail, setDetail] = useState('');
  const send = () => {
    const label = t(`feedux.reportReasons.${kind as (typeof reasons)[number]}`);
    onSend(detail.trim() ? `${label}：${detail.trim()}` : label);
    setKind(null);
    setDetail('');
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('feedux.reportTitle')} centered>
      <Stack gap="sm">
        <Select
          label={t('feedux.reportKind')}
          data={reasons.map((r) => ({ value: r, label: t(`feedux.reportReasons.${r}`) }))}
          value={kind}
          onChange={setKind}
          comboboxProps={{ withinPortal: false }}
        />
        <Textarea label={t('feedux.reportDetail')} value={detail} onChange={(e) => setDetail(e.currentTarget.value)} autosize minRows={2} maxLength={900} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('feedux.cancel')}
          </Button>
          <Button onClick={send} disabled={!kind}>
            {t('feedux.reportSend')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
