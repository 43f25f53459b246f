/**
 * The directions a driver reads for one stop: the router's turn-by-turn steps of the leg that ends
 * there, with the arrival said as the stop itself ("Bestemming bereikt: container C01, Place du
 * Casino 1, aan de rechterkant") instead of the router's count of waypoints ("U bent gearriveerd op
 * uw 2e bestemming"), which means nothing on a route of a hundred containers. Done here, where the
 * stop's container and address are known; the stored legs keep the router's own text.
 */
import type { RouteLeg } from '../optimizer/routing/index.ts';

export type Language = 'nl' | 'en';

export interface StopForInstructions {
  kind: string;
  containerId: string | null;
  facilityId: string | null;
  address: string | null;
}

const TEXT = {
  nl: { reached: 'Bestemming bereikt', container: 'container', unload: 'losplaats', depot: 'depot', left: 'aan de linkerkant', right: 'aan de rechterkant', straight: 'recht vooruit' },
  en: { reached: 'Destination reached', container: 'container', unload: 'unloading site', depot: 'depot', left: 'on the left', right: 'on the right', straight: 'straight ahead' },
} as const;

function side(modifier: string | undefined, lang: Language): string | null {
  if (!modifier) return null;
  if (modifier.endsWith('left')) return TEXT[lang].left;
  if (modifier.endsWith('right')) return TEXT[lang].right;
  return modifier === 'straight' ? TEXT[lang].straight : null;
}

/** "Bestemming bereikt: container C01, Place du Casino 1, aan de rechterkant". */
export function arrivalInstruction(stop: StopForInstructions, modifier: string | undefined, lang: Language): string {
  const t = TEXT[lang];
  const what =
    stop.kind === 'job' ? `${t.container} ${stop.containerId ?? ''}`.trim()
    : stop.kind === 'unload' ? `${t.unload} ${stop.facilityId ?? ''}`.trim()
    : stop.kind === 'end' || stop.kind === 'start' ? t.depot
    : null;
  const parts = [what, stop.address, side(modifier, lang)].filter((p): p is string => Boolean(p));
  return parts.length ? `${t.reached}: ${parts.join(', ')}` : t.reached;
}

/** The leg's instructions in one language, its arrival phrased as this stop. */
export function stopInstructions(leg: RouteLeg | undefined, stop: StopForInstructions, lang: Language): string[] {
  if (!leg) return [];
  return leg.steps
    .map((st) => (st.maneuver?.type === 'arrive' ? arrivalInstruction(stop, st.maneuver.modifier, lang) : st.instruction[lang]))
    .filter(Boolean);
}
