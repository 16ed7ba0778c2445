import { DateInput } from '@mantine/dates';
import 'dayjs/locale/ja';
import { useTranslation } from 'react-i18next';

/** What HR types: 2015/04/01, 2015-4-1, 2015.04.01, 20150401, full-width digits too. */
export function parseDate(input: string): string | null {
  const s = input
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/日$/, '')
    .replace(/[／－．.\-年月]/g, '/')
    .replace(/\/$/, '');
  const parts = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!parts) return null;
  const [y, mo, d] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

interface Props {
  label: string;
  name: string;
  /** The API's form, YYYY-MM-DD, or '' for none. */
  value: string;
  error?: string;
  readOnly?: boolean;
  onChange: (value: string) => void;
}

/**
 * A date shown as YYYY/MM/DD whatever the operating system's locale (the
 * browser's <input type=date> follows the OS and shows mm/dd/yyyy under an
 * English one). Typed dates are read in the common Japanese forms; the
 * calendar opens in the selected language.
 */
export function DateField({ label, name, value, error, readOnly, onChange }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <DateInput
      label={label}
      name={name}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      valueFormat="YYYY/MM/DD"
      dateParser={parseDate}
      placeholder={readOnly ? undefined : t('common.datePlaceholder')}
      locale={i18n.language.startsWith('en') ? 'en' : 'ja'}
      monthLabelFormat={i18n.language.startsWith('en') ? 'MMMM YYYY' : 'YYYY年M月'}
      // Japanese calendars start the week on Sunday.
      firstDayOfWeek={0}
      clearable={!readOnly}
      readOnly={readOnly}
      error={error}
      popoverProps={{ withinPortal: true }}
      clearButtonProps={{ 'aria-label': t('common.clearDate') }}
      data-testid={`date-${name}`}
    />
  );
}
