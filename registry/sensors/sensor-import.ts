/**
 * The `sensors` import kind (`npm run import -- --kind sensors --file sensors.csv`): rows read
 * against the API's SensorInput schema (CSV with a header such as
 * `id;model;network_server;container_id;empty_distance_mm;full_distance_mm;valid_from`, or JSON),
 * each stored through the same sensor store the API uses, all or nothing per row (a savepoint).
 * A row equal to what is stored changes nothing, so importing the same file twice changes nothing;
 * a row naming another container rebinds the sensor from the row's `validFrom` (default now), and
 * its old readings stay on the old container. The import service writes the change log.
 */
import type pg from 'pg';
import { isAppError } from '../../platform/errors.ts';
import type { ImportHandler } from '../import/import-kinds.ts';
import type { ImportOptions, ReaderContext } from '../import/import-types.ts';
import { readRecords } from '../readers/record-reader.ts';
import type { UpsertCounts } from '../store/bulk-upsert.ts';
import type { TableSpec } from '../store/table-spec.ts';
import { normalizeSensorId, SensorInput } from './sensor-shapes.ts';
import { bindSensor, createSensor, getSensor, updateSensor, type SensorRecord } from './sensor-store.ts';

function sameSensor(stored: SensorRecord, row: SensorInput): boolean {
  return stored.model === row.model
    && stored.networkServer === (row.networkServer ?? stored.networkServer)
    && stored.integrationId === (row.integrationId ?? stored.integrationId)
    && stored.emptyDistanceMm === row.emptyDistanceMm
    && stored.fullDistanceMm === row.fullDistanceMm
    && stored.reportingIntervalS === (row.reportingIntervalS ?? 3600)
    && stored.active === (row.active ?? true);
}

/** A store error as the row's errors: the fields it names, without the `body.` of the API. */
function refusals(id: string, err: unknown): { id: string; field: string; reason: string }[] {
  if (!isAppError(err) || err.kind !== 'input') throw err;
  if (err.details.length === 0) return [{ id, field: 'row', reason: err.message }];
  return err.details.map((d) => ({ id, field: d.name.replace(/^body\./, ''), reason: d.reason }));
}

export async function storeSensorRows(db: pg.PoolClient, tenantId: string, rows: readonly SensorInput[]): Promise<UpsertCounts> {
  const created: string[] = [];
  const updated: string[] = [];
  const unchanged: string[] = [];
  const rejected: { id: string; field: string; reason: string }[] = [];
  for (const value of rows) {
    const id = normalizeSensorId(value.id);
    await db.query('SAVEPOINT sensor_row');
    try {
      const stored = await getSensor(db, tenantId, id);
      if (!stored) {
        await createSensor(db, tenantId, { ...value, id }, null);
        created.push(id);
      } else {
        let changed = false;
        if (!sameSensor(stored, value)) {
          const { id: _id, containerId: _c, validFrom: _v, ...patch } = value;
          await updateSensor(db, tenantId, id, patch, null);
          changed = true;
        }
        if (value.containerId !== undefined && value.containerId !== stored.containerId) {
          changed = (await bindSensor(db, tenantId, id, { containerId: value.containerId, validFrom: value.validFrom }, null)).changed || changed;
        }
        (changed ? updated : unchanged).push(id);
      }
      await db.query('RELEASE SAVEPOINT sensor_row');
    } catch (err) {
      await db.query('ROLLBACK TO SAVEPOINT sensor_row');
      // The service matches refusals to rows by the id as given.
      rejected.push(...refusals(value.id, err));
    }
  }
  return { created, updated, unchanged, rejected };
}

const sensorSpec: TableSpec<SensorInput, unknown> = {
  kind: 'sensors',
  noun: 'sensor',
  table: 'sensors',
  // Written by storeSensorRows, not by the generic upsert.
  columns: [],
  toRecord: (r) => r,
};

export const sensorImport: ImportHandler<SensorInput> = {
  kind: 'sensors',
  readers: {
    csv: (content: string, o: ImportOptions, ctx: ReaderContext) => readRecords<SensorInput>(content, 'csv', SensorInput, o, ctx),
    json: (content: string, o: ImportOptions, ctx: ReaderContext) => readRecords<SensorInput>(content, 'json', SensorInput, o, ctx),
  },
  spec: sensorSpec,
  // DevEUIs are stored in lower case: the service compares ids (missing records) as stored.
  async prepare(rows) {
    return { rows: rows.map((r) => ({ ...r, value: { ...r.value, id: normalizeSensorId(r.value.id) } })), flagged: [] };
  },
  store: storeSensorRows,
};
