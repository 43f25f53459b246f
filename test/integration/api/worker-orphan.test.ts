/**
 * The sandboxed solver child exits when its worker process is SIGKILLed mid-solve (issue 13 item
 * 11): a real worker process (api/jobs/worker-main.ts), a plan with a long time limit, kill -9 the
 * worker while the child solves, and the child is gone soon after instead of solving on under PID 1.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlanJobs, type PlanJobs } from '../../../api/jobs/plan-jobs.ts';
import { clearQueuePrefix, createTestDatabase, randomQueuePrefix, randomTenant, spawnTs, TEST_REDIS_URL, type Spawned, type TestDatabase } from '../../helpers/index.ts';
import { seedMunicipality, todayAmsterdam } from './fixtures.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Node processes whose parent is `ppid` (from /proc; field 4 of stat, after the parenthesised
 * name): the BullMQ sandbox, not tsx's esbuild service, which is a child too.
 */
function nodeChildrenOf(ppid: number): number[] {
  const kids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const argv0 = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')[0] ?? '';
      if (Number(fields[1]) === ppid && argv0 === process.execPath) kids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return kids;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    // A zombie still answers signal 0; it has exited all the same.
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('solver child of a killed worker', () => {
  let db: TestDatabase;
  let planJobs: PlanJobs;
  let worker: Spawned;
  let solverPid: number | undefined;
  const prefix = randomQueuePrefix();

  beforeAll(async () => {
    db = await createTestDatabase();
    planJobs = await createPlanJobs({ redisUrl: TEST_REDIS_URL, prefix });
    worker = spawnTs('api/jobs/worker-main.ts', { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, WORKER_QUEUE_PREFIX: prefix, LOG_LEVEL: 'info', OSM_PBF: '/nonexistent.osm.pbf' });
    await worker.waitFor(/plan worker started/);
  });
  afterAll(async () => {
    await worker?.stop('SIGKILL');
    // Only the child this test's worker forked, and only if the fix failed.
    if (solverPid && alive(solverPid)) process.kill(solverPid, 'SIGKILL');
    await planJobs?.close();
    await clearQueuePrefix(prefix);
    await db?.drop();
  });

  it('exits within seconds after kill -9 of its parent', async () => {
    const tenant = (await seedMunicipality(db.pool, randomTenant(), 12)).tenant;
    const { rows } = await db.pool.query(`INSERT INTO plans (tenant_id, date) VALUES ($1, $2) RETURNING id`, [tenant, todayAmsterdam()]);
    const planId = rows[0].id as string;
    await planJobs.enqueue({ planId, tenantId: tenant, kind: 'plan', timeLimitS: 120 }, planId);
    const workerPid = worker.child.pid!;
    for (let i = 0; i < 120 && !solverPid; i++) {
      const { rows: now } = await db.pool.query('SELECT status FROM plans WHERE id = $1', [planId]);
      if (now[0].status === 'running') solverPid = nodeChildrenOf(workerPid)[0];
      if (!solverPid) await sleep(250);
    }
    expect(solverPid, 'the worker forked a solver child').toBeDefined();
    await sleep(1000); // well inside the solve (120 s)
    expect(alive(solverPid!)).toBe(true);

    await worker.stop('SIGKILL');
    let gone = false;
    for (let i = 0; i < 40 && !gone; i++) {
      gone = !alive(solverPid!);
      if (!gone) await sleep(250);
    }
    expect(gone, `solver child ${solverPid} still running 10 s after its worker was killed`).toBe(true);
  });
});
