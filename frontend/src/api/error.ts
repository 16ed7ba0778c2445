import type { ParseKeys } from 'i18next';
import { i18n } from '../i18n';
import type { ApiErrorBody } from './types';

/** Picks one side of a server text written as "日本語 / English". */
export function pickLanguage(text: string, lang: string): string {
  const parts = text.split(' / ');
  if (parts.length < 2) return text;
  return lang.startsWith('en') ? parts.slice(1).join(' / ') : parts[0];
}

/** An error answer of the API ({"error":{...}}), or a failure to reach it. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageJa: string;
  readonly messageEn: string;
  readonly fields: Record<string, string>;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message_en || body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.messageJa = body.message;
    this.messageEn = body.message_en || body.message;
    this.fields = body.fields ?? {};
  }

  /** An error raised in the browser, with its text from the translations. */
  static local(status: number, code: string, key: ParseKeys): ApiError {
    return new ApiError(status, {
      code,
      message: i18n.getFixedT('ja')(key),
      message_en: i18n.getFixedT('en')(key),
    });
  }

  text(lang: string): string {
    return lang.startsWith('en') ? this.messageEn : this.messageJa;
  }

  fieldText(field: string, lang: string): string | undefined {
    const reason = this.fields[field];
    return reason === undefined ? undefined : pickLanguage(reason, lang);
  }
}

/** Any thrown value as an ApiError, so screens show one kind of message. */
export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return ApiError.local(0, 'client.unexpected', 'errors.unexpected');
}
