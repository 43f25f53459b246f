/**
 * The admin page ("Beheer") in headless Chromium against the real API on a fresh database: reached
 * from the planning page, containers in a table and on the map with an edit that meets someone
 * else's change (412, the new values shown), an import whose dry run shows the bad row (row, field,
 * reason) and writes nothing and, once the file is fixed, writes; an unknown device bound to a
 * container; a facility's opening hours; the tenant's thresholds and calendar.
 * Set WEB_SCREENSHOTS=<dir> to keep a screenshot of each section.
 */
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { buildApp } from '../../api/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { launchChromium } from './support/chromium.ts';
import { collectErrors } from './support/page-errors.ts';
import { inProcessImportJobs } from './support/in-process-import-jobs.ts';
import { CONTAINERS, TENANT, seedMunicipality, type Seeded } from './support/seed.ts';

const SCREENSHOTS = process.env.WEB_SCREENSHOTS;
// as the ingester lists it: DevEUIs in lower case (ingest/contracts/lorawan.ts)
const DEVICE = '70b3d57ed005a1b2';

/** Semicolons and decimal commas, as a Dutch spreadsheet writes them; row 3 has a fraction nobody knows. */
const BAD_CSV = ['nummer;fractie;inhoud;lon;lat', 'N1;rest;3,0;7,4190;43,7370', 'N2;plasticsoep;5,0;7,4200;43,7380', 'N3;papier;4,5;7,4210;43,7390'].join('\n');
const FIXED_CSV = BAD_CSV.replace('plasticsoep', 'glas');
const MAPPING = 'id=nummer,fraction=fractie,volume_m3=inhoud,lon=lon,lat=lat';

