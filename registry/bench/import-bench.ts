/**
 * Import benchmark: `npm run bench:import -- [--containers 15000] [--road-check] [--json]`
 *
 * In one run, on a fresh database on this machine's PostgreSQL: a Dutch-style CSV (semicolons,
 * decimal commas) of N containers in Monaco is
 *   (a) COPY'd raw into a scratch table with the same columns (the baseline: the database alone),
 *   (b) imported through the registry's import service (read, check, upsert, processing log),
 *   (c) imported again (every row unchanged),
 * and with --road-check the import also snaps every container with the built-in router on
 * OSM_PBF. Prints one JSON object: seconds of each, the ratio import / COPY and whether the goal
 * (under 30 s for 15,000 containers) is met. Not a test: no assertions.
 */
import { parseArgs } from 'node:util';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { loadConfig } from '../../platform/config.ts';
import { withDatabase } from '../../platform/db.ts';
import { createBenchDatabase } from '../../ingest/bench/bench-fleet.ts';
import { runImport } from '../import/import-service.ts';
import { tenantRouter } from '../tenant-router.ts';
import { TenantStore } from '../store/tenants-store.ts';

const GOAL_S = 30;
const FRACTIONS = ['rest', 'papier', 'glas', 'pmd', 'gft'];
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function containersCsv(n: number): { csv: string; rows: string[][] } {
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const lon = 7.409 + (i % 150) * 0.0002;
    const lat = 43.724 + Math.floor(i / 150) * 0.0003;
    rows.push([`M${String(i).padStart(6, '0')}`, FRACTIONS[i % FRACTIONS.length]!, String(1 + (i % 5)), lon.toFixed(5), lat.toFixed(5), `Boulevard ${i % 300}`]);
  }
  const csv = ['id;fractie;inhoud;lon;lat;straat', ...rows.map((r) => r.map((c) => c.replace('.', ',')).join(';'))].join('\n');
  return { csv, rows };
}

const { values } = parseArgs({ options: { containers: { type: 'string', default: '15000' }, 'road-check': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
const n = Number(values.containers);
const config = loadConfig();
const db = await createBenchDatabase(withDatabase(config.databaseUrl, 'postgres'));
try {
  const tenantId = 'bench-import';
  const actor = { actor: 'bench', role: 'operator' };
  await new TenantStore(db.pool).ensure({ id: tenantId, name: 'Bench', settings: { area: [7.40, 43.72, 7.44, 43.76] } }, actor);
  const { csv, rows } = containersCsv(n);

  // (a) the baseline: the same rows straight into a table by COPY
  await db.pool.query('CREATE TABLE copy_baseline (id text PRIMARY KEY, fraction text, volume_m3 float8, lon float8, lat float8, address text)');
  const client = await db.pool.connect();
  let t = performance.now();
  try {
    await pipeline(Readable.from(rows.map((r) => `${r.join('\t')}\n`)), client.query(copyFrom('COPY copy_baseline FROM STDIN')));
  } finally {
    client.release();
  }
  const copyS = (performance.now() - t) / 1000;

  const snapper = values['road-check'] ? await tenantRouter({}, config) : undefined;
  const run = () => runImport(db.pool, {
    tenantId, kind: 'containers', content: csv, fileName: 'bench.csv', actor, snapper,
    options: { map: { id: 'id', fraction: 'fractie', volume_m3: 'inhoud', lon: 'lon', lat: 'lat', address: 'straat' } },
  });
  // (b) first import, (c) the same file again
  t = performance.now();
  const first = await run();
  const importS = (performance.now() - t) / 1000;
  t = performance.now();
  const second = await run();
  const reimportS = (performance.now() - t) / 1000;

  const result = {
    containers: n,
    roadCheck: Boolean(values['road-check']),
    copy_s: round(copyS, 3),
    import_s: round(importS),
    reimport_unchanged_s: round(reimportS),
    ratio_import_vs_copy: round(importS / copyS, 1),
    goal_s: GOAL_S,
    within_goal: importS < GOAL_S * (n / 15000),
    first: { created: first.created, rejected: first.rejected, flagged: first.flagged.length },
    second: { unchanged: second.unchanged, updated: second.updated },
  };
  process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await db.drop();
}
