import { Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** When set, the user must tick this statement before confirming. */
  acknowledge?: string;
  busy?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/** A destructive action's last question, with a red confirm button. */
export function ConfirmDialog({ opened, title, children, confirmLabel, acknowledge, busy, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  const [ticked, setTicked] = useState(false);
  useEffect(() => {
    if (opened) setTicked(false);
  }, [opened]);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<Text fw={700}>{title}</Text>}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      centered
    >
      <Stack>
        {children}
        {acknowledge && (
          <Checkbox label={acknowledge} checked={ticked} onChange={(e) => setTicked(e.currentTarget.checked)} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={onConfirm} loading={busy} disabled={Boolean(acknowledge) && !ticked}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
