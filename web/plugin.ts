/**
 * Serves the browser pages (web/public: dispatcher console, driver tablet) under /web/ and the
 * Leaflet files from node_modules under /web/vendor/leaflet/, so a page never loads code or styles
 * from a CDN: nothing leaks to third parties and the pages work on a depot LAN without internet.
 * Only map tiles come from elsewhere (configurable; the pages still work when tiles cannot load).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';

export interface WebPluginOptions {
  /** URL template of the map tiles ({z}/{x}/{y}); '' for no background map. Default OpenStreetMap. */
  tileUrl?: string;
  /** Attribution shown for the tiles (HTML allowed, as Leaflet shows it). */
  tileAttribution?: string;
}

export const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const DEFAULT_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';

export const WEB_ROOT = join(dirname(fileURLToPath(import.meta.url)), 'public');
const LEAFLET_DIST = join(dirname(createRequire(import.meta.url).resolve('leaflet/package.json')), 'dist');

const webPlugin: FastifyPluginAsync<WebPluginOptions> = async (app, opts) => {
  const config = {
    tileUrl: opts.tileUrl ?? DEFAULT_TILE_URL,
    tileAttribution: opts.tileAttribution ?? (opts.tileUrl === undefined ? DEFAULT_ATTRIBUTION : ''),
  };
  // The pages read this before drawing the map: one place to point a depot at its own tile server.
  app.get('/web/config.json', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('Cache-Control', 'no-cache');
    return config;
  });
  app.get('/web', { schema: { hide: true } }, (_request, reply) => reply.redirect('/web/'));
  // A fresh install opened at its bare address lands in the console, not on a 404.
  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/web/'));
  await app.register(fastifyStatic, {
    root: LEAFLET_DIST,
    prefix: '/web/vendor/leaflet/',
    decorateReply: false,
    schemaHide: true,
    // source maps and the UMD build are not needed by the pages
    allowedPath: (path) => /^\/(leaflet-src\.esm\.js|leaflet\.css|images\/[\w-]+\.png)$/.test(path),
    maxAge: '1d',
  });
  await app.register(fastifyStatic, {
    root: WEB_ROOT,
    prefix: '/web/',
    decorateReply: false,
    schemaHide: true,
    redirect: true,
    index: ['index.html'],
    // no-cache: a tablet revalidates (ETag) so a new version reaches it on the next load
    cacheControl: false,
    setHeaders: (reply) => reply.header('Cache-Control', 'no-cache'),
  });
};

// Not encapsulated by fastify-plugin on purpose: the routes need nothing from the parent scope.
export default webPlugin;
