/**
 * Distance ↔ fill level with the geometry stored with the sensor (sensors.empty_distance_mm,
 * sensors.full_distance_mm). Fill is linear in the distance: at the empty distance it is 0, at the
 * full line 1; closer than the full line means overflowing (up to 2, the column's limit), farther
 * than the bottom (a reflection off the floor) counts as empty.
 */
export interface SensorGeometry {
  /** Sensor → container bottom (empty) in mm. */
  emptyDistanceMm: number;
  /** Sensor → full line in mm (smaller than emptyDistanceMm). */
  fullDistanceMm: number;
}

export const MAX_FILL_LEVEL = 2;

export function fillFromDistance(distanceMm: number, g: SensorGeometry): number {
  const span = g.emptyDistanceMm - g.fullDistanceMm;
  if (!(span > 0)) throw new RangeError(`sensor geometry: empty distance ${g.emptyDistanceMm} must exceed full distance ${g.fullDistanceMm}`);
  const fill = (g.emptyDistanceMm - distanceMm) / span;
  return Math.min(MAX_FILL_LEVEL, Math.max(0, fill));
}

/** The distance a sensor would measure at a fill level (simulator), rounded to whole mm. */
export function distanceFromFill(fillLevel: number, g: SensorGeometry): number {
  const span = g.emptyDistanceMm - g.fullDistanceMm;
  const fill = Math.min(MAX_FILL_LEVEL, Math.max(0, fillLevel));
  return Math.max(0, Math.round(g.emptyDistanceMm - fill * span));
}
