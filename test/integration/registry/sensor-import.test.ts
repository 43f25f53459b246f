/**
 * `--kind sensors` through the import service and the CLI on this machine's PostgreSQL: a
 * semicolon CSV with bad rows named by row and field, a second import that changes nothing, a row
 * that moves a sensor (rebinding: its old readings stay on the old container), a dry run, and the
 * CLI's exit code 2 with the one JSON report.
 */
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport, type ImportRequest } from '../../../registry/import/import-service.ts';
import { TenantStore } from '../../../registry/store/tenants-store.ts';
import { createTestDatabase, randomTenant, spawnTs, type TestDatabase } from '../../helpers/index.ts';

const actor = { actor: 'cli:test', role: 'operator' };
const A = 'a840410001810001';
const B = 'a840410001810002';
const CSV = `id;model;network_server;container_id;empty_distance_mm;full_distance_mm;reporting_interval_s
${A.toUpperCase()};milesight-em400-mud;things-stack;K1;1500;300;3600
${B};tekelek-tek766;chirpstack;K2;1200;200;1800
a840410001810003;milesight-em400-mud;things-stack;K9;1500;300;3600
a840410001810004;milesight-em400-mud;things-stack;K1;1500;1600;3600
a840410001810005;acme-9000;things-stack;K1;1500;300;3600
`;

let db: TestDatabase;
let tenant: string;
let dir: string;
const run = (content: string, options: ImportRequest['options'] = {}) =>
  runImport(db.pool, { tenantId: tenant, kind: 'sensors', content, fileName: 'sensors.csv', options, actor });

beforeAll(async () => {
  db = await createTestDatabase();
  tenant = randomTenant();
  await new TenantStore(db.pool).ensure({ id: tenant, name: 'Test' }, actor);
  for (const id of ['K1', 'K2', 'K3']) {
    await db.pool.query(`INSERT INTO containers (tenant_id, id, lon, lat, fraction, volume_m3, type) VALUES ($1, $2, 7.42, 43.73, 'residual', 5, 'underground')`, [tenant, id]);
  }
  dir = await mkdtemp(join(tmpdir(), 'sensor-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await db?.drop();
});

describe('sensor import', () => {
  it('stores the good rows bound to their containers and names row and field of each bad one', async () => {
    const report = await run(CSV);
    expect(report).toMatchObject({ kind: 'sensors', created: 2, updated: 0, unchanged: 0, rejected: 3 });
    expect(report.errors.map((e) => [e.row, e.field])).toEqual([[4, 'containerId'], [5, 'fullDistanceMm'], [6, 'model']]);
    const { rows } = await db.pool.query('SELECT id, container_id, network_server FROM sensors WHERE tenant_id = $1 ORDER BY id', [tenant]);
    expect(rows).toEqual([{ id: A, container_id: 'K1', network_server: 'things-stack' }, { id: B, container_id: 'K2', network_server: 'chirpstack' }]);
    const log = await db.pool.query(`SELECT count(*)::int AS n FROM processing_log WHERE tenant_id = $1 AND action = 'create-sensor'`, [tenant]);
    expect(log.rows[0].n).toBe(2);
  });

  it('changes nothing on a second import of the same file', async () => {
    expect(await run(CSV)).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 3, missing: [] });
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM sensor_bindings WHERE tenant_id = $1', [tenant]);
    expect(rows[0].n).toBe(2);
  });

  it('moves a sensor to the container of its row from valid_from, its old readings staying behind', async () => {
    const movedAt = new Date(Date.now() - 3600_000).toISOString();
    await db.pool.query(`INSERT INTO readings (time, tenant_id, sensor_id, container_id, fill_level) VALUES (now() - interval '2 hours', $1, $2, 'K1', 0.5)`, [tenant, A]);
    const moved = `id;model;network_server;container_id;empty_distance_mm;full_distance_mm;valid_from\n${A};milesight-em400-mud;things-stack;K3;1500;300;${movedAt}\n`;
    const dry = await run(moved, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, updated: 1 });
    expect((await db.pool.query('SELECT container_id FROM sensors WHERE tenant_id = $1 AND id = $2', [tenant, A])).rows[0].container_id).toBe('K1');
    expect(await run(moved)).toMatchObject({ updated: 1, unchanged: 0, rejected: 0 });
    const bindings = await db.pool.query(
      `SELECT container_id, valid_to FROM sensor_bindings WHERE tenant_id = $1 AND sensor_id = $2 ORDER BY valid_from`, [tenant, A]);
    expect(bindings.rows.map((r) => [r.container_id, r.valid_to?.toISOString() ?? null])).toEqual([['K1', movedAt], ['K3', null]]);
    const readings = await db.pool.query('SELECT container_id FROM readings WHERE tenant_id = $1 AND sensor_id = $2', [tenant, A]);
    expect(readings.rows).toEqual([{ container_id: 'K1' }]);
  });

  it('npm run import -- --kind sensors exits 2 with one JSON report when a row is rejected', async () => {
    const file = join(dir, 'sensors.csv');
    await writeFile(file, CSV);
    const cli = spawnTs('registry/cli/import.ts', { DATABASE_URL: db.url, LOG_LEVEL: 'silent' }, ['--tenant', tenant, '--kind', 'sensors', '--file', file, '--json']);
    const code = await cli.exited;
    expect(code).toBe(2);
    const report = JSON.parse(cli.output().trim().split('\n').at(-1)!);
    expect(report).toMatchObject({ kind: 'sensors', rejected: 3, errors: [{ row: 4, field: 'containerId' }, { row: 5 }, { row: 6 }] });
  });
});
