/** Texts of the forecast's fallback codes (rendered with platform/i18n.ts renderMessage). */
import { defineMessages } from '../platform/i18n.ts';

export const FORECAST_MESSAGES = defineMessages({
  'sensor-silent': { nl: 'sensor {days} dagen stil → {source}', en: 'sensor silent for {days} days → {source}' },
  'sensor-stuck': { nl: 'sensor {days} dagen vastgelopen → {source}', en: 'sensor stuck for {days} days → {source}' },
  'sensor-tilted': { nl: 'sensor {days} dagen scheef → {source}', en: 'sensor tilted for {days} days → {source}' },
  'sensor-jumps': { nl: 'sensor springt onwaarschijnlijk → {source}', en: 'sensor jumps implausibly → {source}' },
  'sensor-noisy': { nl: 'sensor meet onrustig → {source}', en: 'sensor readings noisy → {source}' },
  'short-history': { nl: 'korte geschiedenis → tempo van {containers} vergelijkbare containers', en: 'short history → rate of {containers} similar containers' },
  'no-data': { nl: 'geen metingen → tempo onbekend', en: 'no readings → rate unknown' },
  history: { nl: 'historisch tempo', en: 'historic rate' },
  prior: { nl: 'tempo van vergelijkbare containers', en: 'rate of similar containers' },
  sensor: { nl: 'sensortempo', en: 'sensor rate' },
});
