/**
 * The solver the planner calls: the optimizer's `solve` and `check` when optimizer/index.ts
 * exports them, otherwise the greedy fallback of this folder (named as such in plan stats).
 */
import type { Problem } from '../optimizer/model/problem.ts';
import type { CheckResult, PlannedRoute, Solution } from '../optimizer/model/solution.ts';
import { greedyCheck, greedySolve } from './greedy-solver.ts';

export interface SolveProgress {
  readonly percent: number;
  readonly bestCost?: number;
}

export interface SolveOptions {
  readonly timeLimitMs: number;
  readonly seed?: number;
  readonly onProgress?: (p: SolveProgress) => void;
  readonly signal?: AbortSignal;
}

export interface Solver {
  readonly name: string;
  solve(problem: Problem, options: SolveOptions): Promise<Solution>;
  check(problem: Problem, routes: readonly PlannedRoute[]): Promise<CheckResult>;
}

export const greedyFallbackSolver: Solver = {
  name: 'greedy-fallback',
  solve: async (problem) => greedySolve(problem),
  check: async (problem, routes) => greedyCheck(problem, routes),
};

type OptimizerModule = {
  solve?: (problem: Problem, options: Record<string, unknown>) => Solution | Promise<Solution>;
  check?: (problem: Problem, routes: readonly PlannedRoute[]) => CheckResult | Promise<CheckResult>;
};

/** Reads whatever shape the optimizer reports progress in and keeps percent and best cost. */
function toProgress(raw: unknown, timeLimitMs: number, started: number): SolveProgress {
  const r = (raw ?? {}) as Record<string, unknown>;
  const num = (k: string) => (typeof r[k] === 'number' && Number.isFinite(r[k]) ? (r[k] as number) : undefined);
  const fraction = num('progress') ?? num('fraction');
  const percent = num('percent') ?? (fraction !== undefined ? fraction * 100 : ((performance.now() - started) / timeLimitMs) * 100);
  const bestCost = num('bestCost') ?? num('cost') ?? num('best');
  return { percent: Math.max(0, Math.min(100, percent)), ...(bestCost === undefined ? {} : { bestCost }) };
}

let cached: Solver | undefined;

export async function loadSolver(): Promise<Solver> {
  if (cached) return cached;
  // A variable specifier: the optimizer engine may not export solve yet, and the planner must run.
  const specifier = '../optimizer/index.ts';
  const mod = (await import(specifier)) as OptimizerModule;
  const { solve, check } = mod;
  if (typeof solve !== 'function' || typeof check !== 'function') {
    cached = greedyFallbackSolver;
    return cached;
  }
  cached = {
    name: 'optimizer',
    async solve(problem, options) {
      const started = performance.now();
      return solve(problem, {
        timeLimitMs: options.timeLimitMs,
        seed: options.seed ?? 1,
        signal: options.signal,
        onProgress: options.onProgress ? (raw: unknown) => options.onProgress!(toProgress(raw, options.timeLimitMs, started)) : undefined,
      });
    },
    check: async (problem, routes) => check(problem, routes),
  };
  return cached;
}
