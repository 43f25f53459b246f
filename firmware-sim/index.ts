// Public surface of the firmware simulator: scenario city, models, fleet simulator, publisher.
export { buildScenario } from './scenario/build-scenario.ts';
export type { BuildScenarioOptions } from './scenario/options.ts';
export { DEFAULT_FRACTION_SHARES, DEFAULT_MEAN_DAILY_FILL, parseFractionShares } from './scenario/options.ts';
export { loadScenario, saveScenario, scenarioPath, SCENARIO_DIR } from './scenario/scenario-file.ts';
export { writeScenarioToDatabase } from './scenario/scenario-db.ts';
export type { ScenarioWriteResult } from './scenario/scenario-db.ts';
export { syntheticScenario } from './scenario/synthetic.ts';
export { prepareScenario } from './scenario/prepare-scenario.ts';
export type { PrepareScenarioOptions } from './scenario/prepare-scenario.ts';
export { CollectionFeed } from './scenario/collection-feed.ts';
export type { CollectionEvent } from './scenario/collection-feed.ts';
export type {
  Scenario, ScenarioContainer, ScenarioSensor, ScenarioPlace, ScenarioFacility, ScenarioVehicle, ScenarioVehicleType,
  ScenarioTenant, Fraction, ContainerType,
} from './scenario/types.ts';
export { FleetSimulator } from './sim/fleet-simulator.ts';
export type { FleetOptions, SimReading } from './sim/fleet-simulator.ts';
export { DEFAULT_FAULT_RATES, NO_FAULTS, FAULT_KINDS, parseFaultRates } from './model/faults.ts';
export type { FaultKind, FaultRates } from './model/faults.ts';
export { WeeklyProfile, LocalClock } from './model/profiles.ts';
export { MessageEncoder, toReadingInput } from './encode/encode-reading.ts';
export type { PayloadStyle } from './encode/encode-reading.ts';
export { FleetPublisher } from './publish/fleet-publisher.ts';
export type { PublisherStats, PublisherOptions } from './publish/fleet-publisher.ts';
export { MqttSink, NullSink } from './publish/message-sink.ts';
export type { MessageSink } from './publish/message-sink.ts';
export { SimClock } from './publish/sim-clock.ts';
export { startSimulatedFleet } from './publish/start-fleet.ts';
export { startDemoFleet } from './publish/demo-fleet.ts';
export type { DemoFleet, DemoFleetOptions } from './publish/demo-fleet.ts';
export type { StartFleetOptions, RunningFleet } from './publish/start-fleet.ts';
export { Prng } from './random/prng.ts';
