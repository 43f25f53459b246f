/**
 * The texts of visit decisions and unassigned reasons in the tenant's language (nl, en). Decisions
 * are stored as code + params; `explainDecision` renders them with the calendar days and clock
 * times of the tenant's time zone. Unknown codes render as the code itself (platform/i18n.ts).
 */
import { defineMessages, renderMessage, type Language, type MessageParams } from '../platform/i18n.ts';
import { FRACTIONS, type Fraction } from '../registry/fractions.ts';
import type { Reason } from './decisions.ts';
import { formatDay, formatWeekdayTime } from './local-time.ts';

export const DECISION_MESSAGES = defineMessages({
  'emergency.fire': { nl: 'brandmelding → noodrit, geen gewone stop', en: 'fire alarm → emergency dispatch, not a routine stop' },
  'skip.fraction-not-planned': { nl: '{fraction} wordt vandaag niet gepland → overslaan', en: '{fraction} is not planned today → skip' },
  'skip.no-collection-day': { nl: 'geen inzameling {fraction} vandaag{holiday}, volgende rit {next} → overslaan', en: 'no {fraction} collection today{holiday}, next round {next} → skip' },
  'must.schedule': { nl: 'vaste route vandaag → moet', en: 'on the fixed schedule today → must' },
  'skip.schedule': { nl: 'niet op de vaste route vandaag → overslaan', en: 'not on the fixed schedule today → skip' },
  'must.alert-overflow': { nl: 'melding: loopt over → moet', en: 'alert: overflowing → must' },
  'skip.no-data': { nl: 'geen meting → overslaan', en: 'no reading → skip' },
  'must.threshold': { nl: '{fill} % nu, drempel {must} % → moet', en: '{fill} % now, threshold {must} % → must' },
  'optional.threshold': { nl: '{fill} % nu, vanaf {may} % → mag', en: '{fill} % now, from {may} % → optional' },
  'skip.threshold': { nl: '{fill} % nu, onder {may} % → overslaan', en: '{fill} % now, below {may} % → skip' },
  'must.forecast-full': { nl: '{fill} % nu, vol {fullAt}, volgende rit {next} → moet', en: '{fill} % now, full {fullAt}, next round {next} → must' },
  'must.forecast-over': { nl: '{fill} % nu, boven {must} %, volgende rit {next} → moet', en: '{fill} % now, above {must} %, next round {next} → must' },
  'must.forecast': { nl: '{fill} % nu, {must} % {mustAt}, volgende rit {next} → moet', en: '{fill} % now, {must} % {mustAt}, next round {next} → must' },
  'optional.forecast': {
    nl: '{fill} % nu, {fillNext} % bij de volgende rit {next}, kans {probabilityAfter} % dat hij de rit erna moet → mag (prijs {prize})',
    en: '{fill} % now, {fillNext} % at the next round {next}, {probabilityAfter} % chance it must go the round after → optional (prize {prize})',
  },
  'skip.forecast': { nl: '{fill} % nu, {fillNext} % bij de volgende rit {next} → overslaan', en: '{fill} % now, {fillNext} % at the next round {next} → skip' },
  // The rate of a forecast that does not rest on the sensor's own readings, put before the reason.
  'source.history': { nl: '{issue} → historisch tempo', en: '{issue} → historic rate' },
  'source.prior': { nl: '{issue} → tempo van vergelijkbare containers', en: '{issue} → rate of similar containers' },
  'issue.silent': { nl: 'sensor {days} dagen stil', en: 'sensor silent for {days} days' },
  'issue.stuck': { nl: 'sensor blijft op één waarde', en: 'sensor stuck on one value' },
  'issue.noisy': { nl: 'sensor meet onrustig', en: 'noisy sensor' },
  'issue.jump': { nl: 'onwaarschijnlijke sprongen', en: 'implausible jumps' },
  'issue.tilted': { nl: 'sensor scheef', en: 'sensor tilted' },
  'issue.low-battery': { nl: 'batterij bijna leeg', en: 'battery nearly empty' },
  'issue.none': { nl: 'te weinig metingen', en: 'too few readings' },
  'unassigned.no-facility': { nl: 'geen stortplaats neemt {fraction} aan', en: 'no facility accepts {fraction}' },
  'unassigned.no-road': { nl: 'geen weg tussen container en depot', en: 'no road between the container and the depot' },
  'unassigned.no-vehicle-type': { nl: 'geen wagen in de vloot neemt {fraction} ({vehicles} wagens)', en: 'no truck of the fleet takes {fraction} ({vehicles} trucks)' },
  'unassigned.no-truck-for-fraction': { nl: 'geen wagen voor {fraction} vandaag ({vehicles} wagens, {assigned})', en: 'no truck for {fraction} today ({vehicles} trucks, {assigned})' },
  'unassigned.not-worth': { nl: 'omweg kost meer dan hij oplevert (prijs {prize})', en: 'the detour costs more than it saves (prize {prize})' },
  'unassigned.no-room': { nl: 'past niet meer in de ritten van vandaag ({vehicles} wagens voor {fraction})', en: 'no room left in today\'s routes ({vehicles} trucks for {fraction})' },
  'unassigned.other': { nl: '{reason}', en: '{reason}' },
});

