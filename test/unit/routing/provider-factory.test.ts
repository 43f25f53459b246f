import { describe, expect, it } from 'vitest';
import { InputError } from '../../../platform/errors.ts';
import { createRoutingProvider } from '../../../optimizer/routing/create-routing-provider.ts';
import { routingConfigFromEnv } from '../../../optimizer/routing/routing-config.ts';
import { StraightLineProvider } from '../../../optimizer/routing/straight-line-provider.ts';
import { MONACO_PBF } from './support/recorded-osrm.ts';

function recordingLogger() {
  const lines: { level: string; obj: object; msg?: string }[] = [];
  return {
    lines,
    info: (obj: object, msg?: string) => lines.push({ level: 'info', obj, msg }),
    warn: (obj: object, msg?: string) => lines.push({ level: 'warn', obj, msg }),
  };
}

describe('createRoutingProvider', () => {
  it('chooses OSRM when a URL is given, without contacting it', async () => {
    const logger = recordingLogger();
    const provider = await createRoutingProvider({ osrmUrl: 'http://127.0.0.1:9/', pbfPath: MONACO_PBF, logger });
    expect(provider.name).toBe('osrm');
    expect(provider.version).toBe('osrm:http://127.0.0.1:9:unversioned');
    expect(logger.lines).toEqual([expect.objectContaining({ level: 'info', msg: 'routing provider selected' })]);
  });

  it('chooses the built-in router when only a PBF is given', async () => {
    const logger = recordingLogger();
    const provider = await createRoutingProvider({ pbfPath: MONACO_PBF, logger });
    expect(provider.name).toBe('builtin');
    expect(provider.version).toMatch(/^builtin:monaco\.osm\.pbf:\d+:\d+:car-v1$/);
    expect((await provider.health()).ok).toBe(true);
    expect(logger.lines.some((l) => l.level === 'warn')).toBe(false);
  });

  it('falls back to straight lines with a warning', async () => {
    const logger = recordingLogger();
    const provider = await createRoutingProvider({ pbfPath: '/nonexistent/extract.osm.pbf', logger });
    expect(provider.name).toBe('straight-line');
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(2);
    const noPbf = await createRoutingProvider({ logger });
    expect(noPbf.name).toBe('straight-line');
  });

  it('reads its configuration from the environment', () => {
    const config = routingConfigFromEnv({ OSRM_URL: 'http://osrm:5000', OSRM_MAX_TABLE_SIZE: '250', OSRM_TRUCK_URL: 'http://truck:5000' }, '/srv/app');
    expect(config).toMatchObject({ osrmUrl: 'http://osrm:5000', maxTableSize: 250, osrmProfileUrls: { truck: 'http://truck:5000' }, pbfPath: '/srv/shared/data/monaco.osm.pbf' });
    expect(() => routingConfigFromEnv({ OSRM_MAX_TABLE_SIZE: 'lots' })).toThrow(InputError);
  });
});

describe('straight-line provider', () => {
  it('multiplies crow-fly distance by the detour factor', async () => {
    const provider = new StraightLineProvider({ detourFactor: 1.5, speedKmh: 36 });
    const { distances, durations, unreachable } = await provider.table([[7.41, 43.73], [7.42, 43.73]], 'car');
    expect(distances[0][1]).toBeCloseTo(804.3 * 1.5, -1);
    expect(durations[0][1]).toBeCloseTo(distances[0][1]! / 10, 6);
    expect(unreachable).toEqual([]);
    const route = await provider.route([[7.41, 43.73], [7.42, 43.73]]);
    expect(route.legs[0].steps[0].instruction.en).toMatch(/^Head east/);
    expect(route.legs[0].steps[0].instruction.nl).toMatch(/oost/);
  });
});
