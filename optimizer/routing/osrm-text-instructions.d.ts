// osrm-text-instructions ships no types; this covers the part the routing layer calls.
declare module 'osrm-text-instructions' {
  interface CompileOptions {
    legCount?: number;
    legIndex?: number;
    waypointName?: string;
  }
  interface TextInstructions {
    compile(language: string, step: object, options?: CompileOptions): string;
  }
  function osrmTextInstructions(version: 'v5'): TextInstructions;
  export default osrmTextInstructions;
}
