/**
 * `npm run tenant -- create|update|list …`: a municipality of this installation.
 *   create --id <id> --name <name> [--time-zone Europe/Amsterdam] [settings options] [--json]  (idempotent)
 *   update --id <id> [--name …] [--time-zone …] [settings options] [--json]
 *   list [--json]
 * Settings options: --language nl|en, --osrm-url URL | --osm-pbf PATH (its router), --area
 * minLon,minLat,maxLon,maxLat, --must-fill 0.8 --may-fill 0.5, --settings FILE (JSON: any part of
 * the settings, e.g. calendar and thresholds per fraction). Exit 0, 2 on a wrong argument.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../platform/config.ts';
import { InputError } from '../../platform/errors.ts';
import { runMain } from '../../platform/main.ts';
import type { TenantSettingsPatch } from '../master-data-shapes.ts';
import { TenantStore, type TenantRecord } from '../store/tenants-store.ts';
import { cliActor, parseArea, required } from './cli-args.ts';
import { parsePositive } from '../import/import-options.ts';
import { openDatabase } from './database.ts';

const OPTIONS = {
  id: { type: 'string' },
  name: { type: 'string' },
  'time-zone': { type: 'string' },
  language: { type: 'string' },
  'osrm-url': { type: 'string' },
  'osm-pbf': { type: 'string' },
  area: { type: 'string' },
  'must-fill': { type: 'string' },
  'may-fill': { type: 'string' },
  settings: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function settingsPatch(v: Values, current?: TenantRecord): TenantSettingsPatch | undefined {
  let patch: Record<string, unknown> = {};
  if (v.settings) {
    try {
      patch = JSON.parse(readFileSync(v.settings, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new InputError(`--settings ${v.settings}: ${(err as Error).message}`, [{ name: '--settings', reason: 'a readable JSON file' }]);
    }
  }
  if (v.language) patch.language = v.language;
  if (v['osrm-url'] || v['osm-pbf']) patch.router = { ...(v['osrm-url'] ? { osrmUrl: v['osrm-url'] } : {}), ...(v['osm-pbf'] ? { osmPbf: v['osm-pbf'] } : {}) };
  if (v.area) patch.area = parseArea(v.area);
  if (v['must-fill'] || v['may-fill']) {
    const base = current?.settings.thresholds ?? { mustFill: 0.8, mayFill: 0.5 };
    patch.thresholds = { mustFill: parsePositive(v['must-fill'], '--must-fill') ?? base.mustFill, mayFill: parsePositive(v['may-fill'], '--may-fill') ?? base.mayFill };
  }
  return Object.keys(patch).length ? (patch as TenantSettingsPatch) : undefined;
}

const summary = (t: TenantRecord) =>
  `${t.id}\t${t.name}\t${t.timeZone}\t${t.settings.language}\t${t.settings.router.osrmUrl ?? t.settings.router.osmPbf ?? '(installation router)'}`;

await runMain(async () => {
  const { values, positionals } = parseArgs({ options: OPTIONS, allowPositionals: true, strict: true });
  const command = positionals[0];
  if (!command || !['create', 'update', 'list'].includes(command)) {
    throw new InputError(`unknown command ${command ?? '(none)'}`, [{ name: 'command', reason: 'create, update or list' }]);
  }
  const pool = await openDatabase(loadConfig());
  const store = new TenantStore(pool);
  const out = (json: unknown, text: string) => process.stdout.write(values.json ? `${JSON.stringify(json)}\n` : `${text}\n`);
  try {
    if (command === 'list') {
      const tenants = await store.list();
      out({ tenants }, tenants.map(summary).join('\n') || '(no tenants)');
      return;
    }
    const id = required(values.id, '--id');
    if (command === 'create') {
      const { tenant, outcome } = await store.ensure(
        { id, name: required(values.name, '--name'), ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}), ...(settingsPatch(values) ? { settings: settingsPatch(values) } : {}) },
        cliActor(),
      );
      out({ outcome, tenant }, `tenant ${id} ${outcome}\n${summary(tenant)}`);
      return;
    }
    const current = await store.get(id);
    const tenant = await store.update(id, { name: values.name, timeZone: values['time-zone'], settings: settingsPatch(values, current) }, undefined, cliActor());
    out({ outcome: 'updated', tenant }, `tenant ${id} updated\n${summary(tenant)}`);
  } finally {
    await pool.end();
  }
});
