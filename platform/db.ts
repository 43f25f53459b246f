/**
 * PostgreSQL access. `SqlRunner` is the small surface migrations and schema checks need, so the same
 * migration code runs on `pg` (this machine's PostgreSQL, production TimescaleDB) and on PGlite
 * (the in-process TimescaleDB build used to test the hypertable branch).
 */
import pg from 'pg';

export interface SqlRunner {
  /** One statement, with $1.. parameters. */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Several statements separated by semicolons, no parameters. */
  exec(sql: string): Promise<void>;
}

export function createPool(databaseUrl: string, options: pg.PoolConfig = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, ...options });
  // An idle client losing its connection (database restart) must not crash the process; the pool
  // replaces it on the next checkout.
  pool.on('error', () => {});
  return pool;
}

export function poolRunner(pool: pg.Pool | pg.PoolClient | pg.Client): SqlRunner {
  return {
    async query<R>(sql: string, params?: unknown[]) {
      const res = await pool.query(sql, params as unknown[] | undefined);
      return { rows: res.rows as R[] };
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
  };
}

/** The database name in a connection URL. */
export function databaseName(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, '')) || 'postgres';
}

/** The same URL pointing at another database on the same server. */
export function withDatabase(databaseUrl: string, name: string): string {
  const u = new URL(databaseUrl);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Create the database named in the URL when it does not exist yet (first start on a laptop). */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const name = databaseName(databaseUrl);
  const admin = new pg.Client({ connectionString: withDatabase(databaseUrl, 'postgres'), connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    try {
      await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
    } catch (err) {
      // Another process created it between our check and our CREATE.
      if ((err as { code?: string }).code !== '42P04') throw err;
    }
    return true;
  } finally {
    await admin.end();
  }
}

/**
 * Run `fn` inside one transaction on one pooled connection: COMMIT when it resolves, ROLLBACK when
 * it throws (the error is rethrown), and the connection always goes back to the pool.
 */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
