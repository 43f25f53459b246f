/**
 * Setup file of the browser project: without Chromium each browser test file stops before its
 * first test with one line saying how to get it, instead of playwright's launch stack trace. The
 * unit and integration projects run on regardless.
 */
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from './chromium.ts';

export const MISSING_CHROMIUM =
  `Chromium not found at ${CHROMIUM_PATH}: install it (Debian/Ubuntu: sudo apt-get install chromium) ` +
  'or set CHROMIUM_PATH to a Chromium or Chrome binary; the browser tests need it.';

if (!existsSync(CHROMIUM_PATH)) {
  const error = new Error(MISSING_CHROMIUM);
  error.stack = MISSING_CHROMIUM; // the message is the whole story: no stack trace
  throw error;
}
