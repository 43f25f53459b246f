/**
 * The decisions of a plan: for every container of the day, must / optional / skip / emergency with
 * its reason code and parameters (rendered in the tenant's language when read), the prize of an
 * optional one, and what became of it (on a route, unassigned with its own reason, skipped).
 */
import type { Migration } from './types.ts';

export const planDecisions: Migration = {
  version: 7,
  name: 'plan decisions',
  transactional: true,
  async up(db) {
    await db.exec(`
CREATE TABLE IF NOT EXISTS plan_decisions (
  plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  tenant_id text NOT NULL,
  container_id text NOT NULL,
  fraction text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('must','optional','skip','emergency')),
  code text NOT NULL,
  params jsonb NOT NULL DEFAULT '{}',
  fill_now real,
  expected_fill real,
  prize double precision,
  outcome text NOT NULL CHECK (outcome IN ('planned','unassigned','skipped','emergency')),
  vehicle_id text,
  -- seconds since local midnight of the plan day
  arrival_s double precision,
  unassigned_code text,
  unassigned_params jsonb,
  PRIMARY KEY (plan_id, container_id)
);
CREATE INDEX IF NOT EXISTS plan_decisions_kind_idx ON plan_decisions (tenant_id, plan_id, kind);
`);
  },
};
