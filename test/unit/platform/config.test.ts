import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARS, ConfigError, loadConfig } from '../../../platform/config.ts';

describe('configuration', () => {
  it('defaults point at the local services and port 3000', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/afvalroute');
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.mqttUrl).toBe('mqtt://127.0.0.1:1883');
    expect(c.port).toBe(3000);
    expect(c.osrmUrl).toBeUndefined();
    expect(c.tenant).toBe('demo');
    expect(c.timeZone).toBe('Europe/Amsterdam');
  });

  it('reads given values', () => {
    const c = loadConfig({ PORT: '8080', OSRM_URL: 'http://osrm:5000', CORS_ORIGINS: 'https://a.nl, https://b.nl', SIMULATOR: 'false' });
    expect(c.port).toBe(8080);
    expect(c.osrmUrl).toBe('http://osrm:5000');
    expect(c.corsOrigins).toEqual(['https://a.nl', 'https://b.nl']);
    expect(c.simulator).toBe(false);
  });

  it('names every wrong variable and what is expected', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', TIME_ZONE: 'Mars/Olympus', LOG_LEVEL: 'loud' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const e = err as ConfigError;
    expect(e.details.map((d) => d.name).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'TIME_ZONE']);
    expect(e.message).toContain('PORT: expected a TCP port 1..65535, got "eighty"');
    expect(e.message).toContain('DATABASE_URL: expected a postgres:// URL');
  });

  it('.env.example documents exactly the variables the code reads', () => {
    const example = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    const documented = [...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(documented).toEqual(Object.keys(CONFIG_VARS));
    // and each documented default is the code's default
    for (const m of example.matchAll(/^([A-Z0-9_]+)=(.*)$/gm)) {
      expect(CONFIG_VARS[m[1] as keyof typeof CONFIG_VARS].fallback ?? '').toBe(m[2]);
    }
  });

  it('the README configuration table names every variable', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const name of Object.keys(CONFIG_VARS)) expect(readme, name).toContain(`\`${name}\``);
  });
});
