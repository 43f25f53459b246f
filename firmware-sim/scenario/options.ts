/**
 * What a scenario is built from, with the defaults that make a plausible Dutch municipality:
 * mostly underground containers (3–5 m³) and some 1.1 m³ street bins, the four common fractions.
 */
import { InputError } from '../../platform/errors.ts';
import { FRACTIONS, type Fraction } from './types.ts';

export interface BuildScenarioOptions {
  /** Path to an .osm.pbf extract. */
  pbf: string;
  containers: number;
  seed: number | string;
  /** Scenario name (file name under firmware-sim/scenarios/). Defaults to the extract's base name. */
  name?: string;
  tenant?: { id: string; name?: string; timeZone?: string };
  /** Share of containers per fraction (normalised). */
  fractionShares?: Partial<Record<Fraction, number>>;
  /** Share of sites with underground containers; the rest are 1.1 m³ street bins. */
  undergroundShare?: number;
  undergroundVolumesM3?: number[];
  streetVolumeM3?: number;
  /** Mean fill added per day, per fraction (fraction of the container, 0..1). */
  meanDailyFill?: Partial<Record<Fraction, number>>;
  /** Log-normal sigma of the per-site rate factor: the skew between busy and quiet sites. */
  siteRateSigma?: number;
  /** Depot and disposal facility [lon, lat]; default: picked inside the extract. */
  depot?: [number, number];
  facility?: [number, number];
  /** Minimum distance between sites spread over streets. */
  minSiteSpacingM?: number;
  vehicles?: number;
}

export const DEFAULT_FRACTION_SHARES: Record<Fraction, number> = { residual: 0.4, paper: 0.2, glass: 0.15, pmd: 0.25, organic: 0, textile: 0 };
export const DEFAULT_MEAN_DAILY_FILL: Record<Fraction, number> = { residual: 0.14, paper: 0.08, glass: 0.05, pmd: 0.12, organic: 0.15, textile: 0.04 };

export type ResolvedOptions = Required<Omit<BuildScenarioOptions, 'depot' | 'facility' | 'name' | 'tenant' | 'vehicles'>> & {
  depot: [number, number] | undefined;
  facility: [number, number] | undefined;
  name: string;
  tenant: { id: string; name: string; timeZone: string };
  vehicles: number;
  fractionShares: Record<Fraction, number>;
  meanDailyFill: Record<Fraction, number>;
};

export function resolveOptions(o: BuildScenarioOptions): ResolvedOptions {
  const problems: { name: string; reason: string }[] = [];
  if (!Number.isInteger(o.containers) || o.containers < 1 || o.containers > 1_000_000) {
    problems.push({ name: 'containers', reason: 'expected an integer 1..1000000' });
  }
  const shares = { ...DEFAULT_FRACTION_SHARES, ...(o.fractionShares ? zeroed(o.fractionShares) : {}) };
  for (const [f, v] of Object.entries(shares)) {
    if (!(v >= 0)) problems.push({ name: `fractionShares.${f}`, reason: 'expected a share ≥ 0' });
  }
  if (Object.values(shares).reduce((a, b) => a + b, 0) <= 0) problems.push({ name: 'fractionShares', reason: 'at least one fraction needs a share > 0' });
  const undergroundShare = o.undergroundShare ?? 0.7;
  if (!(undergroundShare >= 0 && undergroundShare <= 1)) problems.push({ name: 'undergroundShare', reason: 'expected 0..1' });
  for (const p of [o.depot, o.facility]) {
    if (p && !(Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90)) problems.push({ name: p === o.depot ? 'depot' : 'facility', reason: 'expected lon,lat in WGS84' });
  }
  if (problems.length) throw new InputError('Invalid scenario options', problems);
  const base = o.pbf.split('/').pop()!.replace(/\.osm\.pbf$|\.pbf$/, '');
  return {
    pbf: o.pbf,
    containers: o.containers,
    seed: o.seed,
    name: o.name ?? base,
    tenant: { id: o.tenant?.id ?? 'demo', name: o.tenant?.name ?? `Simulated ${base}`, timeZone: o.tenant?.timeZone ?? 'Europe/Amsterdam' },
    fractionShares: shares,
    undergroundShare,
    undergroundVolumesM3: o.undergroundVolumesM3 ?? [3, 4, 5],
    streetVolumeM3: o.streetVolumeM3 ?? 1.1,
    meanDailyFill: { ...DEFAULT_MEAN_DAILY_FILL, ...o.meanDailyFill },
    siteRateSigma: o.siteRateSigma ?? 0.5,
    depot: o.depot,
    facility: o.facility,
    minSiteSpacingM: o.minSiteSpacingM ?? 40,
    vehicles: o.vehicles ?? Math.max(2, Math.ceil(o.containers / 150)),
  };
}

/** Shares given explicitly replace the defaults: fractions not named get 0. */
function zeroed(given: Partial<Record<Fraction, number>>): Record<Fraction, number> {
  const out = Object.fromEntries(FRACTIONS.map((f) => [f, 0])) as Record<Fraction, number>;
  return { ...out, ...given };
}

/** Parse `residual=0.4,paper=0.2` (CLI form). */
export function parseFractionShares(text: string): Partial<Record<Fraction, number>> {
  const out: Partial<Record<Fraction, number>> = {};
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [k, v] = part.split('=');
    if (!(FRACTIONS as readonly string[]).includes(k) || !Number.isFinite(Number(v))) {
      throw new InputError(`Invalid fraction share "${part}"`, [{ name: 'fractions', reason: `expected name=share with name one of ${FRACTIONS.join(', ')}` }]);
    }
    out[k as Fraction] = Number(v);
  }
  return out;
}