describe('admin page in Chromium', () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let seeded: Seeded;
  let importJobs: ReturnType<typeof inProcessImportJobs>;
  let page: Page;
  let errors: string[];

  const containerCount = async () => Number((await db.pool.query(`SELECT count(*) FROM containers WHERE tenant_id = $1`, [TENANT])).rows[0].count);
  const shot = async (name: string) => {
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `admin-${name}.png`), fullPage: true });
  };
  const openSection = async (name: string) => {
    await page.click(`.tabs button[data-section=${name}]`);
    await page.waitForSelector(`body[data-section=${name}][data-ready=true]`);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    seeded = await seedMunicipality(db.pool);
    await db.pool.query(
      `INSERT INTO unknown_devices (tenant_id, device_id, format, first_seen_at, last_seen_at, last_reading_time, last_fill_level, messages)
       VALUES ($1, $2, 'ttn', now() - interval '2 days', now() - interval '5 minutes', now() - interval '5 minutes', 0.42, 17)`,
      [TENANT, DEVICE],
    );
    importJobs = inProcessImportJobs(db.pool);
    app = await buildApp({ pool: db.pool, importJobs, defaultTenant: TENANT });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
    page = await context.newPage();
    errors = collectErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await importJobs?.idle();
    await app?.close();
    await db?.drop();
  });

  it('is reached from the planning page with the same sign-in; a driver is turned away', async () => {
    await page.goto(`${base}/web/admin/`);
    await page.fill('#token-input', seeded.driverTokens.V1!);
    await page.click('#sign-in-form button[type=submit]');
    await expect.poll(() => page.textContent('#sign-in-error')).toContain('niet bij een planner');
    await page.goto(`${base}/web/dispatch/`);
    await page.fill('#token-input', seeded.dispatcherToken);
    await page.click('#sign-in-form button[type=submit]');
    await page.waitForSelector('body[data-ready=true]');
    await page.click('a.topbar-link[href="../admin/"]');
    await page.waitForSelector('body[data-section=containers][data-ready=true]');
    expect(await page.isVisible('#sign-in')).toBe(false);
  });

  it('containers: table and map, filter, and an edit that meets a change by someone else (412)', async () => {
    expect(await page.locator('#container-rows tr').count()).toBe(CONTAINERS.length);
    await expect.poll(() => page.locator('path.admin-container-marker').count()).toBe(CONTAINERS.length);
    await page.selectOption('#filter-fraction', 'paper');
    await page.click('#container-filter button[type=submit]');
    await expect.poll(() => page.locator('#container-rows tr').count()).toBe(0);
    await page.selectOption('#filter-fraction', 'residual');
    await page.click('#container-filter button[type=submit]');
    await expect.poll(() => page.locator('#container-rows tr').count()).toBe(CONTAINERS.length);

    await page.click('#container-rows tr[data-id=C02] button');
    await page.waitForSelector('#container-form:not([hidden])');
    expect(await page.inputValue('#container-fields [name=address]')).toBe('Boulevard Albert 1er 12');
    // someone else changes C02 after the form was opened
    const read = await app.inject({ url: '/v1/containers/C02/record', headers: { authorization: `Bearer ${seeded.dispatcherToken}` } });
    const { version: _v, updatedAt: _u, retiredAt: _r, snapDistanceM: _s, farFromRoad: _f, ...record } = read.json();
    const other = await app.inject({
      method: 'PUT', url: '/v1/containers/C02', headers: { authorization: `Bearer ${seeded.dispatcherToken}`, 'if-match': read.headers.etag as string },
      payload: { ...record, volumeM3: 5 },
    });
    expect(other.statusCode, other.body).toBe(200);

    await page.fill('#container-fields [name=address]', 'Boulevard Albert 1er 14');
    await page.click('#container-form button[type=submit]');
    await expect.poll(() => page.textContent('#container-conflict')).toContain('Iemand anders heeft deze container intussen gewijzigd');
    expect(await page.textContent('#container-conflict li[data-field=volumeM3]')).toContain('nu 5');
    expect(await page.inputValue('#container-fields [name=volumeM3]')).toBe('5');
    // nothing of mine was written over theirs
    const afterConflict = (await db.pool.query(`SELECT address, volume_m3 FROM containers WHERE tenant_id = $1 AND id = 'C02'`, [TENANT])).rows[0];
    expect(afterConflict).toEqual({ address: 'Boulevard Albert 1er 12', volume_m3: 5 });

    await page.fill('#container-fields [name=address]', 'Boulevard Albert 1er 14');
    await page.click('#container-form button[type=submit]');
    await expect.poll(() => page.textContent('#container-form-result')).toContain('Opgeslagen');
    const saved = (await db.pool.query(`SELECT address, volume_m3 FROM containers WHERE tenant_id = $1 AND id = 'C02'`, [TENANT])).rows[0];
    expect(saved).toEqual({ address: 'Boulevard Albert 1er 14', volume_m3: 5 });
    await shot('containers');
  });

  it('import: the dry run shows the bad row and writes nothing; fixed, the import writes', async () => {
    await openSection('import');
    await page.selectOption('#import-kind', 'containers');
    await page.selectOption('#import-format', 'csv');
    await page.fill('#import-map', MAPPING);
    await page.setInputFiles('#import-file', { name: 'containers.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) });
    expect(await page.isDisabled('#import-run')).toBe(true);
    await page.click('#import-dry-run');
    await page.waitForSelector('#import-report .report-rows');
    expect(await page.textContent('#import-report h3')).toBe('Verslag van de proefimport');
    expect(await containerCount()).toBe(CONTAINERS.length);
    const bad = page.locator('#import-report tr.rejected');
    expect(await bad.count()).toBe(1);
    expect(await bad.getAttribute('data-row')).toBe('3');
    const cells = await bad.locator('td').allTextContents();
    expect(cells[0]).toBe('3');
    expect(cells[2]).toBe('fractie');
    expect(await bad.locator('td[data-field]').getAttribute('data-field')).toBe('fraction');
    expect(cells[3]).toMatch(/plasticsoep/);
    expect(await page.textContent('#import-report [data-count=afgewezen]')).toContain('1');
    expect(await page.textContent('#import-report [data-count=nieuw]')).toContain('2');
    expect(await page.textContent('#import-progress-text')).toContain('niets opgeslagen');
    await shot('import-dry-run');

    // a new file needs a new dry run before it can be imported
    await page.setInputFiles('#import-file', { name: 'containers.csv', mimeType: 'text/csv', buffer: Buffer.from(FIXED_CSV) });
    expect(await page.isDisabled('#import-run')).toBe(true);
    await page.click('#import-dry-run');
    await expect.poll(() => page.textContent('#import-report')).toContain('Geen regels afgewezen');
    expect(await containerCount()).toBe(CONTAINERS.length);
    await page.click('#import-run');
    await expect.poll(() => page.textContent('#import-report h3')).toBe('Verslag van de import');
    expect(await page.textContent('#import-report [data-count=aangemaakt]')).toContain('3');
    const stored = (await db.pool.query(`SELECT id, fraction, volume_m3 FROM containers WHERE tenant_id = $1 AND id LIKE 'N%' ORDER BY id`, [TENANT])).rows;
    expect(stored).toEqual([
      { id: 'N1', fraction: 'residual', volume_m3: 3 },
      { id: 'N2', fraction: 'glass', volume_m3: 5 },
      { id: 'N3', fraction: 'paper', volume_m3: 4.5 },
    ]);
    await shot('import');
  });

  it('sensors: an unknown device bound to a container with one action', async () => {
    await openSection('sensors');
    const row = page.locator(`#unknown-rows tr[data-device="${DEVICE}"]`);
    expect(await row.locator('td').allTextContents()).toEqual(expect.arrayContaining([DEVICE, 'ttn', '42%', '17']));
    await row.locator('button').click();
    await row.locator('input[name=containerId]').fill('C05');
    await row.locator('button[type=submit]').click();
    await page.waitForSelector(`#sensor-rows tr[data-sensor="${DEVICE}"]`);
    expect(await page.textContent(`#sensor-rows tr[data-sensor="${DEVICE}"] td.container`)).toBe('C05');
    expect(await page.locator('#unknown-rows tr[data-device]').count()).toBe(0);
    const bound = await db.pool.query(`SELECT container_id, valid_to FROM sensor_bindings WHERE tenant_id = $1 AND sensor_id = $2`, [TENANT, DEVICE]);
    expect(bound.rows).toEqual([{ container_id: 'C05', valid_to: null }]);

    // moved to another container: the old binding is closed, the history shows both
    await page.click(`#sensor-rows tr[data-sensor="${DEVICE}"] button`);
    await page.fill('#sensor-bindings input[name=containerId]', 'C06');
    await page.click('#sensor-bindings button[type=submit]');
    await expect.poll(() => page.textContent(`#sensor-rows tr[data-sensor="${DEVICE}"] td.container`)).toBe('C06');
    await expect.poll(() => page.locator('#sensor-bindings tbody tr').count()).toBe(2);
    const history = await db.pool.query(`SELECT container_id, valid_to IS NULL AS open FROM sensor_bindings WHERE tenant_id = $1 AND sensor_id = $2 ORDER BY created_at`, [TENANT, DEVICE]);
    expect(history.rows).toEqual([{ container_id: 'C05', open: false }, { container_id: 'C06', open: true }]);
    await shot('sensors');
  });

  it('fleet and places: opening hours per weekday, changed for one day', async () => {
    await openSection('fleet');
    const facility = page.locator('#facilities tbody tr').first();
    expect(await facility.locator('td').allTextContents()).toEqual(expect.arrayContaining(['F1', 'Overslag Fontvieille', '05:00–22:00']));
    expect(await page.textContent('#vehicles')).toContain('Wagen V1');
    await facility.locator('button').click();
    await page.fill('[aria-label="zondag open"]', '');
    await page.fill('[aria-label="zondag dicht"]', '');
    await page.fill('[aria-label="zaterdag dicht"]', '12:00');
    await page.click('.hours-form button[type=submit]');
    await expect.poll(async () => (await db.pool.query(`SELECT opening_hours FROM disposal_facilities WHERE tenant_id = $1`, [TENANT])).rows[0].opening_hours).toEqual([
      { days: [1, 2, 3, 4, 5], open: '05:00', close: '22:00' },
      { days: [6], open: '05:00', close: '12:00' },
    ]);
    // the table is read again after saving
    await expect.poll(() => page.locator('#facilities tbody tr').first().locator('td').allTextContents()).toEqual(expect.arrayContaining(['05:00–12:00', 'dicht']));
    await shot('fleet');
  });

  it('settings: thresholds per fraction and the collection calendar with a public holiday', async () => {
    await openSection('settings');
    expect(await page.inputValue('[aria-label="Standaard (alle fracties) moet"]')).toBe('80');
    await page.fill('[aria-label="Glas moet"]', '90');
    await page.fill('[aria-label="Glas mag"]', '60');
    await page.click('#thresholds-form button[type=submit]');
    await expect.poll(() => page.textContent('#thresholds-result')).toBe('Drempels opgeslagen.');

    await page.uncheck('[aria-label="Restafval woensdag"]');
    await page.check('[aria-label="Glas zaterdag"]');
    await page.click('#exception-add');
    const holiday = page.locator('#exception-rows tr').last();
    await holiday.locator('input[name=date]').fill('2027-04-27');
    await holiday.locator('input[name=name]').fill('Koningsdag');
    await page.click('#calendar-form button[type=submit]');
    await expect.poll(() => page.textContent('#calendar-result')).toBe('Kalender opgeslagen.');

    const settings = (await db.pool.query(`SELECT settings FROM tenants WHERE id = $1`, [TENANT])).rows[0].settings;
    expect(settings.thresholdsByFraction).toEqual({ glass: { mustFill: 0.9, mayFill: 0.6 } });
    expect(settings.calendar.weekdays.residual).toEqual([1, 2, 4, 5, 6, 7]); // the seed collects residual waste every day
    expect(settings.calendar.weekdays.glass).toEqual([1, 2, 3, 4, 5, 6]);
    expect(settings.calendar.exceptions).toEqual([{ date: '2027-04-27', collect: false, name: 'Koningsdag' }]);
    await shot('settings');
    expect(errors).toEqual([]);
  });
});
