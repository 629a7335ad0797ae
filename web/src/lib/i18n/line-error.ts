import type { LineError } from '@/lib/api/client';
import type { Vars } from './i18n';

/**
 * A CSV line error in the reader's language: the message of its code (`csv.not-a-date`…) with
 * the values it quotes, or the API's English message for a code this dashboard does not know.
 */
export function lineErrorMessage(error: LineError, tx: (key: string, fallback: string, vars?: Vars) => string): string {
  return error.code ? tx(`csv.${error.code}`, error.message, error.args ?? undefined) : error.message;
}
