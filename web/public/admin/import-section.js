/**
 * Import a file: choose what it holds, its format (and for CSV the column mapping, for RD
 * coordinates the CRS), run a dry run first and read its report row by row — created, updated,
 * unchanged, rejected with row, field and reason — before anything is written; then import for
 * real and follow the job until its report is in. Any change of file or options asks for a new
 * dry run first.
 */
import { describeError } from '../shared/api-client.js';
import { byId, h, replaceChildren } from '../shared/dom.js';
import { FIELD_LABELS, FORMAT_LABELS, IMPORT_KINDS, IMPORT_STATUS_LABELS } from './labels.js';

const POLL_MS = 400;

const PHASE_LABELS = /** @type {Record<string, string>} */ ({
  reading: 'Bestand lezen',
  checking: 'Regels controleren',
  snapping: 'Afstand tot de weg bepalen',
  writing: 'Opslaan',
  done: 'Afronden',
});

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {{ api: import('../shared/api-client.js').Api, onStatus: (text: string) => void }} deps
 */
export function createImportSection({ api, onStatus }) {
  const kind = /** @type {HTMLSelectElement} */ (byId('import-kind'));
  const format = /** @type {HTMLSelectElement} */ (byId('import-format'));
  const file = /** @type {HTMLInputElement} */ (byId('import-file'));
  const mapping = /** @type {HTMLInputElement} */ (byId('import-map'));
  const crs = /** @type {HTMLSelectElement} */ (byId('import-crs'));
  const retire = /** @type {HTMLInputElement} */ (byId('import-retire'));
  const runButton = /** @type {HTMLButtonElement} */ (byId('import-run'));
  const dryRunButton = /** @type {HTMLButtonElement} */ (byId('import-dry-run'));
  const report = byId('import-report');
  const error = byId('import-error');
  for (const k of IMPORT_KINDS) kind.append(h('option', { value: k.kind }, k.label));

  function kindChanged() {
    const k = IMPORT_KINDS.find((x) => x.kind === kind.value) ?? IMPORT_KINDS[0];
    replaceChildren(format, h('option', { value: '' }, 'uit de bestandsnaam'), k.formats.map((f) => h('option', { value: f }, FORMAT_LABELS[f] ?? f)));
    const containers = k.kind === 'containers';
    crs.disabled = !containers;
    retire.disabled = !containers;
    if (!containers) retire.checked = false;
  }
  kindChanged();

  /** the options of the last clean dry run: "Importeren" sends exactly these */
  let checked = /** @type {string | null} */ (null);
  const query = (dryRun = false) => {
    const q = new URLSearchParams({ kind: kind.value });
    if (format.value) q.set('format', format.value);
    if (mapping.value.trim()) q.set('map', mapping.value.trim());
    if (crs.value && !crs.disabled) q.set('crs', crs.value);
    if (retire.checked) q.set('retireMissing', 'true');
    if (dryRun) q.set('dryRun', 'true');
    return q;
  };
  const invalidate = () => {
    checked = null;
    runButton.disabled = true;
    runButton.textContent = 'Importeren';
  };
  for (const input of [kind, format, file, mapping, crs, retire]) input.addEventListener('change', invalidate);
  mapping.addEventListener('input', invalidate);
  kind.addEventListener('change', kindChanged);

  /** @param {any} job */
  function showProgress(job) {
    byId('import-progress').hidden = false;
    const bar = /** @type {HTMLProgressElement} */ (byId('import-progress-bar'));
    const p = job.progress;
    bar.value = p && p.total ? Math.round((100 * p.done) / p.total) : job.status === 'completed' ? 100 : 0;
    byId('import-progress-text').textContent = p
      ? `${PHASE_LABELS[p.phase] ?? p.phase} · ${p.done} van ${p.total}`
      : IMPORT_STATUS_LABELS[job.status] ?? job.status;
  }

  /** @param {boolean} dryRun */
  async function run(dryRun) {
    const chosen = file.files?.[0];
    if (!chosen) {
      error.textContent = 'Kies eerst een bestand.';
      return null;
    }
    error.textContent = '';
    replaceChildren(report);
    const body = new FormData();
    body.append('file', chosen, chosen.name);
    dryRunButton.disabled = true;
    runButton.disabled = true;
    try {
      let job = await api.request(`/v1/imports?${query(dryRun)}`, { method: 'POST', body });
      showProgress(job);
      while (job.status === 'queued' || job.status === 'running') {
        await sleep(POLL_MS);
        job = await api.request(job.links.self);
        showProgress(job);
      }
      if (job.status === 'failed') {
        error.textContent = `De import is mislukt: ${job.failureReason ?? 'onbekende reden'}`;
        return null;
      }
      byId('import-progress-text').textContent = dryRun ? 'Proefimport klaar: er is niets opgeslagen.' : 'Import klaar.';
      showReport(job.report);
      return job.report;
    } catch (err) {
      error.textContent = describeError(err);
      return null;
    } finally {
      dryRunButton.disabled = false;
    }
  }

  /** @param {any} r the import report (the CLI's --json) */
  function showReport(r) {
    const count = (/** @type {string} */ label, /** @type {number} */ n, /** @type {string} */ cls) => h('span', { className: `badge ${n ? cls : ''}`, dataset: { count: label } }, `${label}: ${n}`);
    replaceChildren(
      report,
      h('h3', null, r.dryRun ? 'Verslag van de proefimport' : 'Verslag van de import'),
      h(
        'div',
        { className: 'report-counts' },
        count(r.dryRun ? 'nieuw' : 'aangemaakt', r.created, 'ok'),
        count('gewijzigd', r.updated, 'ok'),
        count('ongewijzigd', r.unchanged, ''),
        count('buiten gebruik gesteld', r.retired, 'warn'),
        count('afgewezen', r.rejected, 'bad'),
      ),
      r.errors.length
        ? h(
            'table',
            { className: 'report-rows' },
            h('thead', null, h('tr', null, h('th', null, 'Regel'), h('th', null, 'Id'), h('th', null, 'Veld'), h('th', null, 'Reden'))),
            h('tbody', null, r.errors.map((/** @type {any} */ e) => h('tr', { className: 'rejected', dataset: { row: String(e.row) } }, h('td', null, String(e.row)), h('td', null, e.id ?? ''), h('td', { dataset: { field: e.field } }, FIELD_LABELS[e.field] ?? e.field), h('td', null, e.reason)))),
          )
        : h('p', { className: 'muted' }, 'Geen regels afgewezen.'),
      r.flagged?.length
        ? [h('h3', null, 'Opgeslagen, maar kijk er even naar'), h('ul', null, r.flagged.map((/** @type {any} */ f) => h('li', null, `Regel ${f.row} (${f.id}): ${f.reason}`)))]
        : null,
      r.missing?.length
        ? h('p', { className: 'muted' }, `${r.missing.length} opgeslagen records staan niet in dit bestand (ze blijven bestaan${retire.checked || retire.disabled ? '' : '; vink "buiten gebruik stellen" aan om containers buiten gebruik te stellen'}): ${r.missing.slice(0, 20).join(', ')}${r.missing.length > 20 ? ' …' : ''}`)
        : null,
    );
  }

  byId('import-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const options = query().toString();
    const r = await run(true);
    if (!r) return;
    checked = options;
    runButton.disabled = false;
    runButton.textContent = r.rejected ? `Importeren (${r.rejected} afgewezen regels overslaan)` : 'Importeren';
    onStatus(`Proefimport: ${r.created} nieuw, ${r.updated} gewijzigd, ${r.rejected} afgewezen`);
  });

  runButton.addEventListener('click', async () => {
    if (checked !== query().toString()) return invalidate();
    const r = await run(false);
    invalidate();
    if (r) onStatus(`Geïmporteerd: ${r.created} aangemaakt, ${r.updated} gewijzigd, ${r.rejected} afgewezen`);
  });

  return {
    // errors of an import are shown in the section itself
    async show() {
      onStatus('');
    },
  };
}
