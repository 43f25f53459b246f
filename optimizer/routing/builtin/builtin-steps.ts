import { bilingualInstruction } from '../instructions.ts';
import type { InstructableStep } from '../instructions.ts';
import type { RouteLeg, RouteStep } from '../types.ts';
import { bearingDeg } from './geo.ts';
import type { RoadNetwork } from './road-network.ts';
import type { RoadSnap } from './snap-index.ts';

/**
 * Turns a leg's path into geometry and simple steps: a new step wherever the road name changes,
 * with a turn modifier from the change of bearing. No lanes, no roundabout exits: OSRM gives
 * those; this is enough for a driver to follow a built-in route.
 */
export interface PathPiece {
  readonly segment: number;
  readonly from: readonly [number, number];
  readonly to: readonly [number, number];
  readonly durationS: number;
  readonly lengthM: number;
  /** Graph node at the piece's end, -1 when it ends at a snapped point. */
  readonly toNode: number;
}

export interface LegPath {
  readonly pieces: PathPiece[];
  readonly from: RoadSnap;
  readonly to: RoadSnap;
}

/** Pieces of a leg: partial first segment, whole arcs, partial last segment. */
export function piecesOfPath(
  network: RoadNetwork, from: RoadSnap, to: RoadSnap, nodes: readonly number[], arcs: readonly number[],
  first: { durationS: number; lengthM: number }, last: { durationS: number; lengthM: number },
): PathPiece[] {
  const at = (node: number): [number, number] => [network.nodeLon[node], network.nodeLat[node]];
  const pieces: PathPiece[] = [];
  if (nodes.length === 0) {
    pieces.push({ segment: from.segment, from: [from.lon, from.lat], to: [to.lon, to.lat], durationS: first.durationS, lengthM: first.lengthM, toNode: -1 });
    return pieces;
  }
  pieces.push({ segment: from.segment, from: [from.lon, from.lat], to: at(nodes[0]), durationS: first.durationS, lengthM: first.lengthM, toNode: nodes[0] });
  arcs.forEach((arc, k) => {
    pieces.push({
      segment: network.forward.segment[arc],
      from: at(nodes[k]),
      to: at(nodes[k + 1]),
      durationS: network.forward.durationS[arc],
      lengthM: network.forward.lengthM[arc],
      toNode: nodes[k + 1],
    });
  });
  pieces.push({ segment: to.segment, from: at(nodes[nodes.length - 1]), to: [to.lon, to.lat], durationS: last.durationS, lengthM: last.lengthM, toNode: -1 });
  return pieces.filter((piece) => piece.lengthM > 0.05);
}

export function legGeometry(leg: LegPath): [number, number][] {
  const coordinates: [number, number][] = [[leg.from.lon, leg.from.lat]];
  for (const piece of leg.pieces) {
    const previous = coordinates[coordinates.length - 1];
    if (previous[0] !== piece.from[0] || previous[1] !== piece.from[1]) coordinates.push([piece.from[0], piece.from[1]]);
    coordinates.push([piece.to[0], piece.to[1]]);
  }
  const end = coordinates[coordinates.length - 1];
  if (end[0] !== leg.to.lon || end[1] !== leg.to.lat) coordinates.push([leg.to.lon, leg.to.lat]);
  return coordinates;
}

export function legSteps(network: RoadNetwork, leg: LegPath, legIndex: number, legCount: number): RouteLeg {
  const groups: PathPiece[][] = [];
  for (const piece of leg.pieces) {
    const current = groups[groups.length - 1];
    if (current && sameRoad(network, current[0].segment, piece.segment)) current.push(piece);
    else groups.push([piece]);
  }
  const steps: RouteStep[] = [];
  const make = (step: InstructableStep, location: readonly [number, number], before: number, after: number, pieces: PathPiece[]): RouteStep => ({
    distanceM: sum(pieces, 'lengthM'),
    durationS: sum(pieces, 'durationS'),
    name: step.name,
    maneuver: { type: step.maneuver.type, modifier: step.maneuver.modifier, location, bearingBefore: before, bearingAfter: after },
    instruction: bilingualInstruction(step, legIndex, legCount),
  });
  groups.forEach((pieces, g) => {
    const name = network.names[network.segName[pieces[0].segment]];
    const after = pieceBearing(pieces[0]);
    if (g === 0) {
      steps.push(make({ name, maneuver: { type: 'depart', bearing_after: after } }, pieces[0].from, 0, after, pieces));
      return;
    }
    const previous = groups[g - 1];
    const before = pieceBearing(previous[previous.length - 1]);
    const modifier = turnModifier(before, after);
    const next = groups[g + 1];
    if (network.segRoundabout[pieces[0].segment] && next) {
      // OSRM style: the roundabout step names the road taken at the exit it counts.
      const exitName = network.names[network.segName[next[0].segment]];
      steps.push(make({ name: exitName, maneuver: { type: 'roundabout', modifier, exit: roundaboutExit(network, pieces), bearing_after: after } }, pieces[0].from, before, after, pieces));
      return;
    }
    const leavesRoundabout = network.segRoundabout[previous[0].segment] === 1;
    const type = leavesRoundabout ? 'exit roundabout' : modifier === 'straight' ? 'new name' : 'turn';
    steps.push(make({ name, maneuver: { type, modifier, bearing_after: after } }, pieces[0].from, before, after, pieces));
  });
  const lastGroup = groups[groups.length - 1];
  const lastName = lastGroup ? network.names[network.segName[lastGroup[0].segment]] : '';
  const arriveBearing = lastGroup ? pieceBearing(lastGroup[lastGroup.length - 1]) : 0;
  steps.push(make({ name: lastName, maneuver: { type: 'arrive', bearing_after: 0 } }, [leg.to.lon, leg.to.lat], arriveBearing, 0, []));
  return { distanceM: sum(leg.pieces, 'lengthM'), durationS: sum(leg.pieces, 'durationS'), steps };
}

/** OSRM's modifier vocabulary from the signed change of heading (positive = to the right). */
export function turnModifier(bearingBefore: number, bearingAfter: number): string {
  const angle = ((bearingAfter - bearingBefore + 540) % 360) - 180;
  const magnitude = Math.abs(angle);
  if (magnitude < 25) return 'straight';
  if (magnitude >= 165) return 'uturn';
  const side = angle > 0 ? 'right' : 'left';
  if (magnitude < 60) return `slight ${side}`;
  if (magnitude < 130) return side;
  return `sharp ${side}`;
}

/** Same step: same name, and both on or both off a roundabout. */
function sameRoad(network: RoadNetwork, a: number, b: number): boolean {
  return network.segName[a] === network.segName[b] && network.segRoundabout[a] === network.segRoundabout[b];
}

/** Exit number taken: 1 + roads leaving the roundabout at the nodes passed before the exit. */
function roundaboutExit(network: RoadNetwork, pieces: readonly PathPiece[]): number {
  let passed = 0;
  for (let k = 0; k < pieces.length - 1; k++) {
    const node = pieces[k].toNode;
    if (node < 0) continue;
    const { firstArc, segment } = network.forward;
    for (let arc = firstArc[node]; arc < firstArc[node + 1]; arc++) {
      if (!network.segRoundabout[segment[arc]]) {
        passed++;
        break;
      }
    }
  }
  return passed + 1;
}

function pieceBearing(piece: PathPiece): number {
  return bearingDeg(piece.from[0], piece.from[1], piece.to[0], piece.to[1]);
}

function sum(pieces: readonly PathPiece[], key: 'lengthM' | 'durationS'): number {
  let total = 0;
  for (const piece of pieces) total += piece[key];
  return total;
}
