/** A forecast's fallback as a sentence in the tenant's language ("sensor 3 dagen stil → historisch tempo"). */
import { renderMessage, type Language } from '../platform/i18n.ts';
import { FORECAST_MESSAGES } from './messages.ts';
import type { ForecastFallback } from './types.ts';

export function explainFallback(fallback: ForecastFallback, lang: Language): string {
  const source = typeof fallback.params.source === 'string' ? renderMessage(FORECAST_MESSAGES, fallback.params.source, lang) : undefined;
  return renderMessage(FORECAST_MESSAGES, fallback.code, lang, { ...fallback.params, source });
}
