/**
 * The shapes every import shares: a reader's rows and row errors, the options of one import and
 * its report — the one JSON object the CLI prints with --json and the API's import job ends with.
 */
import type { TenantSettings } from '../tenant-settings.ts';

/** What is wrong with one row: its number (CSV: line in the file, header = 1; JSON: 1-based position), the field and why. */
export interface RowError {
  readonly row: number;
  readonly field: string;
  readonly reason: string;
  /** The row's id when it could be read: a record named by a rejected row is not "missing". */
  readonly id?: string;
}

export interface ReadRow<T> {
  readonly row: number;
  readonly value: T;
}

export interface ReadResult<T> {
  readonly rows: ReadRow<T>[];
  readonly errors: RowError[];
}

export type Crs = 'CRS84' | 'EPSG:28992';

export interface ImportOptions {
  readonly format?: string;
  /** CSV column mapping: field → column header (`id=objectnummer,fraction=fractie,…`). */
  readonly map?: Readonly<Record<string, string>>;
  /** Coordinates of the file when it does not say (GeoJSON `crs`, CSV x/y columns). */
  readonly crs?: Crs;
  /** Volume (m³) of containers whose file gives none (NGSI-LD exports often carry no volume). */
  readonly defaultVolumeM3?: number;
  readonly dryRun?: boolean;
  /** Retire stored records missing from this (full) import; only kinds with history (containers). */
  readonly retireMissing?: boolean;
}

/** What a pure reader may know about the tenant (its area, for coordinate checks). */
export interface ReaderContext {
  readonly settings: TenantSettings;
}

export interface FlaggedRow {
  readonly row: number;
  readonly id: string;
  readonly reason: string;
}

export interface ImportReport {
  readonly kind: string;
  readonly format: string;
  readonly dryRun: boolean;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly retired: number;
  readonly rejected: number;
  readonly errors: RowError[];
  /** Stored records absent from the file and not retired (no --retire-missing): their ids. */
  readonly missing: string[];
  /** Imported but worth a look (a container far from any road). */
  readonly flagged: FlaggedRow[];
}

export interface ImportProgress {
  readonly phase: 'reading' | 'checking' | 'snapping' | 'writing' | 'done';
  readonly done: number;
  readonly total: number;
}
