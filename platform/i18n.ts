/**
 * Generated texts (alerts, visit explanations, unassigned reasons, driver instructions) are stored
 * and sent as a code plus parameters and rendered in the tenant's language at the edge. Each
 * domain keeps its own catalog next to its code; this file only knows how to render one.
 */
export type Language = 'nl' | 'en';

export const LANGUAGES: readonly Language[] = ['nl', 'en'];

/** code → template per language; `{name}` is replaced by params.name. */
export type MessageCatalog = Readonly<Record<string, Readonly<Record<Language, string>>>>;

export function defineMessages<const C extends MessageCatalog>(catalog: C): C {
  return catalog;
}

export type MessageParams = Readonly<Record<string, string | number | null | undefined>>;

const numberFormats = new Map<Language, Intl.NumberFormat>();
function formatNumber(lang: Language, n: number): string {
  let f = numberFormats.get(lang);
  if (!f) numberFormats.set(lang, (f = new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 })));
  return f.format(n);
}

/** Render a message; an unknown code renders as the code itself so nothing is ever blank. */
export function renderMessage(catalog: MessageCatalog, code: string, lang: Language, params: MessageParams = {}): string {
  const template = catalog[code]?.[lang] ?? catalog[code]?.en;
  if (!template) return code;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === null || v === undefined) return '';
    return typeof v === 'number' ? formatNumber(lang, v) : v;
  });
}
