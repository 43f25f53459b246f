/** The API with the web pages on a free local port and a headless Chromium, for the browser tests. */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { buildApp, type AppOptions } from '../../../api/index.ts';
import { launchChromium } from './chromium.ts';

export interface ConsoleServer {
  app: FastifyInstance;
  browser: Browser;
  /** http://127.0.0.1:PORT */
  base: string;
  close(): Promise<void>;
}

export async function startConsoleServer(options: AppOptions): Promise<ConsoleServer> {
  const app = await buildApp(options);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  return {
    app, browser, base,
    async close() {
      await browser.close();
      await app.close();
    },
  };
}

/** Errors a page must not log: script errors, CSP refusals. Failed loads (blocked tiles, offline) are expected. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  return errors;
}
