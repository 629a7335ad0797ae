import type { LineError } from '@/lib/api/client';
import { dictionaries, type Language, type MessageKey } from './i18n';

/**
 * A CSV line error in the reader's language: the message of its code (`csv.not-a-date`…) with
 * the values it quotes, or the API's English message for a code this dashboard does not know.
 */
export function lineErrorMessage(error: LineError, t: (key: MessageKey, vars?: Record<string, string>) => string, lang: Language): string {
  const key = `csv.${error.code ?? ''}`;
  if (!error.code || !(key in dictionaries[lang])) return error.message;
  return t(key as MessageKey, error.args ?? undefined);
}