const FRACTION_NAMES: Record<Fraction, Record<Language, string>> = {
  residual: { nl: 'restafval', en: 'residual waste' },
  paper: { nl: 'papier', en: 'paper' },
  glass: { nl: 'glas', en: 'glass' },
  pmd: { nl: 'pmd', en: 'PMD' },
  organic: { nl: 'gft', en: 'organic waste' },
  textile: { nl: 'textiel', en: 'textiles' },
};

export function fractionName(f: string, lang: Language): string {
  return (FRACTIONS as readonly string[]).includes(f) ? FRACTION_NAMES[f as Fraction][lang] : f;
}

/** "alle restafval" / "2 restafval, 1 glas" from `assignmentSummary`'s "residual=3". */
function assignedText(summary: string, vehicles: number, lang: Language): string {
  const parts = summary.split(',').filter(Boolean).map((p) => p.split('=') as [string, string]);
  if (parts.length === 0) return lang === 'nl' ? 'geen ingezet' : 'none out';
  if (parts.length === 1 && Number(parts[0]![1]) === vehicles) return `${lang === 'nl' ? 'alle' : 'all'} ${fractionName(parts[0]![0], lang)}`;
  return parts.map(([f, n]) => `${n} ${fractionName(f, lang)}`).join(', ');
}

/** Render one reason: calendar dates as day names, instants as weekday and clock time, fractions by name. */
export function explainReason(reason: Reason, lang: Language, timeZone: string): string {
  const p = reason.params;
  const out: Record<string, string | number | null> = { ...p };
  for (const [k, v] of Object.entries(p)) {
    if (typeof v !== 'string') continue;
    if (k.endsWith('At')) out[k] = formatWeekdayTime(Date.parse(v), timeZone, lang);
    else if (k === 'next' || k === 'after') out[k] = formatDay(v, lang);
    else if (k === 'fraction') out[k] = fractionName(v, lang);
  }
  if (typeof p.assigned === 'string') out.assigned = assignedText(p.assigned, Number(p.vehicles ?? 0), lang);
  if (reason.code === 'skip.no-collection-day') out.holiday = p.holiday ? ` (${p.holiday})` : '';
  const text = renderMessage(DECISION_MESSAGES, reason.code, lang, out as MessageParams);
  if (p.source !== 'history' && p.source !== 'prior') return text;
  const issueCode = `issue.${typeof p.issue === 'string' ? p.issue : 'none'}`;
  const issue = renderMessage(DECISION_MESSAGES, issueCode, lang, out as MessageParams);
  return `${renderMessage(DECISION_MESSAGES, `source.${p.source}`, lang, { issue })}: ${text}`;
}

/** A decision's explanation, with what became of it when it was selected but is not on a route. */
export function explainDecision(d: Reason & { unassigned?: Reason }, lang: Language, timeZone: string): string {
  const text = explainReason(d, lang, timeZone);
  return d.unassigned ? `${text}; ${lang === 'nl' ? 'niet gepland' : 'not planned'}: ${explainReason(d.unassigned, lang, timeZone)}` : text;
}
