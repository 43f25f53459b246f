/** Public surface of the optimizer: solve a routing problem, check a plan. */
export type { Problem, Vehicle, Job, Break, Matrix, TimeWindow, DisposalFacility } from './model/problem.ts';
export type {
  Solution, Route, Step, StepType, Unassigned, CostBreakdown, RouteCost, Violation, PlannedRoute, CheckResult,
} from './model/solution.ts';
export { solve, type SolveOptions, type Progress } from './search/solve.ts';
export { check } from './check.ts';
export { validateProblem } from './model/validate.ts';
export { startsLoaded } from './model/instance.ts';

// Routing providers (OSRM, built-in road router, straight line) behind one interface.
export * from './routing/index.ts';
