/**
 * After an image upgrade the server carries a newer TimescaleDB than the one installed in the
 * database. `ALTER EXTENSION timescaledb UPDATE` must be the first statement of its session
 * (any earlier statement loads the old library into the session), so it runs on a session of
 * its own, opened for nothing else, before the migration session starts.
 */
import type { SqlRunner } from '../../platform/db.ts';
import { decideTimescale, readTimescaleCatalog, type TimescaleSetting } from './timescale-capabilities.ts';
import type { MigrationLog } from './types.ts';

export interface Session extends SqlRunner {
  close(): Promise<void>;
}

/** Returns whether the extension was updated. A catalog the migration would refuse is left to it. */
export async function updateTimescaleExtension(
  openSession: () => Promise<Session>,
  setting: TimescaleSetting = 'auto',
  log: MigrationLog = () => {},
): Promise<boolean> {
  const probe = await openSession();
  let catalog;
  try {
    catalog = await readTimescaleCatalog(probe);
  } finally {
    await probe.close();
  }
  let update: boolean;
  try {
    update = decideTimescale(catalog, setting).updateExtension;
  } catch {
    return false; // the migration session reports it, with what to set
  }
  if (!update) return false;
  const fresh = await openSession();
  try {
    await fresh.exec('ALTER EXTENSION timescaledb UPDATE');
  } finally {
    await fresh.close();
  }
  log(`updated the timescaledb extension from ${catalog.installedVersion} to ${catalog.defaultVersion}`, {
    from: catalog.installedVersion, to: catalog.defaultVersion,
  });
  return true;
}
