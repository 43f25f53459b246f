/**
 * Splits a many-to-many table into requests osrm-routed accepts and stitches the answers back.
 *
 * osrm-routed rejects a table with TooBig when sources × destinations > max-table-size²
 * (src/engine/plugins/table.cpp; empty sources/destinations count as all coordinates). So a block
 * of up to `maxTableSize` sources × `maxTableSize` destinations is the largest legal request. A
 * diagonal block (same indices both ways) is sent once without sources/destinations parameters.
 * Some patched servers count every coordinate of the URL instead (`limit: 'coordinates'`): blocks
 * then hold at most maxTableSize coordinates in all, half sources and half destinations.
 */
export type TableSizeRule = 'sources-times-destinations' | 'coordinates';

export interface TableBlock {
  /** Global point indices of the coordinates in the request, in request order. */
  readonly pointIndices: number[];
  /** `sources=` parameter (positions in pointIndices), absent for a square block. */
  readonly sources?: number[];
  /** `destinations=` parameter (positions in pointIndices), absent for a square block. */
  readonly destinations?: number[];
  /** Where the block's rows and columns go in the stitched matrix. */
  readonly rowOffset: number;
  readonly colOffset: number;
  readonly rows: number;
  readonly cols: number;
}

export function planTableBlocks(
  sources: readonly number[],
  destinations: readonly number[],
  maxTableSize: number,
  rule: TableSizeRule = 'sources-times-destinations',
): TableBlock[] {
  if (!Number.isInteger(maxTableSize) || maxTableSize < 1) throw new RangeError(`maxTableSize must be a positive integer, got ${maxTableSize}`);
  const size = rule === 'coordinates' ? Math.max(1, Math.floor(maxTableSize / 2)) : maxTableSize;
  const sourceChunks = chunk(sources, size);
  const destinationChunks = chunk(destinations, size);
  const blocks: TableBlock[] = [];
  let rowOffset = 0;
  for (const rows of sourceChunks) {
    let colOffset = 0;
    for (const cols of destinationChunks) {
      blocks.push(makeBlock(rows, cols, rowOffset, colOffset));
      colOffset += cols.length;
    }
    rowOffset += rows.length;
  }
  return blocks;
}

function makeBlock(rows: number[], cols: number[], rowOffset: number, colOffset: number): TableBlock {
  const base = { rowOffset, colOffset, rows: rows.length, cols: cols.length };
  if (sameIndices(rows, cols)) return { ...base, pointIndices: rows };
  const pointIndices: number[] = [];
  const position = new Map<number, number>();
  const positionOf = (index: number): number => {
    let at = position.get(index);
    if (at === undefined) {
      at = pointIndices.length;
      position.set(index, at);
      pointIndices.push(index);
    }
    return at;
  };
  const sourcePositions = rows.map(positionOf);
  const destinationPositions = cols.map(positionOf);
  return { ...base, pointIndices, sources: sourcePositions, destinations: destinationPositions };
}

/** Copies one block's answer into the full matrix (created by the caller with the full shape). */
export function stitchBlock<T>(target: T[][], block: TableBlock, blockMatrix: readonly (readonly T[])[]): void {
  for (let r = 0; r < block.rows; r++) {
    const source = blockMatrix[r];
    const row = target[block.rowOffset + r];
    for (let c = 0; c < block.cols; c++) row[block.colOffset + c] = source[c];
  }
}

function chunk(indices: readonly number[], size: number): number[][] {
  const chunks: number[][] = [];
  for (let i = 0; i < indices.length; i += size) chunks.push(indices.slice(i, i + size));
  return chunks;
}

function sameIndices(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
