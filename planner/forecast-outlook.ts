/**
 * A forecast of the forecast library as the selection sees it (`FillOutlook`): the plan worker and
 * the closed-loop evaluation both hand the planner forecasts through this one adapter.
 */
import { predictFill, probabilityAtLeast, timeToReach, type ContainerForecast } from '../forecast/index.ts';
import type { FillOutlook } from './outlook.ts';

export function outlookOf(f: ContainerForecast): FillOutlook {
  return {
    asOfMs: f.asOfMs,
    fillNow: f.fillNow,
    ratePerDay: f.ratePerDay,
    rateSource: f.rateSource,
    health: f.health,
    ...(f.lastObservationMs === null ? {} : { lastReadingMs: f.lastObservationMs }),
    predictFill: (t) => predictFill(f, t).mean,
    probabilityAtLeast: (fill, t) => probabilityAtLeast(f, fill, t),
    timeToReach: (fill, p) => timeToReach(f, fill, p),
  };
}
