import { Button, Modal } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyState } from './api';
import { WelcomeSurvey } from './WelcomeSurvey';

/** On the profile: a member who answered (or skipped) the survey may update the answers, in the current version. */
export function SurveyUpdate({ state, onDone }: { state: SurveyState; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="subtle" size="xs" onClick={() => setOpen(true)} data-testid="survey-update">{t('welcome.portal.update')}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} size="lg" withCloseButton={false} padding={0}>
        {open && <WelcomeSurvey state={state} onDone={() => { setOpen(false); onDone(); }} />}
      </Modal>
    </>
  );
}
