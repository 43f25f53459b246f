/**
 * The metaheuristic wiring: construction by regret-3 insertion (or cheapest insertion), then SISR-style ruin and recreate
 * with simulated-annealing acceptance, each candidate polished by granular local search, under
 * adaptive penalties. Anytime: the best feasible solution is kept and returned when a stopping
 * criterion fires (time, iterations, no improvement or an abort signal).
 */
import type { Problem } from '../model/problem.ts';
import type { Solution } from '../model/solution.ts';
import { buildInstance, type Instance } from '../model/instance.ts';
import { validateProblem } from '../model/validate.ts';
import { SegmentOps } from '../eval/segment.ts';
import { Penalties } from '../eval/penalties.ts';
import { RouteState } from './route-state.ts';
import { Rng } from './rng.ts';
import { buildNeighbours } from './neighbours.ts';
import { StringRuin, DEFAULT_RUIN } from './ruin-strings.ts';
import { Recreate } from './recreate.ts';
import { LocalSearch } from './local-search.ts';
import { AbortSignalStop, AnyOf, MaxIterations, MaxRuntime, NoImprovement, type StoppingCriterion } from './stopping.ts';
import { buildSolution } from './result.ts';
import { UnloadTrips } from './unload-trips.ts';
import { RegretConstruction } from './construction-regret.ts';

export interface Progress {
  readonly iteration: number;
  readonly elapsedMs: number;
  /** Best feasible objective so far (Infinity while none is known). */
  readonly bestCost: number;
}

export interface SolveOptions {
  /** Wall-clock budget (default 10 s unless maxIterations is given). */
  readonly timeLimitMs?: number;
  /** Iteration budget; with it the result is identical for a seed on every machine. */
  readonly maxIterations?: number;
  /** Stop after this many iterations without a better solution. */
  readonly maxNoImprovement?: number;
  readonly seed?: number;
  readonly onProgress?: (p: Progress) => void;
  readonly signal?: AbortSignal;
  /** Granular neighbourhood size (default 15; 10 above 1,000 jobs). */
  readonly neighbours?: number;
  /** Run local search on every candidate (default true). */
  readonly localSearch?: boolean;
  /**
   * Start solution: 'regret' (default) inserts the job with the largest regret-3 first, so jobs
   * with few good options are placed early; 'cheapest' inserts in a random order at the cheapest
   * position (faster on very large instances).
   */
  readonly construction?: 'regret' | 'cheapest';
  /**
   * Milliseconds clock for the time limit, progress and yields (default performance.now): tests
   * inject one to check the stopping rule without depending on the machine's speed.
   */
  readonly clock?: () => number;
}

/** How long to compute between two yields to the event loop (so `signal` can fire). */
const YIELD_EVERY_MS = 50;

