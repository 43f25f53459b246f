/**
 * The scenario: a simulated municipality (containers with sensors, depot, disposal facility, fleet)
 * as written to JSON and to the database. Units follow ARCHITECTURE.md: metres, seconds, m³, fill as
 * a fraction 0..1, coordinates [lon, lat] WGS84.
 */

export const FRACTIONS = ['residual', 'paper', 'glass', 'pmd', 'organic', 'textile'] as const;
export type Fraction = (typeof FRACTIONS)[number];

export const CONTAINER_TYPES = ['underground', 'street'] as const;
export type ContainerType = (typeof CONTAINER_TYPES)[number];

export interface ScenarioTenant {
  id: string;
  name: string;
  timeZone: string;
}

export interface ScenarioContainer {
  id: string;
  /** Containers at one collection point share a site (a "milieuparkje"). */
  siteId: string;
  lon: number;
  lat: number;
  address: string | null;
  fraction: Fraction;
  type: ContainerType;
  volumeM3: number;
  serviceTimeS: number;
  /** Road snap: a node of the largest strongly connected car graph. */
  roadLon: number;
  roadLat: number;
  roadNodeId: number;
  snapDistanceM: number;
  /** Ground truth for the fill model: mean fill fraction added per day (before profiles and noise). */
  dailyFillRate: number;
  /** Fill at the start of the simulation. */
  initialFill: number;
  /** Where the site came from: an OSM waste point or a residential street. */
  origin: 'osm' | 'street';
}

export interface ScenarioSensor {
  /** Device id (DevEUI, 16 hex digits). */
  id: string;
  containerId: string;
  model: string;
  /** Distance from the sensor to the container bottom (empty) and to the full line. */
  emptyDistanceMm: number;
  fullDistanceMm: number;
  reportingIntervalS: number;
}

export interface ScenarioPlace {
  id: string;
  name: string;
  lon: number;
  lat: number;
  roadNodeId: number;
}

export interface ScenarioFacility extends ScenarioPlace {
  fractions: Fraction[];
  openingHours: { days: number[]; open: string; close: string }[];
  unloadingTimeS: number;
}

export interface ScenarioVehicleType {
  id: string;
  name: string;
  capacityKg: number;
  capacityM3: number;
  fractions: Fraction[];
  compactionFactor: number;
  costPerKm: number;
  costPerHour: number;
  fixedCost: number;
}

export interface ScenarioVehicle {
  id: string;
  name: string;
  vehicleTypeId: string;
  depotId: string;
  shiftStart: string;
  shiftEnd: string;
}

export interface Scenario {
  version: 1;
  name: string;
  seed: number | string;
  tenant: ScenarioTenant;
  source: {
    pbf: string | null;
    bbox: [number, number, number, number] | null;
    osmWastePoints: number;
    roadNodes: number;
    reachableRoadNodes: number;
  };
  depots: ScenarioPlace[];
  facilities: ScenarioFacility[];
  vehicleTypes: ScenarioVehicleType[];
  vehicles: ScenarioVehicle[];
  containers: ScenarioContainer[];
  sensors: ScenarioSensor[];
}
