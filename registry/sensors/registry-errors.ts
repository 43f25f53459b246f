/**
 * Input errors of the registry with the HTTP status they mean, so the API answers 404, 409, 412
 * or 422 naming the field, and the import reports the same reason for a bad row.
 */
import { InputError, type ErrorDetail } from '../../platform/errors.ts';

export type RegistryErrorStatus = 404 | 409 | 412 | 422;

export class RegistryError extends InputError {
  constructor(readonly status: RegistryErrorStatus, message: string, details: readonly ErrorDetail[] = []) {
    super(message, details);
  }
}

export const notFoundError = (what: string) => new RegistryError(404, `${what} does not exist`);

export const staleVersionError = (what: string, current: number) =>
  new RegistryError(412, `${what} was changed by someone else (now version ${current}); read it again and retry`, [{ name: 'If-Match', reason: `does not match the current ETag "${current}"` }]);

export const invalid = (details: readonly ErrorDetail[]) => new RegistryError(422, details.map((d) => `${d.name}: ${d.reason}`).join('; '), details);
