import { Button, Group, NumberInput, PasswordInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiError } from '../../api/error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifySuccess } from '../../ui/notify';
import { local, pluginsApi, type Plugin, type SettingField } from './api';

/** The settings form, rendered from the plugin's settings schema. */
export function SettingsForm({ plugin, onSaved }: { plugin: Plugin; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const fields = plugin.manifest.settings ?? [];
  const [values, setValues] = useState<Record<string, unknown>>(() => initial(fields, plugin.settings));
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  if (fields.length === 0) return <Text c="dimmed">{t('plugins.noSettings')}</Text>;

  const set = (key: string, v: unknown) => setValues((old) => ({ ...old, [key]: v }));
  const save = async () => {
    setBusy(true);
    try {
      await pluginsApi.saveSettings(plugin.id, values);
      setError(undefined);
      notifySuccess(t('plugins.settingsSaved'));
      onSaved();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (key: string) => error?.fields?.[key];

  return (
    <Stack gap="sm">
      {error && <ErrorAlert error={error} />}
      {fields.map((f) => {
        const common = {
          key: f.key,
          label: local(f.label, i18n.language),
          description: local(f.help, i18n.language) || undefined,
          required: f.required,
          error: fieldError(f.key),
        };
        switch (f.type) {
          case 'boolean':
            return (
              <Switch
                {...common}
                checked={values[f.key] === true}
                onChange={(e) => set(f.key, e.currentTarget.checked)}
              />
            );
          case 'number':
            return (
              <NumberInput
                {...common}
                value={typeof values[f.key] === 'number' ? (values[f.key] as number) : ''}
                onChange={(v) => set(f.key, typeof v === 'number' ? v : undefined)}
              />
            );
          case 'select':
            return (
              <Select
                {...common}
                data={(f.options ?? []).map((o) => ({ value: o.value, label: local(o.label, i18n.language) }))}
                value={(values[f.key] as string) ?? null}
                onChange={(v) => set(f.key, v ?? undefined)}
              />
            );
          default: {
            const Input = f.secret ? PasswordInput : TextInput;
            return (
              <Input
                {...common}
                value={(values[f.key] as string) ?? ''}
                onChange={(e) => set(f.key, e.currentTarget.value)}
              />
            );
          }
        }
      })}
      <Group>
        <Button onClick={save} loading={busy}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function initial(fields: SettingField[], saved: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f.key] = saved?.[f.key] ?? f.default;
  return out;
}
