import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError } from '../api/client.js';

/** Turns whatever a call threw into a sentence for the reader: the server's own message when it sent one. */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation('common');
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) return error.localized(i18n.language);
      if (error instanceof NetworkError)
        return error.status === null ? t('errors.network') : t('errors.unexpected', { status: error.status });
      return t('errors.unknown');
    },
    [t, i18n.language],
  );
}
