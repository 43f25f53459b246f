/**
 * The TimescaleDB decisions on the catalog values a server reports: the conditions this machine
 * cannot produce for real (installed but not preloaded, an Apache-only build, an upgraded image).
 */
import { describe, expect, it } from 'vitest';
import {
  compareVersions, decideTimescale, featuresForLicense, TimescaleConfigError, type TimescaleCatalog,
} from '../../../ingest/migrations/timescale-capabilities.ts';
import { updateTimescaleExtension, type Session } from '../../../ingest/migrations/timescale-update.ts';

const server: TimescaleCatalog = {
  available: true, defaultVersion: '2.28.3', preloadLibraries: 'timescaledb', staticallyLinked: false,
};
const notPreloaded: TimescaleCatalog = { ...server, preloadLibraries: 'pg_stat_statements' };

function refusal(fn: () => unknown): TimescaleConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof TimescaleConfigError) return err;
    throw err;
  }
  throw new Error('expected a TimescaleConfigError');
}

describe('TimescaleDB decision', () => {
  it('uses TimescaleDB when it is available and preloaded', () => {
    expect(decideTimescale(server, 'auto')).toEqual({ mode: 'timescaledb', updateExtension: false, warnings: [] });
    expect(decideTimescale({ ...server, preloadLibraries: 'pg_stat_statements, "timescaledb"' }, 'require').mode).toBe('timescaledb');
  });

  it('installed on the server but not preloaded: auto falls back to plain tables with a warning that says what to set', () => {
    const plan = decideTimescale(notPreloaded, 'auto');
    expect(plan.mode).toBe('postgresql');
    expect(plan.warnings.join()).toContain("shared_preload_libraries = 'timescaledb'");
  });

  it('installed on the server but not preloaded: require stops, naming shared_preload_libraries', () => {
    const error = refusal(() => decideTimescale(notPreloaded, 'require'));
    expect(error.message).toContain("shared_preload_libraries = 'timescaledb'");
    expect(error.details[0]).toMatchObject({ name: 'shared_preload_libraries' });
    expect(error.kind).toBe('input');
  });

  it('installed in this database but no longer preloaded: stops whatever the setting (plain tables cannot help)', () => {
    for (const setting of ['auto', 'off', 'require'] as const) {
      const error = refusal(() => decideTimescale({ ...notPreloaded, installedVersion: '2.28.3' }, setting));
      expect(error.details[0]!.name).toBe('shared_preload_libraries');
    }
  });

  it('require without the extension on the server names TIMESCALEDB; auto and off use plain tables silently', () => {
    const none: TimescaleCatalog = { available: false, preloadLibraries: '', staticallyLinked: false };
    expect(refusal(() => decideTimescale(none, 'require')).details[0]!.name).toBe('TIMESCALEDB');
    expect(decideTimescale(none, 'auto')).toEqual({ mode: 'postgresql', updateExtension: false, warnings: [] });
    expect(decideTimescale(server, 'off')).toEqual({ mode: 'postgresql', updateExtension: false, warnings: [] });
  });

  it('PGlite (extensions linked in) needs no preloading', () => {
    expect(decideTimescale({ ...server, preloadLibraries: '', staticallyLinked: true }, 'auto').mode).toBe('timescaledb');
  });

  it('asks for ALTER EXTENSION UPDATE only when the server carries a newer version than the database', () => {
    expect(decideTimescale({ ...server, installedVersion: '2.17.2' }, 'auto').updateExtension).toBe(true);
    expect(decideTimescale({ ...server, installedVersion: '2.28.3' }, 'auto').updateExtension).toBe(false);
    expect(decideTimescale({ ...server, installedVersion: '2.29.0' }, 'auto').updateExtension).toBe(false);
    expect(compareVersions('2.10.0', '2.9.9')).toBe(1);
    expect(compareVersions('2.23.0-dev', '2.23.0')).toBe(0);
  });

  it('an Apache-only license has no compression, continuous aggregates or policy jobs', () => {
    expect(featuresForLicense('timescale')).toEqual({ timescaleLicense: true });
    const apache = featuresForLicense('apache');
    expect(apache.timescaleLicense).toBe(false);
    expect(apache.warning).toMatch(/'apache'.*no compression.*plain view/);
    expect(featuresForLicense(undefined).timescaleLicense).toBe(false);
  });
});

describe('extension update after an image upgrade', () => {
  /** Sessions that answer the catalog query with the given versions and record their statements. */
  function sessions(installedVersion: string | undefined) {
    const log: string[][] = [];
    const open = async (): Promise<Session> => {
      const statements: string[] = [];
      log.push(statements);
      return {
        async query<R>(sql: string) {
          statements.push(sql);
          const row = { default_version: '2.28.3', installed_version: installedVersion ?? null, preload: 'timescaledb', version: 'PostgreSQL 15.8' };
          return { rows: [row as R] };
        },
        async exec(sql: string) {
          statements.push(sql);
        },
        close: async () => {},
      };
    };
    return { log, open };
  }

  it('runs ALTER EXTENSION timescaledb UPDATE as the first statement of a session of its own', async () => {
    const { log, open } = sessions('2.17.2');
    const messages: string[] = [];
    expect(await updateTimescaleExtension(open, 'auto', (m) => messages.push(m))).toBe(true);
    expect(log).toHaveLength(2);
    expect(log[1]).toEqual(['ALTER EXTENSION timescaledb UPDATE']);
    expect(messages[0]).toContain('from 2.17.2 to 2.28.3');
  });

  it('does nothing when the versions agree or nothing is installed', async () => {
    for (const installed of ['2.28.3', undefined]) {
      const { log, open } = sessions(installed);
      expect(await updateTimescaleExtension(open)).toBe(false);
      expect(log.flat().some((s) => s.includes('ALTER EXTENSION'))).toBe(false);
    }
  });
});
