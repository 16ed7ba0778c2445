import { notifications } from '@mantine/notifications';
import type { ApiError } from '../api/error';
import { i18n } from '../i18n';

export function notifySuccess(message: string) {
  notifications.show({ color: 'teal', message, autoClose: 3000 });
}

export function notifyError(error: ApiError) {
  notifications.show({ color: 'red', message: error.text(i18n.language), autoClose: 6000 });
}
