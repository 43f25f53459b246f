import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.ts';

export type { Logger };

/** JSON logs on stdout (pino); one logger per process, children per component. */
export function createLogger(level: LogLevel = 'info', name = 'afvalroute'): Logger {
  return pino({ name, level, base: { pid: process.pid } });
}
