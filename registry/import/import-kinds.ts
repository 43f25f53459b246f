/**
 * What can be imported: kind → its formats, its pure reader per format and its table. A new kind
 * (sensors) is one more entry (`registerImportKind`); the service, the CLI and the API job are
 * generic over this table.
 */
import type pg from 'pg';
import { containerSpec } from '../kinds/containers.ts';
import { vehicleSpec, vehicleTypeSpec } from '../kinds/fleet.ts';
import { depotSpec, facilitySpec } from '../kinds/places.ts';
import { DepotInput, FacilityInput, VehicleInput, VehicleTypeInput, type ContainerInput } from '../master-data-shapes.ts';
import { readAmsterdam } from '../readers/amsterdam-reader.ts';
import { readContainerCsv } from '../readers/container-csv-reader.ts';
import { readContainerGeoJson } from '../readers/geojson-reader.ts';
import { readNgsiLd } from '../readers/ngsi-ld-reader.ts';
import { readRecords } from '../readers/record-reader.ts';
import type { UpsertCounts } from '../store/bulk-upsert.ts';
import type { TableSpec } from '../store/table-spec.ts';
import type { FlaggedRow, ImportOptions, ReadResult, ReadRow, ReaderContext } from './import-types.ts';
import { snapToRoads, type RoadSnapper } from './road-check.ts';
import { sensorImport } from '../sensors/sensor-import.ts';

export type Reader<I> = (content: string, options: ImportOptions, ctx: ReaderContext) => ReadResult<I>;

export interface PrepareEnvironment {
  readonly snapper?: RoadSnapper;
  readonly onProgress: (done: number) => void;
}

export interface ImportHandler<I extends { id: string } = { id: string }> {
  readonly kind: string;
  /** format → pure reader; the first is the default when neither --format nor the file name says. */
  readonly readers: Readonly<Record<string, Reader<I>>>;
  readonly spec: TableSpec<I, unknown>;
  /** Work between reading and storing (containers: road snap and flags). */
  prepare?(rows: ReadRow<I>[], env: PrepareEnvironment): Promise<{ rows: ReadRow<I>[]; flagged: FlaggedRow[] }>;
  /** Default: the generic bulk upsert of `spec`. */
  store?(db: pg.PoolClient, tenantId: string, rows: readonly I[]): Promise<UpsertCounts>;
}

const records = <I>(schema: Parameters<typeof readRecords>[2]): Record<string, Reader<I>> => ({
  csv: (content: string, o: ImportOptions, ctx: ReaderContext) => readRecords<I>(content, 'csv', schema, o, ctx),
  json: (content: string, o: ImportOptions, ctx: ReaderContext) => readRecords<I>(content, 'json', schema, o, ctx),
});

const containers: ImportHandler<ContainerInput> = {
  kind: 'containers',
  readers: { csv: readContainerCsv, geojson: readContainerGeoJson, amsterdam: readAmsterdam, 'ngsi-ld': readNgsiLd },
  spec: containerSpec,
  async prepare(rows, env) {
    return env.snapper ? snapToRoads(rows, env.snapper, env.onProgress) : { rows, flagged: [] };
  },
};

const KINDS = new Map<string, ImportHandler<{ id: string }>>();

export function registerImportKind<I extends { id: string }>(handler: ImportHandler<I>): void {
  KINDS.set(handler.kind, handler as unknown as ImportHandler<{ id: string }>);
}

registerImportKind(containers);
registerImportKind<VehicleTypeInput>({ kind: 'vehicle-types', readers: records(VehicleTypeInput), spec: vehicleTypeSpec });
registerImportKind<VehicleInput>({ kind: 'vehicles', readers: records(VehicleInput), spec: vehicleSpec });
registerImportKind<DepotInput>({ kind: 'depots', readers: records(DepotInput), spec: depotSpec });
registerImportKind<FacilityInput>({ kind: 'facilities', readers: records(FacilityInput), spec: facilitySpec });
registerImportKind(sensorImport);

export function importKind(kind: string): ImportHandler<{ id: string }> | undefined {
  return KINDS.get(kind);
}

export function importKinds(): string[] {
  return [...KINDS.keys()];
}

/** The format of a file: --format, else its extension (`.geojson`, `.csv`, `.json`), else the kind's first. */
export function formatOf(handler: ImportHandler<{ id: string }>, fileName: string | undefined, content: string, asked: string | undefined): string {
  const formats = Object.keys(handler.readers);
  if (asked) return asked;
  const ext = fileName?.toLowerCase().match(/\.([a-z-]+)$/)?.[1];
  if (ext && formats.includes(ext)) return ext;
  if (ext === 'json' || ext === 'jsonld') {
    if (formats.includes('json')) return 'json';
    if (/"WasteContainer"/.test(content.slice(0, 10_000))) return 'ngsi-ld';
    if (formats.includes('geojson')) return 'geojson';
  }
  if (ext === 'tsv' || ext === 'txt') return 'csv';
  return formats[0]!;
}
