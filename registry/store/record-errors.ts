/**
 * Why a master-data write was refused: input errors (the caller can fix them) with the one thing
 * the API needs to pick a status — not found 404, exists 409, stale 412, in use 409, no version 428.
 */
import { InputError, type ErrorDetail } from '../../platform/errors.ts';

export type RecordConflict = 'not-found' | 'exists' | 'stale' | 'in-use' | 'version-required';

export class RecordError extends InputError {
  constructor(readonly conflict: RecordConflict, message: string, details: readonly ErrorDetail[] = []) {
    super(message, details);
  }
}

export const recordNotFound = (noun: string, id: string) => new RecordError('not-found', `${noun} ${id} does not exist`);
