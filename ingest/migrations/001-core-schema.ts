/**
 * Core relational schema. Master data is keyed by (tenant_id, id) so every municipality names its
 * own depots, vehicles and containers; system-made rows (plans, stops, events, alerts) use uuids.
 * Coordinates are WGS84 lon/lat columns (no PostGIS needed); units are in the column names.
 */
import type { Migration } from './types.ts';

const FRACTIONS = `'residual','paper','glass','pmd','organic','textile'`;

export const coreSchema: Migration = {
  version: 1,
  name: 'core schema',
  transactional: true,
  async up(db) {
    await db.exec(`

CREATE TABLE IF NOT EXISTS tenants (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name text NOT NULL,
  time_zone text NOT NULL DEFAULT 'Europe/Amsterdam',
  -- thresholds and policy defaults: {"mustFill":0.8,"mayFill":0.5,...}
  settings jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS depots (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  name text NOT NULL,
  lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  address text,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE IF NOT EXISTS disposal_facilities (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  name text NOT NULL,
  lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  address text,
  fractions text[] NOT NULL CHECK (fractions <@ ARRAY[${FRACTIONS}]::text[] AND cardinality(fractions) > 0),
  -- [{"days":[1,2,3,4,5],"open":"07:00","close":"17:00"}], ISO weekdays, tenant time zone
  opening_hours jsonb NOT NULL DEFAULT '[]',
  unloading_time_s integer NOT NULL DEFAULT 900 CHECK (unloading_time_s >= 0),
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE IF NOT EXISTS vehicle_types (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  name text NOT NULL,
  capacity_kg double precision NOT NULL CHECK (capacity_kg > 0),
  capacity_m3 double precision NOT NULL CHECK (capacity_m3 > 0),
  fractions text[] NOT NULL CHECK (fractions <@ ARRAY[${FRACTIONS}]::text[] AND cardinality(fractions) > 0),
  -- loose volume compressed by the truck's packer: m3 in the body = loose m3 / compaction_factor
  compaction_factor double precision NOT NULL DEFAULT 1 CHECK (compaction_factor >= 1),
  routing_profile text NOT NULL DEFAULT 'car',
  fixed_cost double precision NOT NULL DEFAULT 0 CHECK (fixed_cost >= 0),
  cost_per_km double precision NOT NULL DEFAULT 0 CHECK (cost_per_km >= 0),
  cost_per_hour double precision NOT NULL DEFAULT 0 CHECK (cost_per_hour >= 0),
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE IF NOT EXISTS vehicles (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  name text NOT NULL,
  vehicle_type_id text NOT NULL,
  depot_id text NOT NULL,
  -- local times in the tenant's time zone
  shift_start time NOT NULL DEFAULT '07:00',
  shift_end time NOT NULL DEFAULT '15:30',
  break_duration_s integer NOT NULL DEFAULT 1800 CHECK (break_duration_s >= 0),
  break_earliest time DEFAULT '11:00',
  break_latest time DEFAULT '13:00',
  max_trips integer CHECK (max_trips > 0),
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, vehicle_type_id) REFERENCES vehicle_types(tenant_id, id),
  FOREIGN KEY (tenant_id, depot_id) REFERENCES depots(tenant_id, id),
  CHECK (shift_end > shift_start)
);

CREATE TABLE IF NOT EXISTS containers (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  address text,
  fraction text NOT NULL CHECK (fraction IN (${FRACTIONS})),
  volume_m3 double precision NOT NULL CHECK (volume_m3 > 0),
  type text NOT NULL CHECK (type IN ('underground', 'street')),
  -- service time at the stop (crane lift for underground, tipping for street bins)
  service_time_s integer NOT NULL DEFAULT 120 CHECK (service_time_s >= 0),
  -- road snap (from the router) and how far the site is from the road
  road_lon double precision,
  road_lat double precision,
  snap_distance_m double precision,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE IF NOT EXISTS sensors (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  -- device id: DevEUI for LoRaWAN devices
  id text NOT NULL,
  container_id text,
  model text NOT NULL,
  -- distance from the sensor to the bottom (empty) and to the full line, for distance -> fill
  empty_distance_mm integer NOT NULL CHECK (empty_distance_mm > 0),
  full_distance_mm integer NOT NULL CHECK (full_distance_mm >= 0),
  reporting_interval_s integer NOT NULL DEFAULT 3600 CHECK (reporting_interval_s > 0),
  installed_at timestamptz NOT NULL DEFAULT now(),
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, container_id) REFERENCES containers(tenant_id, id) ON DELETE SET NULL (container_id),
  CHECK (full_distance_mm < empty_distance_mm)
);
CREATE INDEX IF NOT EXISTS sensors_container_idx ON sensors (tenant_id, container_id);

-- Fill readings. Hypertable in TimescaleDB mode (migration 2), plain table + indexes otherwise.
-- flags bitmask: 1 fire, 2 tilt, 4 lid open, 8 false echo suspected.
CREATE TABLE IF NOT EXISTS readings (
  time timestamptz NOT NULL,
  tenant_id text NOT NULL,
  sensor_id text NOT NULL,
  container_id text,
  fill_level real CHECK (fill_level BETWEEN 0 AND 2),
  distance_mm integer CHECK (distance_mm >= 0),
  battery_pct real CHECK (battery_pct BETWEEN 0 AND 100),
  temperature_c real CHECK (temperature_c BETWEEN -60 AND 200),
  flags smallint NOT NULL DEFAULT 0,
  rssi smallint,
  snr real,
  seq integer,
  received_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT readings_sensor_time_key UNIQUE (tenant_id, sensor_id, time)
);

-- Latest state per container, kept by the ingester for fast reads.
CREATE TABLE IF NOT EXISTS container_state (
  tenant_id text NOT NULL,
  container_id text NOT NULL,
  sensor_id text,
  fill_level real,
  measured_at timestamptz,
  battery_pct real,
  temperature_c real,
  flags smallint NOT NULL DEFAULT 0,
  status text NOT NULL DEFAULT 'ok',
  last_emptied_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, container_id),
  FOREIGN KEY (tenant_id, container_id) REFERENCES containers(tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  date date NOT NULL,
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued','running','draft','approved','dispatched','completed','failed','cancelled')),
  policy jsonb NOT NULL DEFAULT '{}',
  params jsonb NOT NULL DEFAULT '{}',
  cost double precision,
  stats jsonb NOT NULL DEFAULT '{}',
  failure_reason text,
  job_id text,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS plans_tenant_date_idx ON plans (tenant_id, date DESC);

CREATE TABLE IF NOT EXISTS routes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  tenant_id text NOT NULL,
  vehicle_id text NOT NULL,
  start_time timestamptz,
  end_time timestamptz,
  distance_m double precision,
  duration_s double precision,
  cost double precision,
  -- GeoJSON LineString (CRS84)
  geometry jsonb,
  FOREIGN KEY (tenant_id, vehicle_id) REFERENCES vehicles(tenant_id, id),
  UNIQUE (plan_id, vehicle_id)
);

CREATE TABLE IF NOT EXISTS route_stops (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  route_id uuid NOT NULL REFERENCES routes(id) ON DELETE CASCADE,
  tenant_id text NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  kind text NOT NULL CHECK (kind IN ('start','job','unload','break','end')),
  container_id text,
  facility_id text,
  eta timestamptz,
  departure timestamptz,
  load_kg double precision,
  load_m3 double precision,
  expected_fill real,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','arrived','emptied','skipped')),
  UNIQUE (route_id, position) DEFERRABLE INITIALLY IMMEDIATE
);
CREATE INDEX IF NOT EXISTS route_stops_container_idx ON route_stops (tenant_id, container_id);

CREATE TABLE IF NOT EXISTS stop_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id text NOT NULL,
  stop_id uuid NOT NULL REFERENCES route_stops(id) ON DELETE CASCADE,
  -- generated by the tablet, so an offline replay is recognised
  client_event_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('arrived','emptied','skipped')),
  observed_fill real CHECK (observed_fill BETWEEN 0 AND 2),
  reason_code text CHECK (reason_code IN ('blocked','no_access','contaminated','damaged','already_empty','other')),
  note text,
  time timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  actor text,
  UNIQUE (tenant_id, client_event_id)
);

CREATE TABLE IF NOT EXISTS collection_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id text NOT NULL,
  container_id text NOT NULL,
  time timestamptz NOT NULL,
  -- sensor: detected from a sharp drop; driver: reported from the tablet
  source text NOT NULL CHECK (source IN ('sensor','driver','manual')),
  fill_before real,
  fill_after real,
  stop_id uuid REFERENCES route_stops(id) ON DELETE SET NULL,
  UNIQUE (tenant_id, container_id, time, source),
  FOREIGN KEY (tenant_id, container_id) REFERENCES containers(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS collection_events_time_idx ON collection_events (tenant_id, time DESC);

CREATE TABLE IF NOT EXISTS alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('fire','tilt','battery_low','silent','full','overflow','sensor_fault')),
  severity text NOT NULL DEFAULT 'warning' CHECK (severity IN ('info','warning','critical')),
  container_id text,
  sensor_id text,
  message text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  raised_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by text
);
-- one open alert per sensor and kind: a flapping sensor does not flood the dispatcher
CREATE UNIQUE INDEX IF NOT EXISTS alerts_open_key ON alerts (tenant_id, coalesce(sensor_id, ''), coalesce(container_id, ''), kind)
  WHERE resolved_at IS NULL;
CREATE INDEX IF NOT EXISTS alerts_tenant_time_idx ON alerts (tenant_id, raised_at DESC);

CREATE TABLE IF NOT EXISTS dead_letters (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT now(),
  tenant_id text,
  topic text NOT NULL,
  payload bytea NOT NULL,
  reason text NOT NULL,
  detail text
);
CREATE INDEX IF NOT EXISTS dead_letters_time_idx ON dead_letters (received_at DESC);
CREATE INDEX IF NOT EXISTS dead_letters_reason_idx ON dead_letters (reason, received_at DESC);
`);
  },
};
