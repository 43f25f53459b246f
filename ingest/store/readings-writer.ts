/**
 * One batch, one transaction: readings by COPY (straight into `readings`, or on a conflict into a
 * per-connection staging table and then
 * `INSERT … SELECT … ON CONFLICT ON CONSTRAINT readings_sensor_time_key DO NOTHING`: a duplicate or
 * replay never makes a second row), dead letters and unknown devices, container state, collection
 * events and alerts.
 * Only after COMMIT are the batch's messages acknowledged (by the caller).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import { flagsToBits, type AlertMessage } from '../contracts/index.ts';
import { alertChanges } from '../pipeline/alert-rules.ts';
import type { DeadLetter, PreparedBatch, ReadingRow } from '../pipeline/prepare-batch.ts';
import { raiseAlerts, resolveAlerts } from './alerts-store.ts';
import { updateContainerState } from './container-state.ts';
import { copyLine } from './copy-text.ts';
import { recordUnknownDevices } from './unknown-devices.ts';

export interface CommitOutcome {
  stored: number;
  duplicates: number;
  deadLetters: DeadLetter[];
  alerts: AlertMessage[];
  collectionEvents: number;
}

export const READING_COLUMNS = [
  'time', 'tenant_id', 'sensor_id', 'container_id', 'fill_level', 'distance_mm', 'battery_pct', 'temperature_c', 'flags', 'rssi', 'snr', 'seq',
] as const;
const COLS = READING_COLUMNS.join(', ');

const UNIQUE_VIOLATION = '23505';
const stagedClients = new WeakSet<pg.ClientBase>();

/** The per-connection staging table and the insert from it (exported for the TimescaleDB test). */
export const STAGE_TABLE_SQL = `CREATE TEMP TABLE IF NOT EXISTS ingest_stage (
    time timestamptz, tenant_id text, sensor_id text, container_id text, fill_level real, distance_mm integer,
    battery_pct real, temperature_c real, flags smallint, rssi smallint, snr real, seq integer) ON COMMIT DELETE ROWS`;
export const INSERT_FROM_STAGE_SQL = `INSERT INTO readings (${COLS}) SELECT ${COLS} FROM ingest_stage
     ON CONFLICT ON CONSTRAINT readings_sensor_time_key DO NOTHING
     RETURNING tenant_id, sensor_id, (extract(epoch FROM time) * 1000)::float8 AS ms`;

async function ensureStage(db: pg.ClientBase): Promise<void> {
  if (stagedClients.has(db)) return;
  await db.query(STAGE_TABLE_SQL);
  stagedClients.add(db);
}

export function readingCopyLine(row: ReadingRow): string {
  const r = row.reading;
  return copyLine([
    r.time, r.tenantId, r.sensorId, row.sensor.containerId, row.fillLevel, r.distanceMm, r.batteryPct, r.temperatureC,
    flagsToBits(r.flags), r.rssi === undefined ? undefined : Math.round(r.rssi), r.snr, r.seq,
  ]);
}

/** COPY lines into a table from an array, in chunks so a big batch does not build one huge string. */
export async function copyLines(db: pg.ClientBase, table: string, columns: string, lines: Iterable<string>): Promise<void> {
  const stream = db.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`));
  async function* chunks() {
    let chunk = '';
    for (const line of lines) {
      chunk += line;
      if (chunk.length > 1024 * 1024) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(chunks()), stream);
}

// A NUL cannot be stored in a text column; a payload's bytes stay intact in the bytea column.
const clean = (s: string | undefined) => (s === undefined ? null : s.split('\u0000').join('\\0'));

/** Bytes of a rejected payload kept in dead_letters.payload (with the whole one's size and SHA-256). */
export const DEAD_LETTER_EXCERPT_BYTES = 1024;

async function insertDeadLetters(db: pg.ClientBase, letters: DeadLetter[]): Promise<void> {
  if (letters.length === 0) return;
  await db.query(
    `INSERT INTO dead_letters (tenant_id, topic, payload, payload_size, payload_sha256, reason, detail)
     SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[], $4::int[], $5::bytea[], $6::text[], $7::text[])`,
    [letters.map((l) => clean(l.tenantId)), letters.map((l) => clean(l.topic.slice(0, 1000))),
      letters.map((l) => l.payload.subarray(0, DEAD_LETTER_EXCERPT_BYTES)), letters.map((l) => l.payload.byteLength),
      letters.map((l) => createHash('sha256').update(l.payload).digest()),
      letters.map((l) => l.reason), letters.map((l) => clean(l.detail.slice(0, 2000)))],
  );
}

/**
 * After a batch met rows that were already stored (a redelivery after a crash usually spans many
 * batches), the next few go straight to the staging path instead of failing a direct COPY first.
 */
const STAGED_AFTER_CONFLICT = 10;
let stagedBatchesLeft = 0;

/**
 * Insert the readings; returns the rows that were new. Fast path: COPY straight into `readings`
 * inside a savepoint — when no row exists yet (the normal case) that is all, at raw COPY speed.
 * If any row already exists the unique key `readings_sensor_time_key` fails the COPY; then the
 * rows go through the staging table and `INSERT … ON CONFLICT … DO NOTHING`, which skips them.
 * Both paths are in the batch's transaction, so the result is the same: each (sensor, time) once.
 */
async function insertReadings(db: pg.ClientBase, rows: ReadingRow[]): Promise<ReadingRow[]> {
  if (rows.length === 0) return [];
  const lines = rows.map(readingCopyLine);
  if (stagedBatchesLeft === 0) {
    // The savepoint was set with BEGIN (one round trip); it is simply left until COMMIT.
    try {
      await copyLines(db, 'readings', COLS, lines);
      return rows;
    } catch (err) {
      if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
      await db.query('ROLLBACK TO SAVEPOINT direct_copy');
      stagedBatchesLeft = STAGED_AFTER_CONFLICT;
    }
  } else {
    stagedBatchesLeft--;
  }
  await copyLines(db, 'ingest_stage', COLS, lines);
  const { rows: inserted } = await db.query<{ tenant_id: string; sensor_id: string; ms: number }>(INSERT_FROM_STAGE_SQL);
  if (inserted.length === rows.length) return rows;
  const fresh = new Set(inserted.map((r) => `${r.tenant_id}\u0000${r.sensor_id}\u0000${r.ms}`));
  return rows.filter((row) => {
    const key = `${row.reading.tenantId}\u0000${row.reading.sensorId}\u0000${Date.parse(row.reading.time)}`;
    // The same reading twice in one batch: only the first counts as new.
    return fresh.delete(key);
  });
}

export async function commitBatch(db: pg.ClientBase, batch: PreparedBatch): Promise<CommitOutcome> {
  await ensureStage(db);
  await db.query('BEGIN; SAVEPOINT direct_copy');
  try {
    const fresh = await insertReadings(db, batch.rows);
    await insertDeadLetters(db, batch.deadLetters);
    await recordUnknownDevices(db, batch.unknownDevices);
    const { collectionEvents, current } = await updateContainerState(db, fresh);
    const changes = alertChanges(current);
    await resolveAlerts(db, changes.resolve);
    const alerts = await raiseAlerts(db, changes.raise);
    await db.query('COMMIT');
    return { stored: fresh.length, duplicates: batch.rows.length - fresh.length, deadLetters: batch.deadLetters, alerts, collectionEvents };
  } catch (err) {
    await db.query('ROLLBACK').catch(() => {});
    throw err;
  }
}
