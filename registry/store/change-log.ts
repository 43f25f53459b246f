/**
 * Who changed which master-data record, written to the processing log in the transaction of the
 * change (Common Ground verwerkingenlogging: who, when, what, why).
 */
import type pg from 'pg';
import { insertProcessingLog } from '../../platform/processing-log-writer.ts';

export interface Actor {
  /** Token id, or `cli:<user>`. */
  readonly actor: string;
  readonly role: string;
  readonly purpose?: string;
  readonly requestId?: string;
}

export type ChangeVerb = 'create' | 'update' | 'retire' | 'delete' | 'bind' | 'unbind';

const DEFAULT_PURPOSE = 'maintaining the municipality\'s master data';

export async function logChanges(db: pg.Pool | pg.PoolClient, tenantId: string, actor: Actor, verb: ChangeVerb, noun: string, ids: readonly string[]): Promise<void> {
  await insertProcessingLog(
    db,
    ids.map((id) => ({
      tenantId,
      actor: actor.actor,
      role: actor.role,
      action: `${verb}-${noun}`,
      object: `${noun}/${id}`,
      purpose: actor.purpose ?? DEFAULT_PURPOSE,
      requestId: actor.requestId ?? null,
    })),
  );
}
