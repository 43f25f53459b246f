/**
 * The names municipalities give their fractions in files (Dutch and English, any case), mapped to
 * the product's fractions. A name not listed is an unknown fraction code, reported with the row.
 */
import { isFraction, type Fraction } from '../fractions.ts';

const NAMES: Readonly<Record<string, Fraction>> = {
  rest: 'residual', restafval: 'residual', restfractie: 'residual', residual: 'residual', general: 'residual',
  papier: 'paper', 'papier/karton': 'paper', 'papier en karton': 'paper', karton: 'paper', oud: 'paper', paper: 'paper',
  glas: 'glass', glass: 'glass',
  pmd: 'pmd', plastic: 'pmd', 'plastic, metaal en drankkartons': 'pmd', kunststof: 'pmd',
  gft: 'organic', 'gft+e': 'organic', 'groente-, fruit- en tuinafval': 'organic', organic: 'organic', bio: 'organic',
  textiel: 'textile', textile: 'textile', kleding: 'textile',
};

export function fractionFromName(raw: unknown): Fraction | undefined {
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim().toLowerCase();
  if (isFraction(s)) return s;
  return NAMES[s];
}

const UNDERGROUND = /ondergr|underground|^oc\b|orac|semi/i;
const STREET = /bovengr|street|kliko|rolcontainer|minicontainer|bak|bin/i;

/** underground | street from a type name; undefined when it says neither. */
export function containerKindFromName(raw: unknown): 'underground' | 'street' | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  if (UNDERGROUND.test(raw)) return 'underground';
  if (STREET.test(raw)) return 'street';
  return undefined;
}
