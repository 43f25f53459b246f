// Public surface of the forecast library (pure: no I/O). See forecast/README.md.
export { forecastContainer } from './forecast-container.ts';
export { predictFill, probabilityAtLeast, timeToReach, HORIZON_MS } from './predict.ts';
export { ratePrior } from './rate-prior.ts';
export { explainFallback } from './explain.ts';
export { FORECAST_MESSAGES } from './messages.ts';
export type {
  ContainerForecast, EmptyingEvent, FillObservation, FillPrediction, ForecastFallback, ForecastFallbackCode, ForecastInput,
  ForecastOptions, RatePrior, RateSource, SensorHealth, SensorIssue, SensorIssueKind, WeeklyPattern,
} from './types.ts';
