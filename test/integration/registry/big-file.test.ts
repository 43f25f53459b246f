/**
 * A 20 MB container file generated at test time goes through the API's upload, the import job and
 * the bulk upsert whole: every good row stored, the one bad row named, nothing lost.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestDatabase } from '../../helpers/index.ts';
import { bearer, type Seeded } from '../api/fixtures.ts';
import { startImportStack, type ImportStack } from './import-stack.ts';

let stack: ImportStack;
let db: TestDatabase;
let app: FastifyInstance;
let seed: Seeded;

beforeAll(async () => {
  stack = await startImportStack(1);
  ({ db, app, a: seed } = stack);
});
afterAll(async () => stack?.close());

/** ~500 bytes a row (a long remarks column the import ignores), 20 MB in all, row 1234 with a bad volume. */
function bigCsv(targetBytes: number): { content: string; rows: number } {
  const remark = 'opmerking '.repeat(44);
  const lines = ['id;fractie;inhoud;lon;lat;straat;opmerkingen'];
  let size = lines[0]!.length;
  let i = 0;
  while (size < targetBytes) {
    const volume = i === 1234 ? 'vol' : `${(1 + (i % 5)).toFixed(1).replace('.', ',')}`;
    const line = `B${i};${['rest', 'papier', 'glas', 'pmd'][i % 4]};${volume};${(7.41 + (i % 200) * 0.0001).toFixed(4).replace('.', ',')};${(43.73 + Math.floor(i / 200) * 0.00005).toFixed(5).replace('.', ',')};Straat ${i};${remark}`;
    lines.push(line);
    size += line.length + 1;
    i++;
  }
  return { content: `${lines.join('\n')}\n`, rows: i };
}

it('imports a 20 MB file through POST /v1/imports', async () => {
  const { content, rows } = bigCsv(20 * 1024 * 1024);
  expect(Buffer.byteLength(content)).toBeGreaterThanOrEqual(20 * 1024 * 1024);
  const boundary = '----big';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await app.inject({
    method: 'POST',
    url: '/v1/imports?kind=containers&map=id=id,fraction=fractie,volume_m3=inhoud,lon=lon,lat=lat,address=straat',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...bearer(seed.tokens.dispatcher) },
    payload,
  });
  expect(res.statusCode, res.body).toBe(202);
  let state = res.json();
  for (let i = 0; i < 600 && !['completed', 'failed'].includes(state.status); i++) {
    await new Promise((r) => setTimeout(r, 200));
    state = (await app.inject({ method: 'GET', url: `/v1/imports/${state.id}`, headers: bearer(seed.tokens.dispatcher) })).json();
  }
  expect(state.status, state.failureReason).toBe('completed');
  expect(state.report).toMatchObject({ created: rows - 1, rejected: 1, errors: [{ row: 1236, field: 'volumeM3', reason: 'unreadable number "vol"', id: 'B1234' }] });
  const { rows: stored } = await db.pool.query(`SELECT count(*)::int AS n FROM containers WHERE tenant_id = $1 AND id LIKE 'B%'`, [seed.tenant]);
  expect(stored[0].n).toBe(rows - 1);
}, 120_000);
