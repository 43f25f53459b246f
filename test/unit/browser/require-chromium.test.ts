/** The browser project's setup file on a machine without Chromium: one line that says how to get it. */
import { afterEach, describe, expect, it, vi } from 'vitest';

describe('browser tests without Chromium', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('stop with one line naming the install command, no stack trace', async () => {
    vi.stubEnv('CHROMIUM_PATH', '/nonexistent/chromium');
    vi.resetModules();
    const error = await import('../../browser/support/require-chromium.ts').then(() => undefined, (e: Error) => e);
    expect(error?.message).toBe(
      'Chromium not found at /nonexistent/chromium: install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary; the browser tests need it.',
    );
    expect(error?.stack).toBe(error?.message);
  });

  it('let the tests run when it is there', async () => {
    vi.stubEnv('CHROMIUM_PATH', process.execPath); // any file that exists
    vi.resetModules();
    await expect(import('../../browser/support/require-chromium.ts')).resolves.toBeDefined();
  });
});
