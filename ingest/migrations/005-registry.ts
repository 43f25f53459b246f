/**
 * The registry's schema: a version per master-data row (the API's ETag, so two dispatchers cannot
 * overwrite each other silently), retiring instead of deleting containers (their readings and
 * collection history stay), the municipality's own container type name, vehicle compartments and
 * daily limits, and the bulk imports the API accepts (the file is kept until its job has run, so
 * an acknowledged import is never lost).
 */
import type { Migration } from './types.ts';

const VERSIONED = ['tenants', 'depots', 'disposal_facilities', 'vehicle_types', 'vehicles', 'containers'];

export const registrySchema: Migration = {
  version: 5,
  name: 'registry: row versions, retired containers, fleet limits, imports',
  transactional: true,
  async up(db) {
    for (const table of VERSIONED) {
      await db.exec(`ALTER TABLE ${table}
        ADD COLUMN IF NOT EXISTS version integer NOT NULL DEFAULT 1,
        ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now()`);
    }
    await db.exec(`
ALTER TABLE containers
  -- the municipality's own type name ("Ondergrondse container 5m3"); type stays underground|street
  ADD COLUMN IF NOT EXISTS container_type text,
  -- set when an import with --retire-missing (or a DELETE) retires the container; never deleted
  ADD COLUMN IF NOT EXISTS retired_at timestamptz;

ALTER TABLE vehicle_types
  -- [{"fractions":["paper"],"capacityM3":10,"capacityKg":4000}]: separate bodies of one truck
  ADD COLUMN IF NOT EXISTS compartments jsonb NOT NULL DEFAULT '[]';

ALTER TABLE vehicles
  ADD COLUMN IF NOT EXISTS max_daily_load_kg double precision CHECK (max_daily_load_kg > 0),
  ADD COLUMN IF NOT EXISTS max_daily_stops integer CHECK (max_daily_stops > 0);

CREATE TABLE IF NOT EXISTS imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind text NOT NULL,
  -- format, map, crs, dryRun, retireMissing as given
  options jsonb NOT NULL DEFAULT '{}',
  file_name text,
  content bytea,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','completed','failed')),
  -- the CLI's JSON report
  report jsonb,
  failure_reason text,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX IF NOT EXISTS imports_tenant_time_idx ON imports (tenant_id, created_at DESC);
`);
  },
};
