/**
 * The contract of a local-search operator (as in VROOM and PyVRP): what the move gains
 * (`evaluate`, no mutation; Infinity when not valid) and doing it (`apply`). `u` is a job, `v` a
 * granular neighbour of it; both are assigned.
 */
export interface Operator {
  readonly name: string;
  evaluate(u: number, v: number): number;
  apply(u: number, v: number): void;
}
