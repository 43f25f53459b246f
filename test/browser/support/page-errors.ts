/** Errors a page must not log: script errors, CSP refusals. Failed loads (blocked tiles, offline) are expected. */
import type { Page } from 'playwright-core';

export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  return errors;
}
