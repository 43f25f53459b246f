// Public surface of the planning pipeline (select → problem → matrix → solve → result).
export { runPlanningPipeline } from './run-plan.ts';
export type { PipelineDeps, PipelineOutput, PlannedProblem } from './run-plan.ts';
export { selectContainers, expectedFillOf } from './select.ts';
export type { SelectedContainer } from './select.ts';
export { buildProblem, toOptimizerVehicle, breakIdOf } from './build-problem.ts';
export { toPlanResult, toPlannedRoutes, plannedStopId } from './result.ts';
export { collectLocations } from './locations.ts';
export { assignFractions } from './fraction-assignment.ts';
export { isoWeekday, openWindowOn } from './facility-hours.ts';
export type { OpeningHours } from './facility-hours.ts';
export { fetchMatrix } from './matrix.ts';
export { loadSolver, optimizerSolver } from './solver.ts';
export type { Solver, SolveOptions, SolveProgress } from './solver.ts';
export { routeGeometry } from './route-geometry.ts';
export type { GeometryStop, RouteGeometry } from './route-geometry.ts';
export { DEFAULT_POLICY, DEFAULT_DENSITY_KG_PER_M3 } from './types.ts';
export type * from './types.ts';
