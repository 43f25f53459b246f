import { describe, expect, it } from 'vitest';
import { arrivalInstruction, stopInstructions } from '../../../api/driver-instructions.ts';
import { bilingualInstruction } from '../../../optimizer/routing/index.ts';
import type { RouteLeg } from '../../../optimizer/routing/index.ts';

/** A leg as the routers store it: the router's own text, arrival counted as the 2nd of 5 waypoints. */
function leg(modifier?: string): RouteLeg {
  const depart = { name: 'Boulevard Albert 1er', maneuver: { type: 'depart', bearing_after: 90 } };
  const arrive = { name: 'Place du Casino', maneuver: { type: 'arrive', ...(modifier ? { modifier } : {}) } };
  const at = { location: [7.42, 43.73] as const, bearingBefore: 0, bearingAfter: 90 };
  return {
    distanceM: 300,
    durationS: 60,
    steps: [
      { distanceM: 300, durationS: 60, name: depart.name, maneuver: { ...at, type: 'depart' }, instruction: bilingualInstruction(depart, 1, 4) },
      { distanceM: 0, durationS: 0, name: arrive.name, maneuver: { ...at, type: 'arrive', ...(modifier ? { modifier } : {}) }, instruction: bilingualInstruction(arrive, 1, 4) },
    ],
  };
}

const container = { kind: 'job', containerId: 'C01', facilityId: null, address: 'Place du Casino 1' };

describe('driver directions per stop', () => {
  it('the router says which waypoint; the driver reads which container, where, and on which side', () => {
    expect(leg('right').steps[1]!.instruction.nl).toMatch(/gearriveerd op uw 2e bestemming/); // what the tablet showed
    const nl = stopInstructions(leg('right'), container, 'nl');
    expect(nl).toEqual([leg().steps[0]!.instruction.nl, 'Bestemming bereikt: container C01, Place du Casino 1, aan de rechterkant']);
    expect(nl.join(' ')).not.toMatch(/bestemming,|2e|gearriveerd/);
    expect(stopInstructions(leg('slight left'), container, 'en').at(-1)).toBe('Destination reached: container C01, Place du Casino 1, on the left');
    expect(stopInstructions(leg(), container, 'en').at(-1)).toBe('Destination reached: container C01, Place du Casino 1');
  });

  it('names unloading sites and the depot, and does without an address', () => {
    expect(arrivalInstruction({ kind: 'unload', containerId: null, facilityId: 'F1', address: 'Quai Jean-Charles Rey' }, 'left', 'nl')).toBe('Bestemming bereikt: losplaats F1, Quai Jean-Charles Rey, aan de linkerkant');
    expect(arrivalInstruction({ kind: 'end', containerId: null, facilityId: null, address: 'Rue de la Lujerneta 1' }, 'straight', 'en')).toBe('Destination reached: depot, Rue de la Lujerneta 1, straight ahead');
    expect(arrivalInstruction({ ...container, address: null }, undefined, 'nl')).toBe('Bestemming bereikt: container C01');
  });

  it('leaves the other steps as the router said them; no leg, no directions', () => {
    expect(stopInstructions(leg(), container, 'en')[0]).toBe(leg().steps[0]!.instruction.en);
    expect(stopInstructions(undefined, container, 'nl')).toEqual([]);
  });
});
