/**
 * Response schemas per CRS. The documented schemas give positions in CRS84 with WGS84 bounds
 * (`LonLat`); an answer in Dutch RD (Accept-Crs: EPSG:28992) holds metres far outside them, and
 * where a position sits under anyOf (a nullable location) fast-json-stringify checks the bounds
 * and the answer became a 500. So RD answers are serialized with their own schema: the same shape
 * with every CRS84 position replaced by `RdPoint`, derived once per schema.
 */
import type { FastifyReply } from 'fastify';
import type { TSchema } from '@sinclair/typebox';
import { RdPoint } from '../schemas/common.ts';
import type { Crs } from './crs.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A CRS84 position as `LonLat` writes it: a pair bounded by ±180 and ±90. */
function isCrs84Position(node: Json): boolean {
  const items = node.prefixItems ?? node.items;
  if (node.type !== 'array' || !Array.isArray(items) || items.length !== 2) return false;
  const [lon, lat] = items as Json[];
  return lon?.maximum === 180 && lon?.minimum === -180 && lat?.maximum === 90 && lat?.minimum === -90;
}

/**
 * The RD variant of a schema: CRS84 positions become RD points; `$ref`s to shared schemas named
 * in `refs` are inlined (their RD variant must not take their `$id`).
 */
export function rdVariant(schema: TSchema, refs: Readonly<Record<string, TSchema>> = {}): TSchema {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObject(node)) return node;
    if (isCrs84Position(node)) return { ...RdPoint };
    if (typeof node.$ref === 'string' && refs[node.$ref]) {
      const { $id: _id, ...target } = refs[node.$ref] as Json;
      return walk(target);
    }
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) out[key] = walk(value);
    return out;
  };
  return walk(schema) as TSchema;
}

const variants = new WeakMap<TSchema, TSchema>();

/**
 * Serialize this reply with the schema for the asked CRS: nothing changes for CRS84; for RD the
 * schema's RD variant (made once, and compiled once by fastify's per-schema cache).
 */
export function serializeInCrs(reply: FastifyReply, crs: Crs, schema: TSchema, refs?: Readonly<Record<string, TSchema>>): void {
  if (crs === 'CRS84') return;
  let rd = variants.get(schema);
  if (!rd) variants.set(schema, (rd = rdVariant(schema, refs)));
  reply.serializer(reply.compileSerializationSchema(rd as Record<string, unknown>));
}
