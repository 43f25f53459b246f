/**
 * `npm run import -- --tenant <id> --kind containers|vehicles|vehicle-types|depots|facilities|sensors
 *   --file <path> [--format geojson|csv|amsterdam|ngsi-ld|json] [--map field=column,…]
 *   [--crs EPSG:28992] [--volume-m3 N] [--dry-run] [--retire-missing] [--no-road-check] [--json]`
 * Prints a summary (with --json exactly one JSON object on stdout: the import report) and exits 0
 * when nothing was rejected, 2 when any row was. A progress bar goes to stderr on a terminal.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { loadConfig } from '../../platform/config.ts';
import { InputError } from '../../platform/errors.ts';
import { runMain } from '../../platform/main.ts';
import { runImport } from '../import/import-service.ts';
import type { ImportProgress, ImportReport } from '../import/import-types.ts';
import { tenantRouter } from '../tenant-router.ts';
import { TenantStore } from '../store/tenants-store.ts';
import { cliActor, required } from './cli-args.ts';
import { importOptions } from '../import/import-options.ts';
import { openDatabase } from './database.ts';

function formatReport(r: ImportReport, file: string): string {
  const lines = [
    `${r.dryRun ? 'dry run (nothing written): ' : ''}${r.kind} from ${file} (${r.format})`,
    `  created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}, retired ${r.retired}, rejected ${r.rejected}`,
  ];
  for (const e of r.errors.slice(0, 50)) lines.push(`  row ${e.row}: ${e.field}: ${e.reason}`);
  if (r.errors.length > 50) lines.push(`  … and ${r.errors.length - 50} more errors (--json lists them all)`);
  if (r.missing.length) lines.push(`  ${r.missing.length} stored ${r.kind} are not in the file (kept; --retire-missing retires them): ${r.missing.slice(0, 20).join(', ')}${r.missing.length > 20 ? ', …' : ''}`);
  for (const f of r.flagged.slice(0, 20)) lines.push(`  check row ${f.row} (${f.id}): ${f.reason}`);
  if (r.flagged.length > 20) lines.push(`  … and ${r.flagged.length - 20} more flagged`);
  return lines.join('\n');
}

function progressBar(): { update(p: ImportProgress): void; stop(): void } {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar({ format: 'import {phase} |{bar}| {value}/{total}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update(p) {
      if (p.total < 1000) return;
      if (!started) bar.start(p.total, p.done, { phase: p.phase });
      started = true;
      bar.setTotal(p.total);
      bar.update(p.done, { phase: p.phase });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

await runMain(async () => {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string' }, kind: { type: 'string' }, file: { type: 'string' }, format: { type: 'string' }, map: { type: 'string' },
      crs: { type: 'string' }, 'volume-m3': { type: 'string' }, 'dry-run': { type: 'boolean', default: false },
      'retire-missing': { type: 'boolean', default: false }, 'no-road-check': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const tenantId = required(values.tenant, '--tenant');
  const kind = required(values.kind, '--kind');
  const file = required(values.file, '--file');
  const options = importOptions(
    { format: values.format, map: values.map, crs: values.crs, volumeM3: values['volume-m3'], dryRun: values['dry-run'], retireMissing: values['retire-missing'] },
    (o) => ({ format: '--format', map: '--map', crs: '--crs', volumeM3: '--volume-m3', dryRun: '--dry-run', retireMissing: '--retire-missing' })[o],
  );
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, [{ name: '--file', reason: 'a readable file' }]);
  }
  const config = loadConfig();
  const pool = await openDatabase(config);
  const bar = progressBar();
  try {
    const tenant = await new TenantStore(pool).get(tenantId).catch((err: unknown) => {
      throw new InputError(`tenant ${tenantId} does not exist: create it with npm run tenant -- create --id ${tenantId} --name …`, [{ name: '--tenant', reason: (err as Error).message }], { cause: err });
    });
    const roadCheck = kind === 'containers' && !values['no-road-check'];
    const snapper = roadCheck ? await tenantRouter(tenant.settings.router, config) : undefined;
    const report = await runImport(pool, { tenantId, kind, content, fileName: basename(file), options, actor: cliActor(), snapper, onProgress: (p) => bar.update(p) });
    bar.stop();
    process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${formatReport(report, file)}\n`);
    if (report.errors.length) process.exitCode = 2;
  } finally {
    bar.stop();
    await pool.end();
  }
});
