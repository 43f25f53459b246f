import osrmTextInstructions from 'osrm-text-instructions';
import { describe, expect, it } from 'vitest';
import { bilingualInstruction, instructionText } from '../../../optimizer/routing/instructions.ts';
import { turnModifier } from '../../../optimizer/routing/builtin/builtin-steps.ts';
import { recording } from './support/recorded-osrm.ts';

describe('driver instructions', () => {
  const route = recording('route-steps.json').response.routes[0];
  const library = osrmTextInstructions('v5');

  it('compiles every recorded OSRM step in Dutch and English, as the library does', () => {
    const legCount = route.legs.length;
    route.legs.forEach((leg: { steps: object[] }, legIndex: number) => {
      for (const step of leg.steps) {
        const text = bilingualInstruction(step as never, legIndex, legCount);
        expect(text.nl).toBe(library.compile('nl', step, { legIndex, legCount }));
        expect(text.en).toBe(library.compile('en', step, { legIndex, legCount }));
        expect(text.nl.length).toBeGreaterThan(3);
      }
    });
  });

  it('falls back to a plain instruction for a maneuver the library does not know', () => {
    const text = instructionText({ name: 'Dorpsstraat', maneuver: { type: 'teleport', modifier: 'sideways' } }, 'nl', 0, 1);
    expect(text).toContain('Dorpsstraat');
  });

  it('names turns from the change of bearing', () => {
    expect(turnModifier(0, 5)).toBe('straight');
    expect(turnModifier(0, 90)).toBe('right');
    expect(turnModifier(90, 0)).toBe('left');
    expect(turnModifier(350, 30)).toBe('slight right');
    expect(turnModifier(0, 150)).toBe('sharp right');
    expect(turnModifier(0, 180)).toBe('uturn');
  });
});
