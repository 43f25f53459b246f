/**
 * A municipality's own settings, stored as `tenants.settings` (jsonb). Pure: the shape, its
 * defaults and the one function that reads a stored value (old rows hold only mustFill/mayFill).
 * Times and dates are in the tenant's time zone (`tenants.time_zone`).
 */
import type { Fraction } from './fractions.ts';
import type { CollectionCalendar } from './collection-calendar.ts';
import type { Language } from '../platform/i18n.ts';

export type { Language };

export interface FillThresholds {
  /** At or above this fill (0..1) a container must be collected. */
  readonly mustFill: number;
  /** From this fill a container may be collected when a truck passes. */
  readonly mayFill: number;
}

export interface TenantRouter {
  /** osrm-routed base URL of this tenant (several tenants may share one). */
  readonly osrmUrl?: string;
  /** OSM extract for the built-in router when no OSRM URL is set. */
  readonly osmPbf?: string;
}

export interface TenantSettings {
  /** Language of the console and of every generated text (alerts, explanations, instructions). */
  readonly language: Language;
  /** Default thresholds for every fraction. */
  readonly thresholds: FillThresholds;
  /** Per fraction, and optionally per container type within a fraction, overriding the default. */
  readonly thresholdsByFraction: Partial<Record<Fraction, FillThresholds & { readonly byContainerType?: Readonly<Record<string, FillThresholds>> }>>;
  /** Loose density per fraction, kg/m³ (defaults: planner's DEFAULT_DENSITY_KG_PER_M3). */
  readonly densityKgPerM3: Partial<Record<Fraction, number>>;
  readonly router: TenantRouter;
  readonly calendar: CollectionCalendar;
  /** [minLon, minLat, maxLon, maxLat]: imported coordinates outside it are rejected (absent: no area check). */
  readonly area?: readonly [number, number, number, number];
}

export const DEFAULT_THRESHOLDS: FillThresholds = { mustFill: 0.8, mayFill: 0.5 };

export const DEFAULT_TENANT_SETTINGS: TenantSettings = {
  language: 'nl',
  thresholds: DEFAULT_THRESHOLDS,
  thresholdsByFraction: {},
  densityKgPerM3: {},
  router: {},
  calendar: { weekdays: {}, exceptions: [] },
};

type Stored = Partial<Omit<TenantSettings, 'thresholds'>> & { thresholds?: Partial<FillThresholds>; mustFill?: number; mayFill?: number };

/** The settings of a stored `tenants.settings` value, defaults filled in (legacy top-level mustFill/mayFill honoured). */
export function readTenantSettings(stored: unknown): TenantSettings {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Stored;
  return {
    language: s.language === 'en' ? 'en' : 'nl',
    thresholds: {
      mustFill: s.thresholds?.mustFill ?? s.mustFill ?? DEFAULT_THRESHOLDS.mustFill,
      mayFill: s.thresholds?.mayFill ?? s.mayFill ?? DEFAULT_THRESHOLDS.mayFill,
    },
    thresholdsByFraction: s.thresholdsByFraction ?? {},
    densityKgPerM3: s.densityKgPerM3 ?? {},
    router: s.router ?? {},
    calendar: { weekdays: s.calendar?.weekdays ?? {}, exceptions: s.calendar?.exceptions ?? [] },
    ...(s.area ? { area: s.area } : {}),
  };
}

/** The thresholds that apply to one container: container type within fraction, then fraction, then default. */
export function thresholdsFor(settings: TenantSettings, fraction: Fraction, containerType?: string): FillThresholds {
  const f = settings.thresholdsByFraction[fraction];
  const byType = containerType ? f?.byContainerType?.[containerType] : undefined;
  return byType ?? (f ? { mustFill: f.mustFill, mayFill: f.mayFill } : settings.thresholds);
}
