/**
 * The solver the planner calls: the optimizer's `solve` and `check`, behind a small interface so
 * that callers (tests, the closed-loop evaluation) can pass another one and progress arrives in
 * the planner's terms (percent of the time budget, best cost so far).
 */
import { check, solve } from '../optimizer/index.ts';
import type { Problem } from '../optimizer/model/problem.ts';
import type { CheckResult, PlannedRoute, Solution } from '../optimizer/model/solution.ts';

export interface SolveProgress {
  readonly percent: number;
  readonly bestCost?: number;
}

export interface SolveOptions {
  readonly timeLimitMs: number;
  /** Iteration budget: with it a seed gives the same plan on every machine (tests, evaluations). */
  readonly maxIterations?: number;
  readonly seed?: number;
  readonly onProgress?: (p: SolveProgress) => void;
  readonly signal?: AbortSignal;
}

export interface Solver {
  readonly name: string;
  solve(problem: Problem, options: SolveOptions): Promise<Solution>;
  check(problem: Problem, routes: readonly PlannedRoute[]): Promise<CheckResult>;
}

export const optimizerSolver: Solver = {
  name: 'optimizer',
  async solve(problem, options) {
    return solve(problem, {
      timeLimitMs: options.timeLimitMs,
      ...(options.maxIterations ? { maxIterations: options.maxIterations } : {}),
      seed: options.seed ?? 1,
      signal: options.signal,
      onProgress: options.onProgress
        ? (p) => options.onProgress!({
          percent: Math.min(100, (p.elapsedMs / options.timeLimitMs) * 100),
          ...(Number.isFinite(p.bestCost) ? { bestCost: p.bestCost } : {}),
        })
        : undefined,
    });
  },
  check: async (problem, routes) => check(problem, routes),
};

/** Kept as a function so a later engine choice (per tenant, per size) has one place to go. */
export async function loadSolver(): Promise<Solver> {
  return optimizerSolver;
}
