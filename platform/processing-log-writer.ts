/**
 * Writes processing-log rows (who, when, what, why) in one statement. Shared by the API's buffered
 * read log and the registry's change log, which writes inside the transaction of the change itself
 * so a change and its log entry are durable together.
 */
export interface ProcessingLogEntry {
  readonly tenantId: string;
  /** Token id, or `cli:<user>` for the command-line tools. */
  readonly actor: string;
  readonly role: string;
  readonly action: string;
  readonly object: string;
  readonly purpose: string;
  readonly requestId?: string | null;
}

export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export async function insertProcessingLog(db: Queryable, entries: readonly ProcessingLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const col = <K extends keyof ProcessingLogEntry>(k: K) => entries.map((e) => e[k] ?? null);
  await db.query(
    `INSERT INTO processing_log (tenant_id, actor, role, action, object, purpose, request_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
    [col('tenantId'), col('actor'), col('role'), col('action'), col('object'), col('purpose'), col('requestId')],
  );
}
