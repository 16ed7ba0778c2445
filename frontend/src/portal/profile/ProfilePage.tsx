import { Avatar, Button, Checkbox, FileButton, Group, Loader, Paper, SegmentedControl, Stack, TagsInput, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError } from '../../api/error';
import { getProfile, getSurvey, optionLabel, saveProfile, uploadPhoto, type Profile, type ProfileField, type SurveyState } from './api';
import { SurveyUpdate } from './SurveyUpdate';
import { WelcomeSurvey } from './WelcomeSurvey';

/** The member's own profile; the welcome survey first while it is pending. */
export default function ProfilePage() {
  const { t, i18n } = useTranslation();
  const [survey, setSurvey] = useState<SurveyState>();
  const [p, setP] = useState<Profile>();
  const [message, setMessage] = useState('');
  const [photoKey, setPhotoKey] = useState(0);
  const load = useCallback(async () => {
    setSurvey(await getSurvey());
    setP(await getProfile());
  }, []);
  useEffect(() => {
    load().catch((err) => setMessage(asApiError(err).text(i18n.language)));
  }, [load, i18n.language]);
  if (!survey || !p) return message ? <Text c="red">{message}</Text> : <Loader />;
  if (survey.pending) return <WelcomeSurvey state={survey} onDone={load} />;

  const vis = (f: ProfileField) => (
    <SegmentedControl size="xs" aria-label={t('profiles.profile.visibilityOf', { field: t(`profiles.fields.${f}`) })} data-testid={`visibility-${f}`} value={p.visibility[f]}
      onChange={(v) => setP({ ...p, visibility: { ...p.visibility, [f]: v as 'alumni' | 'hr' } })}
      data={[{ value: 'alumni', label: t('profiles.visibility.alumni') }, { value: 'hr', label: t('profiles.visibility.hr') }]} />
  );
  const row = (f: ProfileField, input: ReactNode) => (
    <Stack gap={4}>
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600} size="sm">{t(`profiles.fields.${f}`)}</Text>
        {p.hr_hidden?.includes(f) ? <Text size="xs" c="dimmed" data-testid={`hr-hidden-${f}`}>{t('welcome.portal.hrHidden')}</Text> : vis(f)}
      </Group>
      {input}
    </Stack>
  );
  const save = async () => {
    try {
      setP(await saveProfile(p));
      setMessage(t('profiles.profile.saved'));
    } catch (err) {
      setMessage(asApiError(err).text(i18n.language));
    }
  };
  const photo = async (file: File | null) => {
    if (!file) return;
    try {
      setP(await uploadPhoto(file));
      setPhotoKey(photoKey + 1);
      setMessage(t('profiles.profile.photoSaved'));
    } catch (err) {
      setMessage(asApiError(err).text(i18n.language));
    }
  };
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack>
        <Title order={2}>{t('profiles.profile.title')}</Title>
        <Text size="sm" c="dimmed">{t('profiles.profile.lead')}</Text>
        <Group>
          <Avatar size={72} radius="xl" src={p.has_photo ? `/api/portal/profile/photo?v=${photoKey}` : undefined}>{p.name.slice(0, 1)}</Avatar>
          <div>
            <Text fw={700}>{p.name}</Text>
            <Text size="sm" c="dimmed">{p.name_reading}</Text>
          </div>
        </Group>
        {row('photo', (
          <Group>
            <FileButton onChange={photo} accept="image/png,image/jpeg,image/webp">
              {(props) => <Button variant="light" size="xs" {...props}>{t('profiles.profile.photoUpload')}</Button>}
            </FileButton>
            <Text size="xs" c="dimmed">{t('profiles.profile.photoHint')}</Text>
          </Group>
        ))}
        {row('company', <TextInput aria-label={t('profiles.fields.company')} value={p.company} onChange={(e) => setP({ ...p, company: e.currentTarget.value })} />)}
        {row('role', <TextInput aria-label={t('profiles.fields.role')} value={p.role} onChange={(e) => setP({ ...p, role: e.currentTarget.value })} />)}
        {row('industry', <TextInput aria-label={t('profiles.fields.industry')} value={p.industry} onChange={(e) => setP({ ...p, industry: e.currentTarget.value })} />)}
        {row('job_type', <TextInput aria-label={t('profiles.fields.job_type')} value={p.job_type} onChange={(e) => setP({ ...p, job_type: e.currentTarget.value })} />)}
        {row('join_year', <Text size="sm">{p.join_year || '—'}</Text>)}
        {row('skills', <TagsInput aria-label={t('profiles.fields.skills')} description={t('profiles.profile.skillsHint')} value={p.skills} onChange={(v) => setP({ ...p, skills: v })} />)}
        {row('interests', <TagsInput aria-label={t('profiles.fields.interests')} value={p.interests} onChange={(v) => setP({ ...p, interests: v })} />)}
        {row('open_to', (
          <Checkbox.Group aria-label={t('profiles.fields.open_to')} value={p.open_to} onChange={(v) => setP({ ...p, open_to: v })}>
            <Group>{survey.survey.open_to.filter((o) => !o.retired || p.open_to.includes(o.key)).map((o) => <Checkbox key={o.key} value={o.key} label={optionLabel(survey.survey.open_to, o.key, i18n.language)} />)}</Group>
          </Checkbox.Group>
        ))}
        {row('bio', <Textarea aria-label={t('profiles.fields.bio')} autosize minRows={3} value={p.bio} onChange={(e) => setP({ ...p, bio: e.currentTarget.value })} />)}
        {message && <Text role="status" size="sm">{message}</Text>}
        <Group justify="flex-end">
          <SurveyUpdate state={survey} onDone={load} />
          <Button onClick={save}>{t('profiles.profile.save')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
