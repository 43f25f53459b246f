/**
 * Which OSM ways a car (and a refuse truck) may drive, in which direction and how fast. Speeds
 * follow OSRM's car.lua so that built-in matrices are comparable with OSRM ones.
 */
export type OsmTags = Readonly<Record<string, string>>;

export interface WayAttributes {
  /** Along the way's node order. */
  readonly forward: boolean;
  /** Against the way's node order. */
  readonly backward: boolean;
  readonly speedKmh: number;
  readonly name: string;
  /** Part of a roundabout (junction=roundabout/circular): driver text counts its exits. */
  readonly roundabout: boolean;
}

/** Tags read from the PBF; the parser drops all others, which keeps parsing fast. */
export const WAY_TAGS_USED = [
  'highway', 'oneway', 'junction', 'maxspeed', 'name', 'ref', 'access', 'vehicle', 'motor_vehicle',
  'motorcar', 'service', 'area', 'construction',
];

const SPEED_BY_HIGHWAY: Readonly<Record<string, number>> = {
  motorway: 90, motorway_link: 45, trunk: 85, trunk_link: 40, primary: 65, primary_link: 30,
  secondary: 55, secondary_link: 25, tertiary: 40, tertiary_link: 20, unclassified: 25,
  residential: 25, living_street: 10, service: 15,
};

/** Service roads a vehicle only crawls along. */
const SLOW_SERVICE = new Set(['alley', 'parking', 'parking_aisle', 'driveway', 'drive-through']);
const SLOW_SERVICE_KMH = 5;

const FORBIDDEN_ACCESS = new Set(['no', 'private', 'agricultural', 'forestry', 'emergency', 'psv', 'customers', 'delivery', 'bus', 'taxi']);

/** OSRM scales a signed limit down: traffic rarely drives at the limit in town. */
const MAXSPEED_FACTOR = 0.8;

const IMPLIED_ONEWAY = new Set(['motorway', 'motorway_link', 'trunk_link']);

export function carWayAttributes(tags: OsmTags | undefined): WayAttributes | null {
  if (!tags) return null;
  const highway = tags.highway;
  const classSpeed = highway ? SPEED_BY_HIGHWAY[highway] : undefined;
  if (classSpeed === undefined) return null;
  if (tags.area === 'yes') return null;
  // The most specific access tag wins (motorcar over motor_vehicle over vehicle over access).
  const access = tags.motorcar ?? tags.motor_vehicle ?? tags.vehicle ?? tags.access;
  if (access !== undefined && FORBIDDEN_ACCESS.has(access)) return null;

  const oneway = onewayOf(tags, highway!);
  if (oneway === 'reversible') return null;
  const baseSpeed = highway === 'service' && tags.service && SLOW_SERVICE.has(tags.service) ? SLOW_SERVICE_KMH : classSpeed;
  const maxspeed = parseMaxspeedKmh(tags.maxspeed);
  const speedKmh = maxspeed !== undefined ? Math.max(1, maxspeed * MAXSPEED_FACTOR) : baseSpeed;
  return {
    forward: oneway !== 'backward',
    backward: oneway === 'both' || oneway === 'backward',
    speedKmh,
    name: tags.name ?? tags.ref ?? '',
    roundabout: tags.junction === 'roundabout' || tags.junction === 'circular',
  };
}

function onewayOf(tags: OsmTags, highway: string): 'both' | 'forward' | 'backward' | 'reversible' {
  const value = tags.oneway;
  if (value === '-1' || value === 'reverse') return 'backward';
  if (value === 'yes' || value === '1' || value === 'true') return 'forward';
  if (value === 'reversible' || value === 'alternating') return 'reversible';
  if (value === 'no' || value === '0' || value === 'false') return 'both';
  if (tags.junction === 'roundabout' || tags.junction === 'circular') return 'forward';
  if (IMPLIED_ONEWAY.has(highway)) return 'forward';
  return 'both';
}

/** '50', '50 km/h', '30 mph', 'FR:urban' (→ 50), 'none' (→ undefined). */
export function parseMaxspeedKmh(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const implicit = IMPLICIT_LIMITS[value.toLowerCase()];
  if (implicit !== undefined) return implicit;
  const match = /^(\d+(?:\.\d+)?)\s*(mph|km\/h|kmh)?$/i.exec(value.trim());
  if (!match) return undefined;
  const number = Number(match[1]);
  if (!(number > 0)) return undefined;
  return match[2]?.toLowerCase() === 'mph' ? number * 1.609344 : number;
}

const IMPLICIT_LIMITS: Readonly<Record<string, number>> = {
  'nl:urban': 50, 'nl:rural': 80, 'nl:motorway': 100, 'nl:zone30': 30, 'nl:zone60': 60,
  'fr:urban': 50, 'fr:rural': 80, 'fr:motorway': 130, 'fr:zone30': 30,
  'mc:urban': 50, 'de:urban': 50, 'de:rural': 100, 'be:urban': 50, 'walk': 7, 'living_street': 10,
};
