import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../api/app.ts';
import { webOptionsFromConfig } from '../../../api/server.ts';
import { ConfigError, loadConfig } from '../../../platform/config.ts';
import { WEB_ROOT } from '../../../web/index.ts';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('web plugin (app.inject, no database)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('serves both pages under the API\'s security headers', async () => {
    for (const url of ['/web/', '/web/dispatch/', '/web/driver/']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    expect((await app.inject('/web')).headers.location).toBe('/web/');
    expect((await app.inject('/web/driver')).headers.location).toBe('/web/driver/');
  });

  it('serves Leaflet from node_modules, and only the files the pages need', async () => {
    const js = await app.inject('/web/vendor/leaflet/leaflet-src.esm.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    expect((await app.inject('/web/vendor/leaflet/leaflet.css')).statusCode).toBe(200);
    expect((await app.inject('/web/vendor/leaflet/images/layers.png')).statusCode).toBe(200);
    expect((await app.inject('/web/vendor/leaflet/leaflet.js.map')).statusCode).toBe(404);
    expect((await app.inject('/web/vendor/leaflet/../package.json')).statusCode).toBe(404);
  });

  it('serves nothing outside web/public', async () => {
    for (const url of ['/web/../plugin.ts', '/web/%2e%2e/plugin.ts', '/web/plugin.ts', '/web/README.md']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('tells the pages which map tiles to use', async () => {
    const res = await app.inject('/web/config.json');
    expect(res.json()).toEqual({ tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', tileAttribution: expect.stringContaining('OpenStreetMap') });
  });
});

describe('map tiles from the configuration (MAP_TILE_URL, MAP_TILE_ATTRIBUTION)', () => {
  const PDOK = 'https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png';

  it('a municipality points the pages at its own tile server, also a plain-http one on the depot LAN', async () => {
    for (const [env, expected, imgSrc] of [
      [{ MAP_TILE_URL: PDOK, MAP_TILE_ATTRIBUTION: 'Kaartgegevens &copy; Kadaster' }, { tileUrl: PDOK, tileAttribution: 'Kaartgegevens &copy; Kadaster' }, 'https:'],
      [{ MAP_TILE_URL: 'http://tiles.depot.lan:8080/brt/{z}/{x}/{y}.png' }, { tileUrl: 'http://tiles.depot.lan:8080/brt/{z}/{x}/{y}.png', tileAttribution: '' }, 'http://tiles.depot.lan:8080'],
      [{ MAP_TILE_URL: 'none' }, { tileUrl: '', tileAttribution: '' }, 'https:'],
    ] as const) {
      const app = await buildApp({ web: webOptionsFromConfig(loadConfig(env)) });
      try {
        expect((await app.inject('/web/config.json')).json()).toEqual(expected);
        const csp = String((await app.inject('/web/driver/')).headers['content-security-policy']);
        expect(csp).toMatch(new RegExp(`img-src [^;]*${imgSrc.replace(/[.:]/g, '\\$&')}`));
      } finally {
        await app.close();
      }
    }
  });

  it('refuses a tile URL without {z}/{x}/{y}, naming the variable', () => {
    expect(() => loadConfig({ MAP_TILE_URL: 'https://tiles.example.nl/map.png' })).toThrow(ConfigError);
    expect(() => loadConfig({ MAP_TILE_URL: 'ftp://tiles.example.nl/{z}/{x}/{y}.png' })).toThrow(/MAP_TILE_URL/);
    expect(webOptionsFromConfig(loadConfig({}))).toEqual({});
  });
});

describe('web/public files', () => {
  const all = files(WEB_ROOT);

  it('load nothing from another origin and run no inline script (the CSP would block it)', () => {
    for (const file of all.filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(file, 'utf8');
      const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      for (const ref of refs) {
        expect(ref, `${relative(WEB_ROOT, file)}: ${ref}`).not.toMatch(/^(https?:)?\/\//);
        if (!ref.startsWith('../docs') && !ref.startsWith('../vendor/')) expect(existsSync(resolve(dirname(file), ref.replace(/\/$/, '/index.html'))), ref).toBe(true);
      }
      expect(html, relative(WEB_ROOT, file)).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html).not.toMatch(/\son[a-z]+="/);
    }
  });

  it('import only modules that exist', () => {
    for (const file of all.filter((f) => f.endsWith('.js'))) {
      const source = readFileSync(file, 'utf8');
      for (const [, spec] of source.matchAll(/^(?:import|export)\s[^'"]*from\s+'([^']+)'/gm)) {
        expect(spec, `${relative(WEB_ROOT, file)} imports ${spec}`).toMatch(/^\.\.?\//);
        const target = resolve(dirname(file), spec!);
        if (spec!.includes('/vendor/leaflet/')) expect(existsSync(resolve('node_modules/leaflet/dist', target.split('/vendor/leaflet/')[1]!))).toBe(true);
        else expect(existsSync(target), `${relative(WEB_ROOT, file)} imports ${spec}`).toBe(true);
      }
    }
  });
});
