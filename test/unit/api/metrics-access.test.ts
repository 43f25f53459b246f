/**
 * /metrics is never open by default: the API's route and the ingester's listener serve this
 * machine only unless METRICS_TOKEN is set, then the bearer token from anywhere.
 */
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../api/app.ts';
import { metricsAccess } from '../../../platform/metrics-access.ts';
import { startMetricsServer, type MetricsServer } from '../../../platform/metrics-server.ts';

const TOKEN = 'scrape-me-0123456789abcdef';

describe('metricsAccess', () => {
  const ask = (remoteAddress: string, headers: Record<string, string> = {}, token?: string) => metricsAccess(token, { remoteAddress, headers });
  it('without a token: loopback only, and not through a proxy', () => {
    for (const a of ['127.0.0.1', '127.3.2.1', '::1', '::ffff:127.0.0.1']) expect(ask(a).allowed, a).toBe(true);
    for (const a of ['10.0.0.5', '192.0.2.2', '::ffff:10.1.1.1', 'fd00::2', '']) expect(ask(a), a).toMatchObject({ allowed: false, status: 403 });
    for (const h of ['x-forwarded-for', 'forwarded', 'x-real-ip']) expect(ask('127.0.0.1', { [h]: '203.0.113.9' }), h).toMatchObject({ allowed: false, status: 403 });
  });
  it('with a token: the token from anywhere, nothing without it (not even loopback)', () => {
    expect(ask('203.0.113.9', { authorization: `Bearer ${TOKEN}` }, TOKEN).allowed).toBe(true);
    expect(ask('127.0.0.1', {}, TOKEN)).toMatchObject({ allowed: false, status: 401 });
    expect(ask('127.0.0.1', { authorization: `Bearer ${TOKEN}x` }, TOKEN)).toMatchObject({ allowed: false, status: 401 });
    expect(ask('127.0.0.1', { authorization: TOKEN }, TOKEN)).toMatchObject({ allowed: false, status: 401 });
  });
});

describe('API /metrics', () => {
  it('serves loopback callers and refuses others with problem+json when no token is configured', async () => {
    const app = await buildApp();
    try {
      expect((await app.inject({ url: '/metrics' })).statusCode).toBe(200);
      const remote = await app.inject({ url: '/metrics', remoteAddress: '198.51.100.7' });
      expect(remote.statusCode).toBe(403);
      expect(remote.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(remote.body).not.toContain('process_cpu');
      expect((await app.inject({ url: '/metrics', headers: { 'x-forwarded-for': '198.51.100.7' } })).statusCode).toBe(403);
    } finally {
      await app.close();
    }
  });
  it('asks for the bearer token when one is configured', async () => {
    const app = await buildApp({ metricsToken: TOKEN });
    try {
      const none = await app.inject({ url: '/metrics' });
      expect(none.statusCode).toBe(401);
      expect(none.headers['www-authenticate']).toBe('Bearer');
      const ok = await app.inject({ url: '/metrics', remoteAddress: '198.51.100.7', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('process_cpu_user_seconds_total');
    } finally {
      await app.close();
    }
  });
});

describe('ingester metrics listener (startMetricsServer)', () => {
  let server: MetricsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const nonLoopback = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

  it('binds 127.0.0.1 when told so (the default) and serves loopback callers', async () => {
    const s = await startMetricsServer({ port: 0, host: '127.0.0.1', token: undefined });
    server = s;
    expect(s.address.address).toBe('127.0.0.1');
    const res = await fetch(`http://127.0.0.1:${s.address.port}/metrics`);
    expect(res.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${s.address.port}/metrics`, { headers: { 'x-forwarded-for': '1.2.3.4' } })).status).toBe(403);
  });

  it.skipIf(!nonLoopback)('refuses a caller on another interface without a token, serves it with the token', async () => {
    const open = await startMetricsServer({ port: 0, host: '0.0.0.0', token: undefined });
    server = open;
    expect((await fetch(`http://${nonLoopback}:${open.address.port}/metrics`)).status).toBe(403);
    await open.close();
    const guarded = await startMetricsServer({ port: 0, host: '0.0.0.0', token: TOKEN });
    server = guarded;
    const url = `http://${nonLoopback}:${guarded.address.port}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    const ok = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('# HELP');
  });
});
