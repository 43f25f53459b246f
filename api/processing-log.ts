/**
 * The processing log (Common Ground "verwerkingenlogging"): who read a route or vehicle positions,
 * when, and for which purpose. Callers may state the purpose in the `X-Purpose` header; otherwise
 * the role's standing purpose is recorded. Entries are buffered and written in batches so that
 * logging does not slow a driver's route fetch; `flush()` runs on close.
 */
import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { Principal, Role } from './auth/tokens.ts';
import { insertProcessingLog } from '../platform/processing-log-writer.ts';

export type ProcessingAction = 'read-route' | 'read-vehicle-positions' | 'export-route' | 'read-plan-routes';

export const STANDING_PURPOSE: Record<Role, string> = {
  driver: 'carrying out the assigned collection route',
  dispatcher: 'planning and supervising waste collection',
  admin: 'operating the service',
};

interface Entry {
  tenantId: string;
  actor: string;
  role: string;
  action: ProcessingAction;
  object: string;
  purpose: string;
  requestId: string;
}

export class ProcessingLog {
  private buffer: Entry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: pg.Pool,
    private readonly onError: (err: unknown) => void,
    private readonly flushMs = 500,
  ) {}

  record(request: FastifyRequest, principal: Principal, action: ProcessingAction, object: string): void {
    const header = request.headers['x-purpose'];
    const purpose = typeof header === 'string' && header.trim() ? header.trim().slice(0, 500) : STANDING_PURPOSE[principal.role];
    this.buffer.push({ tenantId: principal.tenantId, actor: principal.tokenId, role: principal.role, action, object, purpose, requestId: request.id });
    if (this.buffer.length >= 200) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushMs).unref();
  }

  /** Writes everything buffered so far; resolves when it is durable. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length === 0) return this.pending;
    this.pending = this.pending.then(() => insertProcessingLog(this.pool, batch).then(() => undefined, this.onError));
    return this.pending;
  }
}
