/**
 * Emptying detection from the fill level series of one container: a drop of at least
 * EMPTYING_DROP to at most EMPTY_AFTER is a collection (trucks empty a container in one go; sensor
 * noise and compaction make small drops). Also the container status shown to dispatchers.
 */
import type { ReadingRow } from './prepare-batch.ts';

export const EMPTYING_DROP = 0.3;
export const EMPTY_AFTER = 0.3;

export function isEmptying(fillBefore: number | null | undefined, fillAfter: number): boolean {
  return fillBefore !== null && fillBefore !== undefined && fillBefore - fillAfter >= EMPTYING_DROP && fillAfter <= EMPTY_AFTER;
}

export type ContainerStatus = 'ok' | 'full' | 'overflow' | 'fire' | 'tilt';

export function containerStatus(row: ReadingRow): ContainerStatus {
  if (row.reading.flags.fire) return 'fire';
  if (row.reading.flags.tilt) return 'tilt';
  if (row.fillLevel > 1) return 'overflow';
  if (row.fillLevel >= row.sensor.mustFill) return 'full';
  return 'ok';
}
