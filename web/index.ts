// Public surface of the web pages: the fastify plugin that serves them.
export { default as webPlugin, DEFAULT_TILE_URL, WEB_ROOT } from './plugin.ts';
export type { WebPluginOptions } from './plugin.ts';
