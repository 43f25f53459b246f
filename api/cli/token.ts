/**
 * `npm run token -- --role dispatcher|driver|admin [--vehicle ID] [--tenant ID] [--name TEXT]`
 * Issues a bearer token and prints only the token (so `TOKEN=$(npm run -s token -- --role admin)`
 * works). Messages go to stderr; exit code 2 for a wrong argument.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../platform/config.ts';
import { createPool, ensureDatabase } from '../../platform/db.ts';
import { InputError } from '../../platform/errors.ts';
import { runMain } from '../../platform/main.ts';
import { migrateDatabase } from '../../ingest/migrations/index.ts';
import { issueToken, ROLES, type Role } from '../auth/tokens.ts';

await runMain(async () => {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, vehicle: { type: 'string' }, tenant: { type: 'string' }, name: { type: 'string' } },
    strict: true,
  });
  if (!values.role || !ROLES.includes(values.role as Role)) {
    throw new InputError(`--role must be one of ${ROLES.join(', ')}`, [{ name: '--role', reason: `got ${values.role ?? 'nothing'}` }]);
  }
  const config = loadConfig();
  await ensureDatabase(config.databaseUrl);
  await migrateDatabase(config.databaseUrl, { readingsRetentionDays: config.readingsRetentionDays, timescaledb: config.timescaledb });
  const pool = createPool(config.databaseUrl, { max: 1 });
  try {
    const tenant = values.tenant ?? config.tenant;
    await pool.query('INSERT INTO tenants (id, name, time_zone) VALUES ($1, $1, $2) ON CONFLICT (id) DO NOTHING', [tenant, config.timeZone]);
    const issued = await issueToken(pool, { tenantId: tenant, role: values.role as Role, vehicleId: values.vehicle, name: values.name ?? 'cli' });
    process.stdout.write(`${issued.token}\n`);
  } finally {
    await pool.end();
  }
});
