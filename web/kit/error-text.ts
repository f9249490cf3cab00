// An API error in the page's language: the code's sentence (web/kit/error-messages.ts) and, in Bengali, each
// field's message (web/kit/field-messages.ts); English keeps the API's own per-field sentence.
import type { ApiErrorCode } from '../../api/error-codes.ts';
import type { ApiError } from './api.ts';
import { errorMessages } from './error-messages.ts';
import { fieldMessageBn } from './field-messages.ts';
import { getLang, type Lang } from './i18n.ts';

const isKnown = (code: string): code is ApiErrorCode => Object.hasOwn(errorMessages.en, code);

/** The sentence for an error code, or undefined for one the API does not define (e.g. a proxy's bare 403). */
export function errorCodeText(code: string, lang: Lang = getLang()): string | undefined {
  return isKnown(code) ? errorMessages[lang][code] : undefined;
}

/** Field path → message to show under that field (details a page set itself are already in its language). */
export function fieldErrorTexts(error: ApiError, lang: Lang = getLang()): Record<string, string> {
  const fields = error.fields;
  if (lang === 'en' || error.code !== 'VALIDATION_FAILED') return fields;
  return Object.fromEntries(Object.keys(fields).map((path) => [path, fieldMessageBn(path)]));
}

/** The whole-form sentence for an API error: its code's, else one chosen by status, else the API's words. */
export function apiErrorText(error: ApiError, lang: Lang = getLang()): string {
  return (
    errorCodeText(error.code, lang) ??
    errorCodeText(
      error.status === 401
        ? 'UNAUTHORIZED'
        : error.status === 403
          ? 'FORBIDDEN'
          : error.status === 404
            ? 'NOT_FOUND'
            : error.status === 413
              ? 'PAYLOAD_TOO_LARGE'
              : error.status === 429
                ? 'TOO_MANY_REQUESTS'
                : error.status >= 500
                  ? 'INTERNAL'
                  : 'HTTP_ERROR',
      lang,
    ) ??
    error.message
  );
}
