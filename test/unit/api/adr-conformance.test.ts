/**
 * The whole published OpenAPI document, every route registered (a pool that never connects is
 * enough: routes are registered, no query runs), linted with @stoplight/spectral-cli against the
 * project's NL API Design Rules ruleset. A route added anywhere that breaks a rule fails here.
 * The ruleset is checked too: a document broken on purpose must raise each rule it breaks.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../api/app.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const RULESET = join(ROOT, 'api/adr-ruleset.yaml');
const SPECTRAL = join(ROOT, 'node_modules/.bin/spectral');

interface SpectralResult {
  code: string;
  message: string;
  severity: number; // 0 error, 1 warning
  path: (string | number)[];
  source: string;
}

async function lint(files: string[]): Promise<SpectralResult[]> {
  // spectral exits 1 when it finds errors; the JSON on stdout is the answer either way.
  const run = await promisify(execFile)(SPECTRAL, ['lint', '-q', '-r', RULESET, '-f', 'json', '--fail-severity', 'hint', ...files], { maxBuffer: 64 << 20 }).catch(
    (err: { stdout?: string; stderr?: string }) => {
      if (!err.stdout) throw new Error(`spectral failed: ${err.stderr}`);
      return { stdout: err.stdout };
    },
  );
  return JSON.parse(run.stdout) as SpectralResult[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

function brokenOnPurpose(doc: Doc): Doc {
  const d = structuredClone(doc);
  d.servers = [{ url: '/api' }];
  delete d.info.contact.email;
  d.components.schemas.ProblemDetails.properties.errors = { type: 'array' };
  const list = d.paths['/containers'].get;
  list.parameters.push({ name: 'min_fill', in: 'query', schema: { type: 'number' } });
  delete list.responses['400'];
  delete d.paths['/plans'].post.responses['202'].headers;
  d.paths['/plans'].post.responses['503'].content = { 'application/json': d.paths['/plans'].post.responses['503'].content['application/problem+json'] };
  d.paths['/Plan_Things/'] = { get: { responses: { 200: { description: 'x', headers: { 'API-Version': { schema: { type: 'string' } } } } } } };
  d.components.schemas.Container.properties.serviceDate = { type: 'string', format: 'date-time' };
  delete d.paths['/'];
  delete d.paths['/openapi.json'].get.responses['200'].headers['access-control-allow-origin'];
  return d;
}

describe('OpenAPI document against the NL API Design Rules (spectral)', () => {
  let dir: string;
  let doc: Doc;
  let results: SpectralResult[];
  beforeAll(async () => {
    const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/never' });
    const app = await buildApp({ pool, publicUrl: 'https://afvalroute.gemeente.example' });
    const res = await app.inject('/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    doc = res.json();
    await app.close();
    await pool.end();
    dir = mkdtempSync(join(tmpdir(), 'adr-'));
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc, null, 1));
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(brokenOnPurpose(doc), null, 1));
    results = await lint([join(dir, 'openapi.json'), join(dir, 'broken.json')]);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds nothing wrong with the generated document', () => {
    const found = results.filter((r) => r.source.endsWith('openapi.json')).map((r) => `${r.code} ${r.path.join('.')}: ${r.message}`);
    expect(found).toEqual([]);
  });

  it('covers every route: the document lists them all under the /v1 server', () => {
    expect(doc.servers).toEqual([{ url: 'https://afvalroute.gemeente.example/v1' }]);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/', '/openapi.json', '/health', '/containers', '/plans', '/driver/route', '/admin/tokens']));
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/v1'))).toBe(false);
  });

  it('raises each rule a document broken on purpose breaks', () => {
    const codes = new Set(results.filter((r) => r.source.endsWith('broken.json') && r.severity === 0).map((r) => r.code));
    expect([...codes].sort()).toEqual(
      [
        'adr-contact',
        'adr-date-fields-have-format',
        'adr-invalid-input-400',
        'adr-landing-page',
        'adr-no-trailing-slash',
        'adr-paths-kebab-case',
        'adr-problem-media-type',
        'adr-problem-members',
        'adr-publish-openapi-cors',
        'adr-query-keys-camel-case',
        'adr-server-major-version',
        'adr-version-header',
      ].sort(),
    );
  });
});
