import osrmTextInstructions from 'osrm-text-instructions';

/**
 * Driver text in Dutch and English from an OSRM-shaped step. The built-in router produces steps of
 * the same shape (depart / turn / new name / arrive with a modifier), so one library serves both.
 */
const compiler = osrmTextInstructions('v5');

export type InstructionLanguage = 'nl' | 'en';

/** The fields of an OSRM v5/v6 RouteStep that osrm-text-instructions reads. */
export interface InstructableStep {
  readonly name: string;
  readonly ref?: string;
  readonly mode?: string;
  readonly destinations?: string;
  readonly exits?: string;
  readonly rotary_name?: string;
  readonly maneuver: {
    readonly type: string;
    readonly modifier?: string;
    readonly bearing_after?: number;
    readonly exit?: number;
  };
  readonly intersections?: readonly object[];
}

export function instructionText(
  step: InstructableStep,
  language: InstructionLanguage,
  legIndex: number,
  legCount: number,
): string {
  try {
    return compiler.compile(language, { mode: 'driving', ...step }, { legIndex, legCount });
  } catch {
    // Unknown maneuver/modifier combinations (new OSRM types) must not break a route: the
    // library's own fallback is a plain turn.
    return compiler.compile(language, { mode: 'driving', name: step.name, maneuver: { type: 'turn', modifier: 'straight' } }, { legIndex, legCount });
  }
}

export function bilingualInstruction(
  step: InstructableStep,
  legIndex: number,
  legCount: number,
): { nl: string; en: string } {
  return {
    nl: instructionText(step, 'nl', legIndex, legCount),
    en: instructionText(step, 'en', legIndex, legCount),
  };
}
