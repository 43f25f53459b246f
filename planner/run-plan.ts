/**
 * THE planning pipeline (ARCHITECTURE.md, "One pipeline, two callers"): select containers →
 * collect locations → matrix from the routing provider → build the problem → solve → result.
 * No database and no queue in here: the plan worker passes data loaded from PostgreSQL, the
 * closed-loop evaluation passes simulated data.
 */
import type { Problem } from '../optimizer/model/problem.ts';
import type { RoutingProvider } from '../optimizer/routing/index.ts';
import { buildProblem } from './build-problem.ts';
import { assignFractions } from './fraction-assignment.ts';
import { withoutUnservableJobs } from './unservable.ts';
import { collectLocations } from './locations.ts';
import { fetchMatrix } from './matrix.ts';
import { toPlanResult } from './result.ts';
import { selectVisits } from './select.ts';
import { withOutcomes } from './plan-decisions.ts';
import type { PlanDecision } from './decisions.ts';
import { optimizerSolver, type Solver } from './solver.ts';
import type { PlanningInput, PlanProgress, PlanResult, PlanUnassigned } from './types.ts';
import type { LonLat } from '../optimizer/routing/index.ts';
import { TimeBudget } from './time-budget.ts';

export interface PipelineDeps {
  readonly routing: RoutingProvider;
  /** Default: the optimizer. */
  readonly solver?: Solver;
  /** The whole run's limit; the solver gets what the matrix leaves (see time-budget.ts). */
  readonly timeLimitMs: number;
  /** The job's budget when the caller has stages of its own around the pipeline (the plan worker). */
  readonly budget?: TimeBudget;
  /** Iteration budget for reproducible runs (tests, closed-loop evaluation). */
  readonly maxIterations?: number;
  readonly seed?: number;
  readonly onProgress?: (p: PlanProgress) => void;
  readonly signal?: AbortSignal;
}

/** What is kept with a plan so that a dispatcher's edit can be checked without the router. */
export interface PlannedProblem {
  readonly problem: Problem;
  readonly points: readonly LonLat[];
}

export interface PipelineOutput {
  readonly result: PlanResult;
  readonly planned: PlannedProblem;
  /** Every container's decision (must / optional / skip / emergency) and what became of it. */
  readonly decisions: readonly PlanDecision[];
}

export async function runPlanningPipeline(input: PlanningInput, deps: PipelineDeps): Promise<PipelineOutput> {
  const progress = deps.onProgress ?? (() => {});
  progress({ stage: 'select', percent: 0 });
  const { selected, decisions } = selectVisits(input);
  // With facilities every trip ends at one (disposal trips): waste that no facility takes cannot be
  // collected today, and must not draw a truck in the fraction assignment either.
  const accepted = new Set(input.facilities.flatMap((f) => f.fractions));
  const disposable = (s: (typeof selected)[number]) => input.facilities.length === 0 || accepted.has(s.container.fraction);
  const selection = selected.filter(disposable);
  const locations = collectLocations(selection, input.vehicles, input.facilities);

  const budget = deps.budget ?? new TimeBudget(deps.timeLimitMs);
  progress({ stage: 'matrix', percent: 5 });
  const matrixStarted = budget.clock();
  const matrix = await budget.stage('matrix', () =>
    fetchMatrix(deps.routing, locations.points, locations.labels, [...new Set([...locations.depotIndex.values(), ...locations.startIndex.values()])], { signal: deps.signal }));
  const matrixMs = budget.clock() - matrixStarted;
  const unreachable = selection.filter((_, i) => matrix.unreachable.has(locations.containerIndex[i]!));
  const dropped: PlanUnassigned[] = [
    ...selected.filter((s) => !disposable(s)).map((s) => ({ containerId: s.container.id, reason: `no facility accepts fraction ${s.container.fraction}`, required: s.required })),
    ...unreachable.map((s) => ({ containerId: s.container.id, reason: 'no road between the container and the depot', required: s.required })),
  ];

  const fractionByVehicle = input.policy.mixFractions ? undefined : assignFractions(selection, input.vehicles);
  const built = buildProblem(selection, input.vehicles, input.facilities, locations, matrix, fractionByVehicle);
  const { problem, unservable } = withoutUnservableJobs(built);
  for (const u of unservable) dropped.push({ containerId: u.job, reason: u.reason, required: true });
  progress({ stage: 'solve', percent: 10 });
  const solveStarted = budget.clock();
  const solver = deps.solver ?? optimizerSolver;
  const solverLimitMs = budget.solverMs();
  const solution = await budget.stage('solve', () => solver.solve(problem, {
    timeLimitMs: solverLimitMs,
    maxIterations: deps.maxIterations,
    seed: deps.seed,
    signal: deps.signal,
    // Solving is the long part: map its 0..100 onto 10..95 of the whole run.
    onProgress: (p) => progress({ stage: 'solve', percent: 10 + p.percent * 0.85, ...(p.bestCost === undefined ? {} : { bestCost: p.bestCost }) }),
  }));
  const solveMs = budget.clock() - solveStarted;
  const solved = toPlanResult(solution, problem, locations.points, selection, dropped, {
    candidates: selected.length,
    required: selected.filter((s) => s.required).length,
    optional: selected.filter((s) => !s.required).length,
    matrixMs,
    solveMs,
    solverLimitMs,
    solver: solver.name,
    router: deps.routing.name,
    ...(fractionByVehicle ? { fractionByVehicle: Object.fromEntries(fractionByVehicle) } : {}),
  });
  const facts = { vehicles: input.vehicles, facilities: input.facilities, fractionByVehicle, unreachable: new Set(unreachable.map((s) => s.container.id)) };
  const result = { ...solved, stats: { ...solved.stats, emergencies: decisions.filter((d) => d.kind === 'emergency').length } };
  progress({ stage: 'done', percent: 95, bestCost: result.cost });
  // Kept for the check mode: without the dropped jobs, which would otherwise always read as missing.
  return { result, planned: { problem, points: locations.points }, decisions: withOutcomes(decisions, selected, solved, facts) };
}
