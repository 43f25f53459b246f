/**
 * The dispatcher console and the driver tablet in headless Chromium against the real API on a
 * fresh database: containers and routes on the map, a plan made, checked, approved and dispatched,
 * a stop emptied from the tablet, and an event made offline delivered exactly once afterwards.
 * Set WEB_SCREENSHOTS=<dir> to keep a screenshot of each page.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { buildApp } from '../../api/index.ts';
import { createRoutingProvider, DEFAULT_PBF_RELATIVE_PATH, StraightLineProvider, type RoutingProvider } from '../../optimizer/routing/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { launchChromium } from './support/chromium.ts';
import { collectErrors } from './support/page-errors.ts';
import { inProcessPlanJobs } from './support/in-process-plan-jobs.ts';
import { CONTAINERS, TENANT, seedMunicipality, type Seeded } from './support/seed.ts';

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const SCREENSHOTS = process.env.WEB_SCREENSHOTS;

describe('web pages in Chromium', () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let seeded: Seeded;
  let planJobs: ReturnType<typeof inProcessPlanJobs>;
  let planId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    seeded = await seedMunicipality(db.pool);
    const pbf = resolve(REPO, DEFAULT_PBF_RELATIVE_PATH);
    // The built-in router on the Monaco extract gives road geometry and turn instructions.
    const routing: RoutingProvider = existsSync(pbf) ? await createRoutingProvider({ pbfPath: pbf }) : new StraightLineProvider();
    planJobs = inProcessPlanJobs(db.pool, routing);
    app = await buildApp({ pool: db.pool, planJobs, defaultTenant: TENANT, sseHeartbeatMs: 1000 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await planJobs?.idle();
    await db?.drop();
  });

  async function newContext(viewport: { width: number; height: number }): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', hasTouch: true });
    // No outside traffic in tests: the tiles fail, and the pages must do without them.
    await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
    return context;
  }

  it('dispatcher: containers by fill on the map, alerts, a plan made with live progress, a move checked, approved and dispatched', async () => {
    const context = await newContext({ width: 1440, height: 900 });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${base}/web/dispatch/`);
    // a wrong token and a driver's token are turned away with a reason
    await page.fill('#token-input', 'afr_not-a-token');
    await page.click('#sign-in-form button[type=submit]');
    await expect.poll(() => page.textContent('#sign-in-error')).toContain('onbekend');
    await page.fill('#token-input', seeded.driverTokens.V1!);
    await page.click('#sign-in-form button[type=submit]');
    await expect.poll(() => page.textContent('#sign-in-error')).toContain('niet bij een planner');
    await page.fill('#token-input', seeded.dispatcherToken);
    await page.click('#sign-in-form button[type=submit]');
    await page.waitForSelector('body[data-ready=true]');

    await expect.poll(() => page.locator('path.container-marker').count()).toBe(CONTAINERS.length);
    expect(await page.locator('path.container-marker.fill-unknown').count()).toBe(1);
    await page.waitForSelector('.map-notice:not([hidden])');

    // alerts: two open, acknowledge the fire
    await expect.poll(() => page.locator('#alert-list li[data-alert-id]').count()).toBe(2);
    await page.locator('#alert-list li.critical button').click();
    await expect.poll(() => page.textContent('#alert-count')).toBe('1');
    const acknowledged = await db.pool.query(`SELECT kind FROM alerts WHERE acknowledged_at IS NOT NULL`);
    expect(acknowledged.rows).toEqual([{ kind: 'fire' }]);

    // a plan for today, followed over server-sent events until it is solved
    const progressTexts: string[] = [];
    await page.exposeFunction('recordProgress', (t: string) => progressTexts.push(t));
    await page.evaluate(() => {
      const el = document.getElementById('plan-progress-text')!;
      new MutationObserver(() => (window as unknown as { recordProgress: (t: string) => void }).recordProgress(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
    });
    await page.fill('#plan-time-limit', '2');
    await page.click('#plan-form button[type=submit]');
    await page.waitForFunction(() => /^(Klaar|Mislukt)/.test(document.getElementById('plan-progress-text')?.textContent ?? ''), null, { timeout: 40_000 });
    expect(await page.textContent('#plan-progress-text')).toMatch(/^Klaar · kosten/);
    expect(progressTexts.some((t) => /optimaliseren|reistijden|containers kiezen/.test(t))).toBe(true);

    const plan = (await db.pool.query(`SELECT id, status FROM plans`)).rows[0];
    planId = plan.id;
    expect(plan.status).toBe('draft');
    await page.waitForSelector('#plan-actions button[data-to=approved]');
    const routes = (await db.pool.query(`SELECT id, vehicle_id FROM routes WHERE plan_id = $1`, [planId])).rows;
    const stops = Number((await db.pool.query(`SELECT count(*) FROM route_stops rs JOIN routes r ON r.id = rs.route_id WHERE r.plan_id = $1`, [planId])).rows[0].count);
    expect(routes.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator('path.route-line').count()).toBe(routes.length);
    expect(await page.locator('#route-rows tr').count()).toBe(routes.length);
    expect(await page.locator('#stop-rows tr').count()).toBe(stops);
    expect(await page.locator('#stop-rows').textContent()).toContain('Place du Casino <b>1</b>');
    expect(await page.locator('b').count()).toBe(0);

    // every container's decision beside the routes, explained; the fire alarm is an emergency dispatch, not a stop
    await page.waitForSelector('#plan-decisions:not([hidden])');
    await page.click('#plan-decisions summary');
    expect(await page.locator('#plan-decisions li.decision').count()).toBe(CONTAINERS.length);
    expect(await page.locator('#plan-decisions li[data-container-id="C03"] .explanation').textContent()).toBe('brandmelding → noodrit, geen gewone stop');
    expect(await page.locator('#stop-rows tr[data-container-id="C03"]').count()).toBe(0);
    await page.click('#plan-decisions .decision-filter button[data-kind=must]');
    expect(await page.locator('#plan-decisions li.decision.must').count()).toBeGreaterThan(0);
    expect(await page.locator('#plan-decisions li.decision:not(.must)').count()).toBe(0);

    // move the first container stop to the other vehicle: checked, with the cost delta shown
    await page.locator('#stop-rows button', { hasText: 'Verplaats' }).first().click();
    const from = await page.inputValue('#move-vehicle');
    await page.selectOption('#move-vehicle', from === 'V1' ? 'V2' : 'V1');
    await page.click('#move-form button[type=submit]');
    await page.waitForSelector('.cost-delta');
    expect(await page.textContent('.cost-delta')).toMatch(/^([+−]\d|±0)/);

    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'dispatch.png') });

    // the same container one place later on its own route: checked, then applied
    const moved = (await page.textContent('#move-container'))!;
    await page.selectOption('#move-vehicle', from);
    await page.fill('#move-position', '2');
    await page.click('#move-form button[type=submit]');
    await page.waitForSelector('#move-result .feasible');
    await page.click('#move-apply');
    await page.waitForSelector('#move-form', { state: 'hidden' });
    const order = async () => (await db.pool.query(
      `SELECT rs.container_id FROM route_stops rs JOIN routes r ON r.id = rs.route_id WHERE r.plan_id = $1 AND r.vehicle_id = $2 AND rs.kind = 'job' ORDER BY rs.position`,
      [planId, from],
    )).rows.map((r) => r.container_id);
    await expect.poll(async () => (await order()).indexOf(moved)).toBe(1);
    await expect.poll(() => page.locator(`#stop-rows tr[data-container-id="${moved}"] td:nth-child(2)`).textContent()).toBe('2');
    // the edited route is drawn on the road again (the plan worker's geometry job), not as dashed straight lines
    await expect.poll(async () => (await db.pool.query(`SELECT count(*)::int AS n FROM routes WHERE plan_id = $1 AND geometry IS NULL`, [planId])).rows[0].n).toBe(0);
    await expect.poll(() => page.locator('path.route-line[stroke-dasharray]').count()).toBe(0);
    expect(await page.locator('path.route-line').count()).toBe(routes.length);

    await page.click('#plan-actions button[data-to=approved]');
    await page.waitForSelector('#plan-actions button[data-to=dispatched]');
    await page.click('#plan-actions button[data-to=dispatched]');
    await page.waitForSelector('#plan-actions button[data-to=completed]');
    expect((await db.pool.query(`SELECT status FROM plans WHERE id = $1`, [planId])).rows[0].status).toBe('dispatched');

    // re-plan the rest of the day: its progress is followed live on the plan's event stream
    progressTexts.length = 0;
    await page.click('#plan-actions button[data-to=reoptimise]');
    await expect.poll(() => progressTexts.at(-1), { timeout: 40_000 }).toMatch(/^(Klaar|Mislukt)/);
    expect(progressTexts.at(-1)).toMatch(/^Klaar · kosten/);
    expect(progressTexts.some((t) => / · \d+%/.test(t))).toBe(true);
    expect((await db.pool.query(`SELECT stats ? 'reoptimisedAt' AS done FROM plans WHERE id = $1`, [planId])).rows[0].done).toBe(true);
    await page.waitForSelector('#plan-actions button[data-to=completed]');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('driver: the route\'s stops, a stop emptied, an event made offline delivered exactly once, a reload without network', async () => {
    expect(planId).toBeDefined();
    const { rows: routeRows } = await db.pool.query<{ vehicle_id: string; stops: number }>(
      `SELECT r.vehicle_id, count(*) FILTER (WHERE rs.kind IN ('job', 'unload'))::int AS stops, count(*) FILTER (WHERE rs.kind = 'job')::int AS jobs
         FROM routes r JOIN route_stops rs ON rs.route_id = r.id WHERE r.plan_id = $1 GROUP BY r.vehicle_id ORDER BY jobs DESC`,
      [planId],
    );
    const vehicle = routeRows[0]!;
    const context = await newContext({ width: 1280, height: 800 });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${base}/web/driver/`);
    await page.fill('#token-input', seeded.driverTokens[vehicle.vehicle_id]!);
    await page.click('#sign-in-form button[type=submit]');
    await page.waitForSelector('body[data-ready=true]');
    expect(await page.locator('#stop-list li.stop:not(.minor)').count()).toBe(vehicle.stops);
    expect(await page.locator('b').count()).toBe(0);
    await page.waitForSelector('#sync-status.ok');

    // the directions end at the container and its address, not at "uw 2e bestemming"
    const current = page.locator('li.stop.current');
    const containerId = (await current.getAttribute('data-container-id')) ?? (await db.pool.query(`SELECT container_id FROM route_stops WHERE id = $1`, [await current.getAttribute('data-stop-id')])).rows[0].container_id;
    expect(await current.locator('details ol li').last().textContent()).toMatch(new RegExp(`^Bestemming bereikt: container ${containerId}, `));
    expect(await page.locator('#stop-list').textContent()).not.toContain('gearriveerd');

    // empty the current stop, seen 75% full
    const firstId = (await page.locator('li.stop.current').getAttribute('data-stop-id'))!;
    await page.locator('li.stop.current button[data-action=emptied]').click();
    await page.locator(`li[data-stop-id="${firstId}"] .choice button[data-fill="0.75"]`).click();
    await page.waitForSelector(`li[data-stop-id="${firstId}"][data-status=emptied]`);
    expect(await page.textContent('#route-title')).toMatch(/ · 1\/\d+ containers$/);
    await expect.poll(async () => (await db.pool.query(`SELECT status FROM route_stops WHERE id = $1`, [firstId])).rows[0].status).toBe('emptied');
    const emptied = (await db.pool.query(
      `SELECT cs.fill_level, ce.fill_before FROM route_stops rs JOIN container_state cs ON cs.container_id = rs.container_id
         JOIN collection_events ce ON ce.stop_id = rs.id WHERE rs.id = $1`,
      [firstId],
    )).rows[0];
    expect(emptied).toEqual({ fill_level: 0, fill_before: 0.75 });

    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'driver.png') });

    // offline: skip the next stop; the tablet keeps the event and says so
    await context.setOffline(true);
    const nextId = (await page.locator('li.stop.current').getAttribute('data-stop-id'))!;
    expect(nextId).not.toBe(firstId);
    await page.locator('li.stop.current button[data-action=skipped]').click();
    await page.locator(`li[data-stop-id="${nextId}"] button[data-reason=blocked]`).click();
    const attempts = Number(await page.evaluate(() => document.body.dataset.flushes ?? '0'));
    await page.locator(`li[data-stop-id="${nextId}"] button.confirm`).click();
    await page.waitForSelector('#sync-status[data-pending="1"]');
    expect(await page.textContent('#sync-status')).toBe('Offline · 1 gebeurtenis wacht');
    expect(await page.getAttribute(`li[data-stop-id="${nextId}"]`, 'data-status')).toBe('skipped');
    if (SCREENSHOTS) {
      await page.screenshot({ path: join(SCREENSHOTS, 'driver-offline.png') });
      await page.setViewportSize({ width: 800, height: 1280 });
      await page.screenshot({ path: join(SCREENSHOTS, 'driver-portrait.png') });
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    // the tablet has tried to deliver it while offline (and kept it)
    await page.waitForFunction((n) => Number(document.body.dataset.flushes ?? '0') > n, attempts);
    expect(await page.getAttribute('#sync-status', 'data-pending')).toBe('1');
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM stop_events WHERE stop_id = $1`, [nextId])).rows[0].n).toBe(0);

    // back online: delivered once, and a reload does not send it again
    await context.setOffline(false);
    await page.waitForSelector('#sync-status[data-pending="0"]');
    await expect.poll(async () => (await db.pool.query(`SELECT status FROM route_stops WHERE id = $1`, [nextId])).rows[0].status).toBe('skipped');
    await page.reload();
    await page.waitForSelector('body[data-ready=true]');
    await page.waitForSelector(`li[data-stop-id="${nextId}"][data-status=skipped]`);
    const events = (await db.pool.query(`SELECT stop_id, kind, reason_code FROM stop_events ORDER BY received_at`)).rows;
    expect(events).toEqual([
      { stop_id: firstId, kind: 'emptied', reason_code: null },
      { stop_id: nextId, kind: 'skipped', reason_code: 'blocked' },
    ]);
    expect(await page.isHidden('#rejected')).toBe(true);

    // a reload in a dead zone still opens the page (service worker) with the route the tablet kept
    expect(await page.evaluate(() => navigator.serviceWorker.ready.then((r) => Boolean(r.active)))).toBe(true);
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('body[data-ready=true]');
    expect(await page.textContent('#route-message')).toContain('Geen verbinding');
    expect(await page.locator('#stop-list li.stop:not(.minor)').count()).toBe(vehicle.stops);
    expect(await page.getAttribute(`li[data-stop-id="${nextId}"]`, 'data-status')).toBe('skipped');
    expect(await page.textContent('#sync-status')).toBe('Offline · alles verstuurd');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('dispatcher: sees the driver\'s work (truck position, emptied container) and a container\'s fill history', async () => {
    const context = await newContext({ width: 1280, height: 800 });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${base}/web/dispatch/`);
    await page.fill('#token-input', seeded.dispatcherToken);
    await page.click('#sign-in-form button[type=submit]');
    await page.waitForSelector('body[data-ready=true]');
    await page.waitForSelector('.vehicle-marker');
    expect(await page.locator('.vehicle-marker').count()).toBe(1);
    const emptied = (await db.pool.query(`SELECT container_id FROM collection_events WHERE source = 'driver'`)).rows[0].container_id;
    expect(await page.getAttribute(`path.container-marker[data-container-id="${emptied}"]`, 'class')).toContain('fill-0');

    await page.locator('path.container-marker[data-container-id="C01"]').click({ force: true });
    await page.waitForSelector('.leaflet-popup .sparkline path');
    expect(await page.getAttribute('.leaflet-popup .sparkline path', 'd')).toMatch(/^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+){10,}/);
    expect(await page.locator('.leaflet-popup').textContent()).toContain('Place du Casino <b>1</b>');
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'dispatch-after.png') });
    expect(errors).toEqual([]);
    await context.close();
  });
});
