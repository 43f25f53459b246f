/** Stopping criteria as small objects (as in PyVRP): the search asks `done` once per iteration. */

export interface StoppingCriterion {
  /** `bestCost` is the best feasible objective so far (Infinity when none). */
  done(iteration: number, bestCost: number): boolean;
  /** Share of the budget used, 0..1, for cooling schedules. */
  progress(iteration: number): number;
}

export class MaxIterations implements StoppingCriterion {
  constructor(private readonly max: number) {}
  done(iteration: number): boolean {
    return iteration >= this.max;
  }
  progress(iteration: number): number {
    return Math.min(1, iteration / this.max);
  }
}

export class MaxRuntime implements StoppingCriterion {
  private readonly start: number;
  constructor(private readonly limitMs: number, private readonly now: () => number = () => performance.now()) {
    this.start = now();
  }
  done(): boolean {
    return this.now() - this.start >= this.limitMs;
  }
  progress(): number {
    return Math.min(1, (this.now() - this.start) / this.limitMs);
  }
}

/** Stops after `max` iterations without a new best feasible solution. */
export class NoImprovement implements StoppingCriterion {
  private best = Infinity;
  private since = 0;
  constructor(private readonly max: number) {}
  done(_iteration: number, bestCost: number): boolean {
    if (bestCost < this.best) {
      this.best = bestCost;
      this.since = 0;
    } else this.since++;
    return this.since >= this.max;
  }
  progress(): number {
    return Math.min(1, this.since / this.max);
  }
}

export class AbortSignalStop implements StoppingCriterion {
  constructor(private readonly signal: AbortSignal) {}
  done(): boolean {
    return this.signal.aborted;
  }
  progress(): number {
    return 0;
  }
}

/** Stops when any criterion does; progress is the furthest along of the budgeted ones. */
export class AnyOf implements StoppingCriterion {
  constructor(private readonly criteria: readonly StoppingCriterion[], private readonly budgeted: readonly StoppingCriterion[]) {}
  done(iteration: number, bestCost: number): boolean {
    let stop = false;
    for (const c of this.criteria) if (c.done(iteration, bestCost)) stop = true;
    return stop;
  }
  progress(iteration: number): number {
    let p = 0;
    for (const c of this.budgeted) p = Math.max(p, c.progress(iteration));
    return p;
  }
}
