/**
 * The three kinds of error used everywhere (see ARCHITECTURE.md):
 * - input: the caller can fix it (4xx, dead letter, CLI exit code 2); names the field / job / value.
 * - routing: the road network cannot answer (names the point or container).
 * - internal: a bug (logged with context, 5xx without details, exit code 1).
 */
export type ErrorKind = 'input' | 'routing' | 'internal';

export interface ErrorDetail {
  /** Dotted path or name of the offending field, job, point or variable. */
  readonly name: string;
  /** What is wrong with it, in words a dispatcher or operator understands. */
  readonly reason: string;
}

export abstract class AppError extends Error {
  abstract readonly kind: ErrorKind;
  abstract readonly exitCode: number;
  readonly details: readonly ErrorDetail[];

  constructor(message: string, details: readonly ErrorDetail[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.details = details;
  }
}

export class InputError extends AppError {
  readonly kind = 'input' as const;
  readonly exitCode = 2;
}

export class RoutingError extends AppError {
  readonly kind = 'routing' as const;
  readonly exitCode = 3;
}

export class InternalError extends AppError {
  readonly kind = 'internal' as const;
  readonly exitCode = 1;
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
