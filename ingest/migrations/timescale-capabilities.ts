/**
 * What the server's TimescaleDB can do, read from the catalog before migrating, and the decision
 * taken from it. The decision is a pure function of the catalog values, so the conditions that a
 * test machine cannot produce (extension installed but not preloaded, an Apache-only build, an
 * image upgrade) are tested on the values the server would report.
 */
import type { SqlRunner } from '../../platform/db.ts';
import { InputError } from '../../platform/errors.ts';
import type { StorageMode } from './types.ts';

/** TIMESCALEDB: auto (use it when it works, else plain tables with a warning), require, off. */
export type TimescaleSetting = 'auto' | 'require' | 'off';

export interface TimescaleCatalog {
  /** `pg_available_extensions` lists timescaledb (its files are installed on the server). */
  readonly available: boolean;
  /** The version `CREATE EXTENSION` / `ALTER EXTENSION … UPDATE` would install. */
  readonly defaultVersion?: string;
  /** The version installed in this database, if any. */
  readonly installedVersion?: string;
  /** `shared_preload_libraries` as the server reports it. */
  readonly preloadLibraries: string;
  /**
   * Builds that link extensions into the server (PGlite, compiled with Emscripten) need no
   * preloading; recognised from `version()`.
   */
  readonly staticallyLinked: boolean;
}

export interface TimescalePlan {
  readonly mode: StorageMode;
  /** Installed version older than the server's: `ALTER EXTENSION timescaledb UPDATE` first. */
  readonly updateExtension: boolean;
  readonly warnings: readonly string[];
}

/**
 * Compression, continuous aggregates and every policy job (compression, retention, refresh) are
 * Timescale-license features; an Apache-only build has hypertables and drop_chunks only.
 */
export interface TimescaleFeatures {
  readonly timescaleLicense: boolean;
  readonly warning?: string;
}

/** TimescaleDB cannot be used as configured: says what to set. */
export class TimescaleConfigError extends InputError {}

const PRELOAD_HINT =
  "set shared_preload_libraries = 'timescaledb' in postgresql.conf (keep any libraries already listed) and restart PostgreSQL";

export async function readTimescaleCatalog(db: SqlRunner): Promise<TimescaleCatalog> {
  const { rows } = await db.query<{ default_version: string | null; installed_version: string | null; preload: string | null; version: string }>(
    `SELECT (SELECT default_version FROM pg_available_extensions WHERE name = 'timescaledb') AS default_version,
            (SELECT extversion FROM pg_extension WHERE extname = 'timescaledb') AS installed_version,
            current_setting('shared_preload_libraries', true) AS preload,
            version() AS version`,
  );
  const row = rows[0]!;
  return {
    available: row.default_version !== null,
    defaultVersion: row.default_version ?? undefined,
    installedVersion: row.installed_version ?? undefined,
    preloadLibraries: row.preload ?? '',
    staticallyLinked: /emscripten|emcc/i.test(row.version),
  };
}

/** `timescaledb.license`, readable once the library is loaded (after CREATE EXTENSION at the latest). */
export async function readTimescaleLicense(db: SqlRunner): Promise<string | undefined> {
  const { rows } = await db.query<{ license: string | null }>(`SELECT current_setting('timescaledb.license', true) AS license`);
  return rows[0]?.license ?? undefined;
}

export function isPreloaded(catalog: TimescaleCatalog): boolean {
  if (catalog.staticallyLinked) return true;
  return catalog.preloadLibraries
    .split(',')
    .map((name) => name.trim().replace(/^"|"$/g, ''))
    .some((name) => name === 'timescaledb' || /^timescaledb-[\d.]+$/.test(name) || name.endsWith('/timescaledb'));
}

/** The storage mode for this start, or a TimescaleConfigError saying what to set. */
export function decideTimescale(catalog: TimescaleCatalog, setting: TimescaleSetting): TimescalePlan {
  const preloaded = isPreloaded(catalog);
  if (catalog.installedVersion !== undefined && !preloaded) {
    // Every statement touching the hypertable would fail: plain tables are no way out here.
    throw new TimescaleConfigError(
      `TimescaleDB ${catalog.installedVersion} is installed in this database but not preloaded: ${PRELOAD_HINT}.`,
      [{ name: 'shared_preload_libraries', reason: `is ${JSON.stringify(catalog.preloadLibraries)}; must include timescaledb` }],
    );
  }
  if (setting === 'off') {
    const warnings = catalog.installedVersion !== undefined
      ? ['TIMESCALEDB=off, but the extension is already installed in this database: readings stay a hypertable']
      : [];
    return { mode: catalog.installedVersion !== undefined ? 'timescaledb' : 'postgresql', updateExtension: false, warnings };
  }
  if (!catalog.available) {
    if (setting === 'require') {
      throw new TimescaleConfigError('TIMESCALEDB=require, but this PostgreSQL server has no timescaledb extension.', [
        { name: 'TIMESCALEDB', reason: 'require: install TimescaleDB on the server, or set TIMESCALEDB=auto or off' },
      ]);
    }
    return { mode: 'postgresql', updateExtension: false, warnings: [] };
  }
  if (!preloaded) {
    if (setting === 'require') {
      throw new TimescaleConfigError(`TIMESCALEDB=require, but timescaledb is not preloaded: ${PRELOAD_HINT}.`, [
        { name: 'shared_preload_libraries', reason: `is ${JSON.stringify(catalog.preloadLibraries)}; must include timescaledb` },
      ]);
    }
    return {
      mode: 'postgresql',
      updateExtension: false,
      warnings: [`TimescaleDB is installed on the server but not preloaded; using plain tables. To use it, ${PRELOAD_HINT}, or set TIMESCALEDB=off to silence this.`],
    };
  }
  const updateExtension = catalog.installedVersion !== undefined && catalog.defaultVersion !== undefined &&
    compareVersions(catalog.defaultVersion, catalog.installedVersion) > 0;
  return { mode: 'timescaledb', updateExtension, warnings: [] };
}

export function featuresForLicense(license: string | undefined): TimescaleFeatures {
  if (license === 'timescale') return { timescaleLicense: true };
  return {
    timescaleLicense: false,
    warning: `timescaledb.license is ${license === undefined ? 'unknown' : `'${license}'`}: no compression, no continuous aggregate ` +
      "(fill_hourly is a plain view) and no policy jobs (retention runs drop_chunks at each start); " +
      "set timescaledb.license = 'timescale' for them",
  };
}

/** Orders "2.28.3" after "2.17.2"; pre-release suffixes ("2.23.0-dev") compare by their numbers. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.-]/).map((p) => Number.parseInt(p, 10)).filter((n) => Number.isFinite(n));
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}
