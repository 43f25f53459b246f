/**
 * The waste streams (fractions) the product knows. Master data owns the list: containers, trucks,
 * facilities and the tenant's calendar and thresholds are all keyed by it.
 */
export const FRACTIONS = ['residual', 'paper', 'glass', 'pmd', 'organic', 'textile'] as const;

export type Fraction = (typeof FRACTIONS)[number];

export function isFraction(value: unknown): value is Fraction {
  return typeof value === 'string' && (FRACTIONS as readonly string[]).includes(value);
}
