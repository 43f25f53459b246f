// Minimal typing of the autocannon surface the benchmark uses (no @types package is installed).
declare module 'autocannon' {
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
    headers?: Record<string, string>;
    workers?: number;
  }
  interface Percentiles {
    p50: number;
    p90: number;
    p99: number;
    average: number;
    max: number;
  }
  export interface Result {
    errors: number;
    timeouts: number;
    non2xx: number;
    /** responses by status class */
    '2xx': number;
    '3xx': number;
    latency: Percentiles;
    requests: Percentiles & { total: number; sent: number };
    throughput: Percentiles;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
