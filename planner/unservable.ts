/**
 * The optimizer refuses a problem in which a required job cannot be served by any vehicle (no
 * truck for its fraction, more waste than a truck holds, unreachable in the shift). For a daily plan
 * that must not sink the whole day: such containers are taken out, reported unassigned with the
 * optimizer's reason, and the rest is planned.
 */
import { validateProblem } from '../optimizer/index.ts';
import type { Problem } from '../optimizer/model/problem.ts';
import { isAppError } from '../platform/errors.ts';

export interface SolvableProblem {
  readonly problem: Problem;
  readonly unservable: readonly { job: string; reason: string }[];
}

const JOB_NAME = /^job (.+)$/;

export function withoutUnservableJobs(problem: Problem): SolvableProblem {
  try {
    validateProblem(problem);
    return { problem, unservable: [] };
  } catch (err) {
    if (!isAppError(err) || err.kind !== 'input') throw err;
    const unservable = err.details.flatMap((d) => {
      const m = JOB_NAME.exec(d.name);
      return m ? [{ job: m[1]!, reason: d.reason }] : [];
    });
    // Anything else wrong with the problem is a bug of the caller: let it surface.
    if (unservable.length === 0 || unservable.length !== err.details.length) throw err;
    const drop = new Set(unservable.map((u) => u.job));
    return { problem: { ...problem, jobs: problem.jobs.filter((j) => !drop.has(j.id)) }, unservable };
  }
}
