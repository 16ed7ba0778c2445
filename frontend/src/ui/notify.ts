import { notifications } from '@mantine/notifications';
import { asApiError, type ApiError } from '../api/error';
import { i18n } from '../i18n';

export function notifySuccess(message: string) {
  notifications.show({ color: 'teal', message, autoClose: 3000 });
}

export function notifyError(error: ApiError) {
  notifications.show({ color: 'red', message: error.text(i18n.language), autoClose: 6000 });
}

/**
 * Shows a failed save: the error goes to the form (which marks the fields it
 * names), and a toast says it too when no field is named.
 */
export function showSaveFailure(err: unknown, setFailure: (error: ApiError) => void): ApiError {
  const apiErr = asApiError(err);
  setFailure(apiErr);
  if (Object.keys(apiErr.fields).length === 0) notifyError(apiErr);
  return apiErr;
}
