/**
 * Who changed the sensor registry, when and what: a processing-log row written in the transaction
 * of the change (so the change and its record are durable together).
 */
import type pg from 'pg';

export interface ChangeActor {
  readonly tenantId: string;
  /** Token id, or `cli:<user>` for the import command. */
  readonly actor: string;
  readonly role: string;
  readonly purpose: string;
  readonly requestId?: string;
}

export async function logChange(db: pg.ClientBase, who: ChangeActor, action: string, object: string): Promise<void> {
  await db.query(
    'INSERT INTO processing_log (tenant_id, actor, role, action, object, purpose, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [who.tenantId, who.actor, who.role, action, object, who.purpose, who.requestId ?? null],
  );
}
