/** Containers from a CSV with a header and a column mapping (`--map id=…,fraction=…,lon=…,lat=…` or `x=…,y=…`). */
import type { ContainerInput } from '../master-data-shapes.ts';
import type { ImportOptions, ReadResult, ReaderContext, RowError } from '../import/import-types.ts';
import { columnFor, readCsvTable, unknownMappedColumns } from './csv-table.ts';
import { containerRowOptions, isRowErrors, toContainerRow, type ContainerRowOptions, type RawContainer } from './container-row.ts';

const FIELDS: readonly (keyof RawContainer)[] = ['id', 'lon', 'lat', 'x', 'y', 'fraction', 'volumeM3', 'type', 'containerType', 'address', 'serviceTimeS', 'active'];

export function readContainerCsv(content: string, options: ImportOptions, ctx: ReaderContext, rowOptions: Partial<ContainerRowOptions> = {}): ReadResult<ContainerInput> {
  const table = readCsvTable(content);
  if (Array.isArray(table)) return { rows: [], errors: table };
  const mapErrors = unknownMappedColumns(table, options.map);
  if (mapErrors.length) return { rows: [], errors: mapErrors };
  const columns = FIELDS.map((f) => [f, columnFor(table, f, options.map)] as const).filter(([, c]) => c !== undefined);
  const errors: RowError[] = [];
  const rows: ReadResult<ContainerInput>['rows'] = [];
  const o: ContainerRowOptions = containerRowOptions(options, ctx, rowOptions);
  for (const { line, cells } of table.records) {
    const raw: RawContainer = Object.fromEntries(columns.map(([f, c]) => [f, cells[c!]]));
    const r = toContainerRow(raw, line, o);
    if (isRowErrors(r)) errors.push(...r);
    else rows.push(r);
  }
  return { rows, errors };
}
