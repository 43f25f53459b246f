import type { Problem } from '../../model/problem.ts';

/** One benchmark instance read from a file, as an optimizer problem. */
export interface BenchInstance {
  readonly name: string;
  readonly problem: Problem;
}
