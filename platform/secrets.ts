/**
 * Secrets at rest (network-server API keys and passwords): AES-256-GCM with the installation's
 * SECRETS_KEY, stored as base64 of iv (12 bytes) | auth tag (16 bytes) | ciphertext. A database dump
 * without the key gives nothing away, and a tampered value fails to decrypt instead of decrypting
 * to garbage. The key never lives in the database.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** SECRETS_KEY as 64 hex digits or base64 of 32 bytes; undefined when it is neither. */
export function parseSecretsKey(raw: string): Buffer | undefined {
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : /^[A-Za-z0-9+/]{43}=?$/.test(raw) ? Buffer.from(raw, 'base64') : undefined;
  return key?.length === 32 ? key : undefined;
}

export function encryptSecret(plain: string, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Throws when the value was not made with this key or was altered. */
export function decryptSecret(stored: string, key: Buffer): string {
  const raw = Buffer.from(stored, 'base64');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('stored secret is too short to be AES-256-GCM output');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
