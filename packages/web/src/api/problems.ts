import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './client.ts';

// Problem types the UI explains in the user's language; others show the server's words.
const KNOWN = new Set([
  'invalid-credentials',
  'totp-required',
  'totp-invalid',
  'account-locked',
  'account-disabled',
  'rate-limited',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'validation',
  'validation-error',
  'csrf',
  'network',
  'unauthenticated',
  'totp-enrolment-required',
  'totp-required-by-admin',
  'totp-already-enabled',
  'username-taken',
  'self-lockout',
  'malformed-body',
]);

/** Turns an error into a sentence in the current language. */
export function useProblemMessage(): (err: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiError) {
        const kind = err.kind;
        if (KNOWN.has(kind)) return t(`problems.${kind}`);
        if (err.status === 401) return t('problems.unauthorized');
        if (err.status === 403) return t('problems.forbidden');
        if (err.status === 404) return t('problems.not-found');
        if (err.status === 429) return t('problems.rate-limited');
        return err.problem.detail ?? err.problem.title;
      }
      return t('problems.generic');
    },
    [t],
  );
}

/** Field errors of a failed request, if it was one. */
export function fieldErrorsOf(err: unknown): Record<string, string> {
  return err instanceof ApiError ? err.fieldErrors : {};
}