export async function solve(problem: Problem, options: SolveOptions = {}): Promise<Solution> {
  const clock = options.clock ?? (() => performance.now());
  const t0 = clock();
  // The clock starts now: validation and construction count against the time limit.
  const { stop, urgent } = stopping(options, clock);
  const { unservableOptional } = validateProblem(problem);
  const inst = buildInstance(problem);
  const unservable = new Set(unservableOptional.map((u) => u.job));
  const excluded = problem.jobs.map((j) => unservable.has(j.id));
  // Construction stops early too when the budget runs out (the repair then reports the rest).
  const engine = new Engine(inst, options, excluded, urgent);
  let nextYield = clock() + YIELD_EVERY_MS;
  let nextReport = 0;
  while (!stop.done(engine.iteration, engine.bestObjective)) {
    engine.step(stop.progress(engine.iteration));
    const now = clock();
    if (now >= nextYield) {
      if (options.onProgress && now >= nextReport) {
        options.onProgress({ iteration: engine.iteration, elapsedMs: now - t0, bestCost: engine.bestObjective });
        nextReport = now + 200;
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
      nextYield = clock() + YIELD_EVERY_MS;
    }
  }
  const elapsedMs = clock() - t0;
  options.onProgress?.({ iteration: engine.iteration, elapsedMs, bestCost: engine.bestObjective });
  return buildSolution(inst, engine.bestState(), unservableOptional, { iterations: engine.iteration, elapsedMs });
}

/** The stop criterion, and `urgent`: the time or abort part alone, safe to poll during construction. */
function stopping(options: SolveOptions, clock: () => number): { stop: StoppingCriterion; urgent: () => boolean } {
  const all: StoppingCriterion[] = [];
  const budgeted: StoppingCriterion[] = [];
  const hard: StoppingCriterion[] = [];
  if (options.maxIterations !== undefined) {
    const it = new MaxIterations(options.maxIterations);
    all.push(it);
    budgeted.push(it);
  }
  if (options.timeLimitMs !== undefined || options.maxIterations === undefined) {
    const t = new MaxRuntime(options.timeLimitMs ?? 10_000, clock);
    all.push(t);
    hard.push(t);
    // With an iteration budget the cooling follows iterations only, for exact determinism.
    if (options.maxIterations === undefined) budgeted.push(t);
  }
  if (options.maxNoImprovement !== undefined) all.push(new NoImprovement(options.maxNoImprovement));
  if (options.signal) {
    const a = new AbortSignalStop(options.signal);
    all.push(a);
    hard.push(a);
  }
  return { stop: new AnyOf(all, budgeted), urgent: () => hard.some((c) => c.done(0, Infinity)) };
}

/** One run of the search over one instance; `step` performs one iteration. */
export class Engine {
  readonly state: RouteState;
  readonly pen: Penalties;
  private readonly rng: Rng;
  private readonly ruin: StringRuin;
  private readonly recreate: Recreate;
  private readonly ls: LocalSearch | null;
  private readonly trips: UnloadTrips;
  private readonly removed: Int32Array;
  private readonly feas = new Uint8Array(3);
  private current: number;
  private readonly tStart: number;
  private readonly tEnd: number;
  iteration = 0;
  bestObjective = Infinity;
  private best: { next: Int32Array; routeOf: Int32Array } | null = null;

  /** Jobs the search never inserts (optional jobs no vehicle can serve). */
  private readonly excluded: Uint8Array;

  /**
   * `outOfTime`: the time limit or abort, polled inside construction and every local search, so
   * neither a long construction nor one iteration's local search on long routes overruns the limit.
   */
  constructor(readonly inst: Instance, options: SolveOptions, excluded: readonly boolean[] = [], private readonly outOfTime: () => boolean = () => false) {
    this.excluded = Uint8Array.from({ length: inst.numJobs }, (_, j) => (excluded[j] ? 1 : 0));
    this.rng = new Rng(options.seed ?? 1);
    const ops = new SegmentOps(inst);
    this.pen = new Penalties(inst);
    // An unserved required job must cost more than any route that could serve it.
    let maxArc = 0;
    for (let i = 0; i < inst.dist.length; i++) {
      const c = inst.dist[i] * inst.costPerM[0] + inst.dur[i] * inst.costPerS[0];
      if (c > maxArc && Number.isFinite(c)) maxArc = c;
    }
    let maxFixed = 0;
    for (let v = 0; v < inst.numVehicles; v++) maxFixed = Math.max(maxFixed, inst.fixedCost[v]);
    this.state = new RouteState(inst, ops, this.pen, 10 * (2 * maxArc + maxFixed) + 1);
    // Above 1,000 jobs routes are long (100+ stops on the waste instances) and every changed route
    // re-examines all its jobs: 10 neighbours gave 1.3-3.5x the iterations and equal or better
    // results on 4 of the 5 wcvrptw instances above 1,000 stops (BENCHMARKS.md).
    const kGranular = options.neighbours ?? (inst.numJobs > 1000 ? 10 : 15);
    const adj = buildNeighbours(inst, Math.max(kGranular, 60));
    this.ruin = new StringRuin(inst, this.state, adj.list, adj.k, DEFAULT_RUIN);
    this.recreate = new Recreate(inst, this.state);
    this.ls = options.localSearch === false ? null : new LocalSearch(inst, this.state, adj.list, adj.k, Math.min(kGranular, adj.k));
    this.removed = new Int32Array(inst.numJobs);
    this.trips = new UnloadTrips(inst, this.state);

    // Construction: regret or cheapest insertion of all jobs, then local search.
    let count = 0;
    for (let j = 0; j < inst.numJobs; j++) if (!this.excluded[j]) this.removed[count++] = j;
    if ((options.construction ?? 'regret') === 'regret') {
      new RegretConstruction(inst, this.state, 3, adj).run(this.removed, count, outOfTime);
    } else {
      this.recreate.sortJobs(this.removed, count, this.rng);
      for (let i = 0; i < count; i++) {
        if ((i & 31) === 0 && outOfTime()) break;
        this.recreate.insertOne(this.removed[i], null);
      }
    }
    this.trips.adjustAll();
    this.ls?.run(this.rng, outOfTime);
    this.trips.adjustAll();
    this.current = this.state.totalCost();
    this.recordBest();
    // SISR's temperatures relative to the average arc cost of the start solution.
    const arcs = inst.numJobs + this.usedRoutes();
    const avgArc = this.state.objective() / Math.max(1, arcs);
    this.tStart = 0.1 * avgArc;
    this.tEnd = 0.001 * avgArc;
  }

  private usedRoutes(): number {
    let used = 0;
    for (let r = 0; r < this.state.numRoutes; r++) if (this.state.jobCount[r] > 0) used++;
    return used;
  }

  step(progress: number): void {
    const st = this.state;
    const rng = this.rng;
    const temperature = this.tStart * Math.pow(this.tEnd / this.tStart, progress);
    st.beginLog();
    let count = 0;
    for (let j = 0; j < this.inst.numJobs; j++) if (st.routeOf[j] < 0 && !this.excluded[j]) this.removed[count++] = j;
    count = this.ruin.ruin(rng, this.removed, count);
    this.recreate.sortJobs(this.removed, count, rng);
    this.recreate.insertAll(this.removed, count, rng);
    this.trips.adjustAll();
    this.ls?.run(rng, this.outOfTime);
    this.trips.adjustAll();
    const candidate = st.totalCost();
    // Every candidate counts: for the best solution (even when annealing rejects it) and for
    // the penalty adaptation (as HGS registers every local-search result).
    this.recordBest();
    const loadOk = this.feas[0] === 1;
    const timeOk = this.feas[1] === 1;
    const distOk = this.feas[2] === 1;
    if (candidate < this.current - temperature * Math.log(rng.next() + 1e-300)) {
      st.commit();
      this.current = candidate;
    } else {
      st.rollback();
    }
    if (this.pen.register(loadOk, timeOk, distOk)) {
      st.repriceAll();
      this.current = st.totalCost();
    }
    this.iteration++;
  }

  /** Keeps the state as best when feasible and cheaper; leaves its feasibility in `feas`. */
  private recordBest(): void {
    const st = this.state;
    st.feasibility(this.feas);
    if (!this.feas[0] || !this.feas[1] || !this.feas[2]) return;
    const obj = st.objective();
    if (obj < this.bestObjective - 1e-9) {
      this.bestObjective = obj;
      this.best = st.snapshot(this.best ?? undefined);
    }
  }

  /** The best feasible state, or the current one when none was feasible. */
  bestState(): RouteState {
    if (this.best) this.state.restore(this.best);
    return this.state;
  }
}
