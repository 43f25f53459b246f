/**
 * The container detail of the dispatcher console in headless Chromium: measured fill, forecast
 * and its interval as a chart, the expected times and, for a container without readings, why its
 * forecast rests on similar containers. Real API on a fresh database. WEB_SCREENSHOTS=<dir> keeps a
 * screenshot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { collectErrors, startConsoleServer, type ConsoleServer } from './support/console-server.ts';
import { TENANT, seedMunicipality, type Seeded } from './support/seed.ts';

describe('forecast chart in the container detail', () => {
  let db: TestDatabase;
  let server: ConsoleServer;
  let seeded: Seeded;

  beforeAll(async () => {
    db = await createTestDatabase();
    seeded = await seedMunicipality(db.pool);
    server = await startConsoleServer({ pool: db.pool, defaultTenant: TENANT });
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  async function openPopup(containerId: string): Promise<{ page: Page; errors: string[] }> {
    const context = await server.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${server.base}/web/dispatch/`);
    await page.fill('#token-input', seeded.dispatcherToken);
    await page.click('#sign-in-form button[type=submit]');
    await page.waitForSelector('body[data-ready=true]');
    await page.locator(`path.container-marker[data-container-id="${containerId}"]`).click({ force: true });
    await page.waitForSelector('.leaflet-popup .forecast-chart');
    return { page, errors };
  }

  it('shows measured fill, the expected fill ahead with its band, now and the thresholds', async () => {
    const { page, errors } = await openPopup('C01');
    const measured = await page.getAttribute('.leaflet-popup .forecast-chart path.measured', 'd');
    const mean = await page.getAttribute('.leaflet-popup .forecast-chart path.forecast-mean', 'd');
    const band = await page.getAttribute('.leaflet-popup .forecast-chart path.forecast-band', 'd');
    // three days of hourly readings, then 73 hourly forecast points
    expect(measured).toMatch(/^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+){40,}$/);
    expect(mean).toMatch(/^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+){72}$/);
    expect(band).toMatch(/^M.* Z$/);
    // The forecast starts at "now", where the measured line ends, and rises (y shrinks upwards).
    const nowX = Number(await page.getAttribute('.leaflet-popup .forecast-chart line.now-line', 'x1'));
    const meanStart = mean!.slice(1).split(' ')[0]!.split(',').map(Number);
    const meanEnd = mean!.split(' ').at(-1)!.slice(1).split(',').map(Number);
    const measuredEnd = measured!.split(' ').at(-1)!.slice(1).split(',').map(Number);
    expect(meanStart[0]).toBeCloseTo(nowX, 0);
    expect(measuredEnd[0]).toBeLessThanOrEqual(nowX);
    expect(meanEnd[1]).toBeLessThan(meanStart[1]!);
    expect(await page.locator('.leaflet-popup .forecast-chart line.must-line').count()).toBe(1);
    const summary = await page.textContent('.leaflet-popup .forecast-summary');
    expect(summary).toContain('Drempel 80%');
    expect(summary).toContain('(sensor)');
    if (process.env.WEB_SCREENSHOTS) await page.screenshot({ path: join(process.env.WEB_SCREENSHOTS, 'dispatch-forecast.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('says why a container without readings is forecast from similar containers', async () => {
    const { page, errors } = await openPopup('C12');
    expect(await page.textContent('.leaflet-popup .forecast-fallback')).toBe('korte geschiedenis → tempo van 1 vergelijkbare containers');
    expect(await page.textContent('.leaflet-popup .forecast-summary')).toContain('tempo van vergelijkbare containers');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
