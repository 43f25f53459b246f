/**
 * The time a dispatcher asks for (`timeLimitS`) is the whole job's: loading, the matrix, the
 * solve, road geometry and storing. A budget starts with the job; the solver gets what is left
 * after the matrix minus a reserve for the stages after it, so the job ends near the limit
 * instead of at limit + matrix + geometry + store. The clock is passed in: the rule is tested
 * with a clock that jumps, not by waiting.
 */
export type Clock = () => number;

export const wallClock: Clock = () => performance.now();

/** Names of the stages a plan job reports, in order. */
export type Stage = 'load' | 'matrix' | 'solve' | 'geometry' | 'store';

export class TimeBudget {
  private readonly startedAt: number;
  /** Milliseconds spent per stage so far. */
  readonly stagesMs: Partial<Record<Stage, number>> = {};

  /**
   * `reserveMs`: kept back from the solver for the caller's stages after the pipeline; 0 when the
   * pipeline is the whole run (closed-loop evaluation, tests). See `forJob`.
   */
  constructor(readonly limitMs: number, readonly clock: Clock = wallClock, readonly reserveMs = 0) {
    this.startedAt = clock();
  }

  /** A plan job's budget: 10 % of the limit (0.5–5 s) kept back for road geometry and storing. */
  static forJob(limitMs: number, clock: Clock = wallClock): TimeBudget {
    return new TimeBudget(limitMs, clock, Math.min(5000, Math.max(500, limitMs * 0.1)));
  }

  elapsedMs(): number {
    return this.clock() - this.startedAt;
  }

  remainingMs(): number {
    return Math.max(0, this.limitMs - this.elapsedMs());
  }

  /**
   * The solver's limit: what is left minus the reserve. Never below a floor (10 % of the limit,
   * at most 1 s), so a slow matrix still leaves time for a start solution; the job then ends at
   * most that floor late.
   */
  solverMs(): number {
    const floor = Math.min(1000, this.limitMs * 0.1);
    return Math.max(floor, this.remainingMs() - this.reserveMs);
  }

  /** Runs one stage and adds its time to `stagesMs`. */
  async stage<T>(name: Stage, work: () => Promise<T>): Promise<T> {
    const started = this.clock();
    try {
      return await work();
    } finally {
      this.stagesMs[name] = (this.stagesMs[name] ?? 0) + (this.clock() - started);
    }
  }

  /** Stage times and the total, rounded to milliseconds (for the plan's stats). */
  report(): Partial<Record<Stage | 'total', number>> {
    const out: Partial<Record<Stage | 'total', number>> = {};
    for (const [k, v] of Object.entries(this.stagesMs)) out[k as Stage] = Math.round(v);
    out.total = Math.round(this.elapsedMs());
    return out;
  }
}
