/**
 * Reading and writing the registry's records with their ETag: every change sends back the ETag it
 * read (If-Match), so a change by someone else in between is answered 412 instead of being
 * overwritten. Lists are read page by page.
 */
import { ApiError } from '../shared/api-client.js';

/**
 * @param {import('../shared/api-client.js').Api} api
 * @param {string} path
 * @returns {Promise<{ record: any, etag: string }>}
 */
export async function readRecord(api, path) {
  const response = await api.raw(path);
  const record = await response.json();
  return { record, etag: response.headers.get('ETag') ?? `"${record.version}"` };
}

/**
 * @param {import('../shared/api-client.js').Api} api
 * @param {string} path
 * @param {{ method: string, body: unknown, etag: string }} change
 * @returns {Promise<{ record: any, etag: string }>}
 */
export async function writeRecord(api, path, { method, body, etag }) {
  const response = await api.raw(path, { method, body, headers: { 'If-Match': etag } });
  const record = await response.json();
  return { record, etag: response.headers.get('ETag') ?? `"${record.version}"` };
}

/** Someone else changed the record since it was read. @param {unknown} err */
export const isStale = (err) => err instanceof ApiError && err.status === 412;

/**
 * Every item of a paged list.
 * @param {import('../shared/api-client.js').Api} api
 * @param {string} path without page parameters
 */
export async function readAll(api, path, pageSize = 500) {
  const items = [];
  const sep = path.includes('?') ? '&' : '?';
  for (let page = 1; ; page++) {
    const body = await api.request(`${path}${sep}page=${page}&pageSize=${pageSize}`);
    items.push(...body.items);
    if (body.items.length < pageSize || items.length >= body.total) return items;
  }
}

/**
 * The allowed values of a request body property, from the API's own OpenAPI document (device
 * models, network servers): the page offers what the API accepts, nothing it would refuse.
 * @param {any} openapi
 * @param {string} path OpenAPI path, e.g. /v1/unknown-devices/{deviceId}/bind
 * @param {string} property
 * @returns {string[]}
 */
export function allowedValues(openapi, path, property) {
  // The document's paths are relative to its server URL, which ends in the major version (/v1).
  const server = openapi?.servers?.[0]?.url ?? '';
  const base = URL.canParse(server, 'http://localhost') ? new URL(server, 'http://localhost').pathname.replace(/\/$/, '') : '';
  const item = openapi?.paths?.[base && path.startsWith(base) ? path.slice(base.length) : path] ?? openapi?.paths?.[path];
  const op = item?.post ?? item?.put ?? item?.patch;
  const schema = op?.requestBody?.content?.['application/json']?.schema?.properties?.[property];
  if (!schema) return [];
  if (Array.isArray(schema.enum)) return schema.enum;
  return (schema.anyOf ?? []).map((/** @type {any} */ s) => s.const ?? s.enum?.[0]).filter((/** @type {unknown} */ v) => typeof v === 'string');
}
