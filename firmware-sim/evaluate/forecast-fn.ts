/** The closed loop's forecast: the forecast library, seen by the planner through its outlook adapter. */
import { forecastContainer } from '../../forecast/index.ts';
import { outlookOf } from '../../planner/forecast-outlook.ts';
import type { ForecastFn } from './policies.ts';

export const forecastOutlook: ForecastFn = (input) => outlookOf(forecastContainer(input));
