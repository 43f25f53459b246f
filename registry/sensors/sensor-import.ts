/**
 * Storing imported sensor rows (`npm run import -- --kind sensors`): each row upserts the sensor
 * on its DevEUI and binds it to the row's container, all or nothing per row (a savepoint), through
 * the same store the API uses. A row equal to what is stored changes nothing and is counted
 * unchanged, so importing the same file twice changes nothing; a row naming another container
 * rebinds the sensor from the row's `validFrom` (default now), keeping its old readings where they
 * were taken.
 */
import type pg from 'pg';
import { isAppError } from '../../platform/errors.ts';
import type { RowError } from '../import/import-types.ts';
import type { Actor } from '../store/change-log.ts';
import { normalizeSensorId, type SensorInput } from './sensor-shapes.ts';
import { bindSensor, createSensor, getSensor, updateSensor, type SensorRecord } from './sensor-store.ts';

export interface SensorImportOutcome {
  created: string[];
  updated: string[];
  unchanged: string[];
  errors: RowError[];
}

function sameSensor(stored: SensorRecord, row: SensorInput): boolean {
  return stored.model === row.model
    && stored.networkServer === (row.networkServer ?? stored.networkServer)
    && stored.integrationId === (row.integrationId ?? stored.integrationId)
    && stored.emptyDistanceMm === row.emptyDistanceMm
    && stored.fullDistanceMm === row.fullDistanceMm
    && stored.reportingIntervalS === (row.reportingIntervalS ?? 3600)
    && stored.active === (row.active ?? true);
}

/** A store error as the row's error: the field it names, without the `body.` of the API. */
function rowErrors(row: number, err: unknown): RowError[] {
  if (!isAppError(err) || err.kind !== 'input') throw err;
  if (err.details.length === 0) return [{ row, field: 'row', reason: err.message }];
  return err.details.map((d) => ({ row, field: d.name.replace(/^body\./, ''), reason: d.reason }));
}

export async function importSensorRows(db: pg.PoolClient, tenantId: string, rows: readonly { row: number; value: SensorInput }[], actor: Actor): Promise<SensorImportOutcome> {
  const out: SensorImportOutcome = { created: [], updated: [], unchanged: [], errors: [] };
  const seen = new Map<string, number>();
  for (const { row, value } of rows) {
    const id = normalizeSensorId(value.id);
    const first = seen.get(id);
    if (first !== undefined) {
      out.errors.push({ row, field: 'id', reason: `duplicate id in the file (first on row ${first})` });
      continue;
    }
    seen.set(id, row);
    await db.query('SAVEPOINT sensor_row');
    try {
      const stored = await getSensor(db, tenantId, id);
      if (!stored) {
        await createSensor(db, tenantId, { ...value, id }, actor);
        out.created.push(id);
      } else {
        let changed = false;
        if (!sameSensor(stored, value)) {
          const { id: _id, containerId: _c, validFrom: _v, ...patch } = value;
          await updateSensor(db, tenantId, id, patch, actor);
          changed = true;
        }
        if (value.containerId !== undefined && value.containerId !== stored.containerId) {
          changed = (await bindSensor(db, tenantId, id, { containerId: value.containerId, validFrom: value.validFrom }, actor)).changed || changed;
        }
        (changed ? out.updated : out.unchanged).push(id);
      }
      await db.query('RELEASE SAVEPOINT sensor_row');
    } catch (err) {
      await db.query('ROLLBACK TO SAVEPOINT sensor_row');
      out.errors.push(...rowErrors(row, err));
    }
  }
  return out;
}
