/**
 * The baseline: the same rows COPYed straight into `readings` over one connection, no broker, no
 * decoding, no state. What the database can take at best on this machine. The COPY text is made
 * before the clock starts, as the end-to-end run encodes its messages before publishing.
 */
import type pg from 'pg';
import { flagsToBits, normalizeFlags } from '../contracts/index.ts';
import { copyLine } from '../store/copy-text.ts';
import { copyLines, READING_COLUMNS } from '../store/readings-writer.ts';
import { benchFill, benchReading } from './bench-fleet.ts';

export async function rawCopy(pool: pg.Pool, total: number, ids: string[], startMs: number, cpuSeconds?: (pid: number) => number): Promise<{ seconds: number; backendCpuSeconds: number | undefined }> {
  const lines = Array.from({ length: total }, (_, i) => {
    const r = benchReading(i, ids, startMs);
    return copyLine([
      (r.time as Date).toISOString(), r.tenantId, r.sensorId, `c-${r.sensorId}`, benchFill(r), r.distanceMm, r.batteryPct,
      r.temperatureC, flagsToBits(normalizeFlags(r.flags)), undefined, undefined, r.seq,
    ]);
  });
  const client = await pool.connect();
  try {
    const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const cpuBefore = cpuSeconds?.(pid);
    const started = process.hrtime.bigint();
    await copyLines(client, 'readings', READING_COLUMNS.join(', '), lines);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { seconds, backendCpuSeconds: cpuBefore === undefined ? undefined : cpuSeconds!(pid) - cpuBefore };
  } finally {
    client.release();
  }
}
