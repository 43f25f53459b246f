/**
 * One container row from any format, made into a ContainerInput or row errors: every reader
 * gathers the raw values its format has, and this one function decides what is wrong with them
 * (unreadable number, unknown fraction, outside the area or swapped, volume not positive), then
 * the schema the API uses has the last word.
 */
import { Value } from '@sinclair/typebox/value';
import type { Fraction } from '../fractions.ts';
import { ContainerInput } from '../master-data-shapes.ts';
import type { Crs, ImportOptions, ReadRow, ReaderContext, RowError } from '../import/import-types.ts';
import { isBlank, parseBoolean, parseNumber } from './cell-values.ts';
import { checkPosition, type Area } from './coordinates.ts';
import { containerKindFromName, fractionFromName } from './fraction-names.ts';

export interface RawContainer {
  id?: unknown;
  /** lon/lat, or x/y in RD New. */
  lon?: unknown;
  lat?: unknown;
  x?: unknown;
  y?: unknown;
  fraction?: unknown;
  volumeM3?: unknown;
  /** underground | street, or a type name it can be told from. */
  type?: unknown;
  containerType?: unknown;
  address?: unknown;
  serviceTimeS?: unknown;
  active?: unknown;
}

export interface ContainerRowOptions {
  /** CRS of lon/lat (x/y are always RD New). */
  readonly crs: Crs;
  readonly area?: Area;
  /** The format's own fraction codes (Amsterdam's numbers); default: names. */
  readonly fractionOf?: (raw: unknown) => Fraction | undefined;
  /** Volume of containers whose row gives none. */
  readonly defaultVolumeM3?: number;
}

const text = (v: unknown) => (isBlank(v) ? null : String(v).trim());

export function toContainerRow(raw: RawContainer, row: number, o: ContainerRowOptions): ReadRow<ContainerInput> | RowError[] {
  const errors: RowError[] = [];
  const id = text(raw.id);
  const fail = (field: string, reason: string) => errors.push({ row, field, reason, ...(id !== null ? { id } : {}) });
  if (id === null) fail('id', 'missing');

  const useRd = isBlank(raw.lon) && isBlank(raw.lat) && (!isBlank(raw.x) || !isBlank(raw.y));
  const [a, b] = useRd ? [raw.x, raw.y] : [raw.lon, raw.lat];
  const names = useRd ? ['x', 'y'] : ['lon', 'lat'];
  const first = parseNumber(a);
  const second = parseNumber(b);
  let position: [number, number] | undefined;
  if (first === undefined) fail(names[0]!, isBlank(a) ? 'missing' : `unreadable number ${JSON.stringify(a)}`);
  if (second === undefined) fail(names[1]!, isBlank(b) ? 'missing' : `unreadable number ${JSON.stringify(b)}`);
  if (first !== undefined && second !== undefined) {
    const checked = checkPosition(first, second, useRd ? 'EPSG:28992' : o.crs, o.area);
    if (checked.ok) position = checked.position;
    else fail('location', checked.reason);
  }

  const fraction = (o.fractionOf ?? fractionFromName)(raw.fraction);
  if (!fraction) fail('fraction', isBlank(raw.fraction) ? 'missing' : `unknown fraction code ${JSON.stringify(raw.fraction)}`);

  let volumeM3 = isBlank(raw.volumeM3) ? o.defaultVolumeM3 : parseNumber(raw.volumeM3);
  if (volumeM3 === undefined) fail('volumeM3', isBlank(raw.volumeM3) ? 'missing (or give a default volume)' : `unreadable number ${JSON.stringify(raw.volumeM3)}`);
  else if (!(volumeM3 > 0)) {
    fail('volumeM3', `volume not positive (${volumeM3})`);
    volumeM3 = undefined;
  }

  const active = isBlank(raw.active) ? true : parseBoolean(raw.active);
  if (active === undefined) fail('active', `not a yes/no value: ${JSON.stringify(raw.active)}`);
  const serviceTimeS = isBlank(raw.serviceTimeS) ? undefined : parseNumber(raw.serviceTimeS);
  if (!isBlank(raw.serviceTimeS) && serviceTimeS === undefined) fail('serviceTimeS', `unreadable number ${JSON.stringify(raw.serviceTimeS)}`);
  if (errors.length) return errors;

  const typeName = text(raw.type);
  const value: ContainerInput = {
    id: id!,
    location: position!,
    fraction: fraction!,
    volumeM3: volumeM3!,
    type: containerKindFromName(typeName) ?? containerKindFromName(raw.containerType) ?? 'underground',
    containerType: text(raw.containerType) ?? (typeName && !['underground', 'street'].includes(typeName) ? typeName : null),
    address: text(raw.address),
    ...(serviceTimeS !== undefined ? { serviceTimeS: Math.round(serviceTimeS) } : {}),
    active: active!,
  };
  const schemaErrors = [...Value.Errors(ContainerInput, value)];
  if (schemaErrors.length) return schemaErrors.map((e) => ({ row, field: e.path.replace(/^\//, '').replace(/\//g, '.') || 'row', reason: e.message, id: id! }));
  return { row, value };
}

export const isRowErrors = (r: ReadRow<unknown> | RowError[]): r is RowError[] => Array.isArray(r);

/** The row options of an import: its CRS and default volume, the tenant's area. */
export function containerRowOptions(options: ImportOptions, ctx: ReaderContext, extra: Partial<ContainerRowOptions> = {}): ContainerRowOptions {
  return { crs: options.crs ?? 'CRS84', area: ctx.settings.area, defaultVolumeM3: options.defaultVolumeM3, ...extra };
}
