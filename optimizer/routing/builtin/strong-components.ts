import type { Csr } from './road-network.ts';

/**
 * Marks the nodes of the largest strongly connected component (Kosaraju, iterative so that a
 * long road does not overflow the call stack). A container snapped outside it (a car park whose
 * one-way exit is missing in OSM) could be reached but never left, so routing snaps to it only.
 */
export function largestStrongComponent(nodeCount: number, forward: Csr, backward: Csr): Uint8Array {
  const order = finishOrder(nodeCount, forward);
  const component = new Int32Array(nodeCount).fill(-1);
  const sizes: number[] = [];
  const stack = new Uint32Array(nodeCount);
  for (let k = nodeCount - 1; k >= 0; k--) {
    const root = order[k];
    if (component[root] !== -1) continue;
    const id = sizes.length;
    let size = 0;
    let top = 0;
    stack[top++] = root;
    component[root] = id;
    while (top > 0) {
      const node = stack[--top];
      size++;
      for (let arc = backward.firstArc[node]; arc < backward.firstArc[node + 1]; arc++) {
        const next = backward.head[arc];
        if (component[next] === -1) {
          component[next] = id;
          stack[top++] = next;
        }
      }
    }
    sizes.push(size);
  }
  let largest = 0;
  for (let id = 1; id < sizes.length; id++) if (sizes[id] > sizes[largest]) largest = id;
  const inLargest = new Uint8Array(nodeCount);
  for (let node = 0; node < nodeCount; node++) if (component[node] === largest) inLargest[node] = 1;
  return inLargest;
}

/** Nodes in increasing DFS finish time on the forward graph. */
function finishOrder(nodeCount: number, forward: Csr): Uint32Array {
  const order = new Uint32Array(nodeCount);
  let filled = 0;
  const visited = new Uint8Array(nodeCount);
  const nodeStack = new Uint32Array(nodeCount);
  const arcStack = new Uint32Array(nodeCount);
  for (let root = 0; root < nodeCount; root++) {
    if (visited[root]) continue;
    let top = 0;
    nodeStack[top] = root;
    arcStack[top] = forward.firstArc[root];
    top++;
    visited[root] = 1;
    while (top > 0) {
      const node = nodeStack[top - 1];
      const arc = arcStack[top - 1];
      if (arc < forward.firstArc[node + 1]) {
        arcStack[top - 1] = arc + 1;
        const next = forward.head[arc];
        if (!visited[next]) {
          visited[next] = 1;
          nodeStack[top] = next;
          arcStack[top] = forward.firstArc[next];
          top++;
        }
      } else {
        order[filled++] = node;
        top--;
      }
    }
  }
  return order;
}
