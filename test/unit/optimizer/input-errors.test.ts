/** Problems the caller can fix are InputErrors naming the job and the reason, before any search. */
import { describe, expect, it } from 'vitest';
import { solve, type Problem } from '../../../optimizer/index.ts';
import { InputError } from '../../../platform/errors.ts';
import { problemOn } from './fixtures.ts';

async function inputError(p: Problem): Promise<InputError> {
  try {
    await solve(p, { maxIterations: 10 });
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected an InputError');
}

const vehicle = { id: 'v', start: 0, capacity: [10], shift: [0, 1000] as const };

describe('input errors', () => {
  it('names a job whose demand exceeds every capacity', async () => {
    const err = await inputError(problemOn([[0, 0], [1, 1]], [{ id: 'heavy', demand: [11] }], [vehicle]));
    expect(err.details).toEqual([{ name: 'job heavy', reason: expect.stringMatching(/capacity/) }]);
  });

  it('names a job whose time window no vehicle can reach', async () => {
    const err = await inputError(problemOn([[0, 0], [500, 0]], [{ id: 'early', timeWindow: [0, 100] }], [vehicle]));
    expect(err.details[0]).toMatchObject({ name: 'job early', reason: expect.stringMatching(/time window/) });
  });

  it('names a job at an unreachable location', async () => {
    const m = [[0, Infinity], [Infinity, 0]];
    const err = await inputError({ matrix: { durations: m, distances: m }, vehicles: [vehicle], jobs: [{ id: 'island', location: 1 }] });
    expect(err.details[0]).toMatchObject({ name: 'job island', reason: expect.stringMatching(/unreachable/) });
  });

  it('names malformed fields', async () => {
    const err = await inputError(problemOn([[0, 0], [1, 1], [2, 2]], [{ id: 'a', timeWindow: [10, 5] }, { id: 'a' }], [vehicle]));
    expect(err.details.map((d) => d.name)).toEqual(['jobs[0] (a).timeWindow', 'jobs[1] (a)']);
  });

  it('does not fail on an optional job nobody can serve: it is reported unassigned', async () => {
    const sol = await solve(problemOn([[0, 0], [1, 1]], [{ id: 'big', demand: [50], prize: 10 }], [vehicle]), { maxIterations: 10 });
    expect(sol.unassigned).toEqual([{ job: 'big', reason: expect.stringMatching(/capacity/) }]);
  });
});
