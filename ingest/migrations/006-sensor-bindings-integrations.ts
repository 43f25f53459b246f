/**
 * Sensors as registered devices, their bindings to containers with a validity period, the devices
 * seen but never registered, and each tenant's network-server integrations.
 *
 * - `sensor_bindings` is the truth about which container a sensor was in at a given time: the
 *   ingester gives every reading the container bound at the reading's time, so a sensor moved to
 *   another container keeps its old readings on the old one. `sensors.container_id` stays as the
 *   container of the open binding (older readers and writers use it): a write of that column by
 *   such a writer (the simulator, fixtures) opens and closes bindings through a trigger, and a
 *   binding written by the registry keeps the column in step through another.
 * - A LoRaWAN DevEUI is registered in one tenant only: that is how the ingester tells the tenant of
 *   an uplink from the installation's own broker (never from the network server's tenant id).
 * - `sensor_registry_version` changes with every write of sensors or bindings, in the writing
 *   transaction: the ingester compares it once per batch and drops its cache when it moved.
 * - Secrets of integrations are stored encrypted (AES-256-GCM, platform/secrets.ts), never plain.
 */
import type { Migration } from './types.ts';

export const sensorBindingsIntegrations: Migration = {
  version: 6,
  name: 'sensor bindings, unknown devices, network-server integrations',
  transactional: true,
  async up(db) {
    await db.exec(`
CREATE TABLE IF NOT EXISTS network_integrations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  -- things-stack / chirpstack: the ingester connects to mqtt_url; own-broker: uplinks arrive on the
  -- installation's own broker (MQTT_URL) and this integration claims those of its application id
  kind text NOT NULL CHECK (kind IN ('things-stack', 'chirpstack', 'own-broker')),
  name text NOT NULL,
  mqtt_url text,
  application_id text NOT NULL CHECK (application_id ~ '^[^/+#]+$'),
  username text,
  -- base64 of iv | auth tag | ciphertext (AES-256-GCM with SECRETS_KEY); API key or password
  secret_ciphertext text,
  -- prepended to the network server's topics (brokers bridged under a prefix, tests)
  topic_prefix text NOT NULL DEFAULT '',
  enabled boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'own-broker') = (mqtt_url IS NULL))
);
CREATE INDEX IF NOT EXISTS network_integrations_tenant_idx ON network_integrations (tenant_id);
-- on the shared broker an application id can belong to one tenant only
CREATE UNIQUE INDEX IF NOT EXISTS network_integrations_own_app_key ON network_integrations (application_id) WHERE kind = 'own-broker';

-- What the ingester last saw of each integration's connection (written by the ingester).
CREATE TABLE IF NOT EXISTS network_integration_state (
  integration_id uuid PRIMARY KEY REFERENCES network_integrations(id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('connecting', 'connected', 'disconnected', 'error')),
  connected_at timestamptz,
  last_message_at timestamptz,
  messages bigint NOT NULL DEFAULT 0,
  last_error text,
  last_error_at timestamptz,
  reported_by text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE sensors
  ADD COLUMN IF NOT EXISTS network_server text CHECK (network_server IN ('things-stack', 'chirpstack', 'none')),
  ADD COLUMN IF NOT EXISTS integration_id uuid REFERENCES network_integrations(id) ON DELETE SET NULL,
  ADD COLUMN IF NOT EXISTS version integer NOT NULL DEFAULT 1,
  ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();
CREATE UNIQUE INDEX IF NOT EXISTS sensors_deveui_key ON sensors (id) WHERE id ~ '^[0-9a-f]{16}$';

CREATE TABLE IF NOT EXISTS sensor_bindings (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id text NOT NULL,
  sensor_id text NOT NULL,
  container_id text NOT NULL,
  -- '-infinity': bound since before anything was measured (a first binding)
  valid_from timestamptz NOT NULL DEFAULT '-infinity',
  -- NULL: still bound
  valid_to timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text,
  FOREIGN KEY (tenant_id, sensor_id) REFERENCES sensors(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, container_id) REFERENCES containers(tenant_id, id) ON DELETE CASCADE,
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE UNIQUE INDEX IF NOT EXISTS sensor_bindings_open_key ON sensor_bindings (tenant_id, sensor_id) WHERE valid_to IS NULL;
CREATE INDEX IF NOT EXISTS sensor_bindings_sensor_idx ON sensor_bindings (tenant_id, sensor_id, valid_from);
CREATE INDEX IF NOT EXISTS sensor_bindings_container_idx ON sensor_bindings (tenant_id, container_id);

INSERT INTO sensor_bindings (tenant_id, sensor_id, container_id)
SELECT s.tenant_id, s.id, s.container_id FROM sensors s
 WHERE s.container_id IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM sensor_bindings b WHERE b.tenant_id = s.tenant_id AND b.sensor_id = s.id);

CREATE TABLE IF NOT EXISTS sensor_registry_version (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL DEFAULT 0
);
INSERT INTO sensor_registry_version (id, version) VALUES (true, 0) ON CONFLICT DO NOTHING;

CREATE OR REPLACE FUNCTION bump_sensor_registry_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE sensor_registry_version SET version = version + 1;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS sensors_registry_version ON sensors;
CREATE TRIGGER sensors_registry_version AFTER INSERT OR UPDATE OR DELETE ON sensors
  FOR EACH STATEMENT EXECUTE FUNCTION bump_sensor_registry_version();
DROP TRIGGER IF EXISTS sensor_bindings_registry_version ON sensor_bindings;
CREATE TRIGGER sensor_bindings_registry_version AFTER INSERT OR UPDATE OR DELETE ON sensor_bindings
  FOR EACH STATEMENT EXECUTE FUNCTION bump_sensor_registry_version();

-- A writer that sets sensors.container_id directly (simulator, fixtures) gets the binding made for
-- it: a new sensor is bound since ever, a changed container closes the old binding now. Writes
-- made by the binding trigger below (depth > 1) are left alone.
CREATE OR REPLACE FUNCTION sensors_container_to_binding() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() > 1 THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' THEN
    IF NEW.container_id IS NOT DISTINCT FROM OLD.container_id THEN RETURN NULL; END IF;
    UPDATE sensor_bindings SET valid_to = greatest(now(), valid_from + interval '1 millisecond')
     WHERE tenant_id = NEW.tenant_id AND sensor_id = NEW.id AND valid_to IS NULL;
  END IF;
  IF NEW.container_id IS NOT NULL THEN
    INSERT INTO sensor_bindings (tenant_id, sensor_id, container_id, valid_from)
    VALUES (NEW.tenant_id, NEW.id, NEW.container_id, CASE WHEN TG_OP = 'INSERT' THEN '-infinity'::timestamptz ELSE now() END);
  END IF;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS sensors_container_binding ON sensors;
CREATE TRIGGER sensors_container_binding AFTER INSERT OR UPDATE OF container_id ON sensors
  FOR EACH ROW EXECUTE FUNCTION sensors_container_to_binding();

-- Bindings written by the registry keep sensors.container_id = the open binding's container.
CREATE OR REPLACE FUNCTION binding_to_sensors_container() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE t text; s text;
BEGIN
  IF pg_trigger_depth() > 1 THEN RETURN NULL; END IF;
  IF TG_OP = 'DELETE' THEN t := OLD.tenant_id; s := OLD.sensor_id; ELSE t := NEW.tenant_id; s := NEW.sensor_id; END IF;
  UPDATE sensors SET container_id = (SELECT b.container_id FROM sensor_bindings b WHERE b.tenant_id = t AND b.sensor_id = s AND b.valid_to IS NULL)
   WHERE tenant_id = t AND id = s
     AND container_id IS DISTINCT FROM (SELECT b.container_id FROM sensor_bindings b WHERE b.tenant_id = t AND b.sensor_id = s AND b.valid_to IS NULL);
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS sensor_bindings_to_sensors ON sensor_bindings;
CREATE TRIGGER sensor_bindings_to_sensors AFTER INSERT OR UPDATE OR DELETE ON sensor_bindings
  FOR EACH ROW EXECUTE FUNCTION binding_to_sensors_container();

-- Devices whose readings arrived but that no tenant registered (their messages are dead letters).
CREATE TABLE IF NOT EXISTS unknown_devices (
  -- '' when no tenant could be told (own broker, no integration claims the application)
  tenant_id text NOT NULL,
  device_id text NOT NULL,
  format text NOT NULL,
  integration_id uuid REFERENCES network_integrations(id) ON DELETE SET NULL,
  first_seen_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  last_reading_time timestamptz,
  last_fill_level real,
  last_distance_mm integer,
  last_topic text,
  messages bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, device_id)
);
CREATE INDEX IF NOT EXISTS unknown_devices_seen_idx ON unknown_devices (tenant_id, last_seen_at DESC);
`);
  },
};
