/**
 * API tables: bearer tokens (only a SHA-256 hash is stored, so a database dump does not hand out
 * access), the processing log (who read routes and vehicle positions, and why: the Common Ground
 * "verwerkingenlogging" idea), the optimizer problem kept per plan so a dispatcher's edit can be
 * checked later without asking the router again, and the driver instructions per route.
 */
import type { Migration } from './types.ts';

export const apiTokensProcessingLog: Migration = {
  version: 4,
  name: 'api tokens, processing log, plan problems',
  transactional: true,
  async up(db) {
    await db.exec(`
CREATE TABLE IF NOT EXISTS api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  -- hex SHA-256 of the secret token; the token itself is shown once and never stored
  token_hash text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('admin','dispatcher','driver')),
  vehicle_id text,
  name text,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  FOREIGN KEY (tenant_id, vehicle_id) REFERENCES vehicles(tenant_id, id) ON DELETE CASCADE,
  -- a driver is bound to exactly one vehicle, other roles to none
  CHECK ((role = 'driver') = (vehicle_id IS NOT NULL))
);

CREATE TABLE IF NOT EXISTS processing_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id text NOT NULL,
  time timestamptz NOT NULL DEFAULT now(),
  -- token id and role of the reader
  actor text NOT NULL,
  role text NOT NULL,
  -- e.g. read-route, read-vehicle-positions, export-route
  action text NOT NULL,
  -- the object read: route/<uuid>, vehicle/<id>, plan/<uuid>
  object text NOT NULL,
  -- why: the purpose (doelbinding) given with the request, or the default for the role
  purpose text NOT NULL,
  request_id text
);
CREATE INDEX IF NOT EXISTS processing_log_tenant_time_idx ON processing_log (tenant_id, time DESC);

CREATE TABLE IF NOT EXISTS plan_problems (
  plan_id uuid PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
  -- the optimizer problem (matrix included) and the ids behind its indices
  problem jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE routes ADD COLUMN IF NOT EXISTS legs jsonb;
CREATE INDEX IF NOT EXISTS routes_vehicle_idx ON routes (tenant_id, vehicle_id);
CREATE INDEX IF NOT EXISTS route_stops_route_idx ON route_stops (route_id, position);
`);
  },
};
