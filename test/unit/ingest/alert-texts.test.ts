/** Alert texts: raised as a code plus parameters, rendered in Dutch and English from one catalog. */
import { describe, expect, it } from 'vitest';
import { alertChanges } from '../../../ingest/pipeline/alert-rules.ts';
import type { ReadingRow } from '../../../ingest/pipeline/prepare-batch.ts';
import type { SensorInfo } from '../../../ingest/store/sensor-registry.ts';
import { ALERT_TEXTS, renderAlertText } from '../../../ingest/contracts/alert-texts.ts';
import { NO_FLAGS, alertTextOf, type DecodedReading } from '../../../ingest/contracts/index.ts';
import { LANGUAGES } from '../../../platform/i18n.ts';

const sensor: SensorInfo = {
  tenantId: 'demo', sensorId: 'S00307', containerId: 'C00307', emptyDistanceMm: 1500, fullDistanceMm: 300, reportingIntervalS: 3600, mustFill: 0.8,
};
const row = (fillLevel: number, over: Partial<DecodedReading> = {}, s: SensorInfo = sensor): ReadingRow => ({
  topic: 't', payload: Buffer.alloc(0), fillLevel, sensor: s,
  reading: { tenantId: 'demo', sensorId: s.sensorId, time: '2026-12-01T10:00:00.000Z', flags: { ...NO_FLAGS }, ...over },
});

describe('alert texts', () => {
  it('raises a full container as code alert.full with its figures, and renders it in both languages', () => {
    const [full] = alertChanges([row(0.82)]).raise;
    expect(full!.text).toEqual({ code: 'alert.full', params: { containerId: 'C00307', sensorId: 'S00307', fillPct: 82, thresholdPct: 80 } });
    expect(full!.message).toBe('Container C00307 (sensor S00307) is 82 % full (must-collect threshold 80 %)');
    expect(renderAlertText(full!.text, 'nl')).toBe('Container C00307 (sensor S00307) is 82 % vol (drempel voor verplicht legen 80 %)');
  });

  it('says where without a container, and writes numbers the Dutch way', () => {
    const loose = { ...sensor, containerId: null };
    const [fire] = alertChanges([row(0.1, { flags: { ...NO_FLAGS, fire: true }, temperatureC: 71.5 }, loose)]).raise;
    expect(fire!.text.code).toBe('alert.fire.temperature');
    expect(renderAlertText(fire!.text, 'en')).toBe('Fire alarm at sensor S00307 (71.5 °C)');
    expect(renderAlertText(fire!.text, 'nl')).toBe('Brandalarm bij sensor S00307 (71,5 °C)');
    const [battery] = alertChanges([row(0.1, { batteryPct: 9 })]).raise;
    expect(renderAlertText(battery!.text, 'nl')).toBe('Batterij bijna leeg (9 %) bij container C00307 (sensor S00307)');
  });

  it('has every text in every language, and the Dutch differs from the English', () => {
    for (const [code, texts] of Object.entries(ALERT_TEXTS)) {
      for (const lang of LANGUAGES) expect(texts[lang], `${code} ${lang}`).toBeTruthy();
    }
    const translated = Object.entries(ALERT_TEXTS).filter(([code]) => !['alert.text', 'alert.where.container', 'alert.where.sensor'].includes(code));
    for (const [code, texts] of translated) expect(texts.nl, code).not.toBe(texts.en);
  });

  it('reads an alert stored before texts had codes as its stored message', () => {
    const text = alertTextOf({ message: 'c001 is full', data: { fillLevel: 0.9 } });
    expect(text).toEqual({ code: 'alert.text', params: { text: 'c001 is full' } });
    expect(renderAlertText(text, 'nl')).toBe('c001 is full');
  });
});
