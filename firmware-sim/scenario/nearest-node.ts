/**
 * Nearest reachable road node to a point: a uniform grid over the reachable nodes, searched in
 * growing rings, so snapping thousands of sites is instant on a city extract.
 */
import { haversineM, type RoadGraph } from './road-graph.ts';

export interface Snap {
  node: number;
  distanceM: number;
}

export class NearestNodeIndex {
  private readonly cells = new Map<string, number[]>();
  private readonly cellDeg: number;

  constructor(private readonly graph: RoadGraph, cellDeg = 0.002) {
    this.cellDeg = cellDeg;
    for (let i = 0; i < graph.lon.length; i++) {
      if (!graph.reachable[i]) continue;
      const key = this.key(Math.floor(graph.lon[i] / cellDeg), Math.floor(graph.lat[i] / cellDeg));
      let list = this.cells.get(key);
      if (!list) this.cells.set(key, (list = []));
      list.push(i);
    }
  }

  private key(cx: number, cy: number): string {
    return `${cx}:${cy}`;
  }

  /** Nearest reachable node, or null when the graph has none. */
  nearest(lon: number, lat: number): Snap | null {
    if (this.cells.size === 0) return null;
    const cx = Math.floor(lon / this.cellDeg);
    const cy = Math.floor(lat / this.cellDeg);
    let best: Snap | null = null;
    // A cell is ≥ ~100 m wide; once a ring's inner edge is farther than the best hit we can stop.
    const cellM = this.cellDeg * 111_000 * Math.cos((lat * Math.PI) / 180);
    for (let r = 0; r < 2000; r++) {
      if (best && (r - 1) * cellM > best.distanceM) break;
      for (let dx = -r; dx <= r; dx++) {
        for (let dy = -r; dy <= r; dy++) {
          if (Math.max(Math.abs(dx), Math.abs(dy)) !== r) continue;
          const list = this.cells.get(this.key(cx + dx, cy + dy));
          if (!list) continue;
          for (const i of list) {
            const d = haversineM(lon, lat, this.graph.lon[i], this.graph.lat[i]);
            if (!best || d < best.distanceM) best = { node: i, distanceM: d };
          }
        }
      }
    }
    return best;
  }
}
