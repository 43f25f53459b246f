/**
 * The texts of alerts: stored and published as a code plus parameters, rendered in the tenant's
 * language where a person reads them (the API, the console). The English rendering is also kept in
 * `alerts.message` for logs and for readers that know no codes.
 */
import { defineMessages, renderMessage, type Language, type MessageParams } from '../../platform/i18n.ts';

export const ALERT_TEXTS = defineMessages({
  'alert.fire': { en: 'Fire alarm at {where}', nl: 'Brandalarm bij {where}' },
  'alert.fire.temperature': { en: 'Fire alarm at {where} ({temperatureC} °C)', nl: 'Brandalarm bij {where} ({temperatureC} °C)' },
  'alert.tilt': { en: 'Sensor tilted or dropped at {where}', nl: 'Sensor gekanteld of gevallen bij {where}' },
  'alert.battery_low': { en: 'Battery low ({batteryPct} %) at {where}', nl: 'Batterij bijna leeg ({batteryPct} %) bij {where}' },
  'alert.full': {
    en: '{where} is {fillPct} % full (must-collect threshold {thresholdPct} %)',
    nl: '{where} is {fillPct} % vol (drempel voor verplicht legen {thresholdPct} %)',
  },
  'alert.overflow': { en: '{where} is overflowing ({fillPct} %)', nl: '{where} loopt over ({fillPct} %)' },
  'alert.silent': { en: '{where} silent for more than {intervals} reporting intervals', nl: '{where} al meer dan {intervals} meldintervallen stil' },
  'alert.sensor_fault': { en: 'Sensor fault at {where}', nl: 'Sensorstoring bij {where}' },
  // an alert stored before texts had codes: its English message as it is
  'alert.text': { en: '{text}', nl: '{text}' },
  // where it happened, part of every text above
  'alert.where.container': { en: 'container {containerId} (sensor {sensorId})', nl: 'container {containerId} (sensor {sensorId})' },
  'alert.where.sensor': { en: 'sensor {sensorId}', nl: 'sensor {sensorId}' },
});

export type AlertTextCode = Exclude<keyof typeof ALERT_TEXTS, `alert.where.${string}`>;

/** Parameters of an alert text: where (containerId, sensorId) and the figures of its code. */
export type AlertTextParams = Readonly<Record<string, string | number | null>>;

export interface AlertText {
  code: AlertTextCode;
  params: AlertTextParams;
}

/** One alert's text in a language; the place (container or sensor) is rendered into `{where}`. */
export function renderAlertText(text: { code: string; params: MessageParams }, lang: Language): string {
  const { containerId, sensorId } = text.params;
  const where = renderMessage(ALERT_TEXTS, containerId ? 'alert.where.container' : 'alert.where.sensor', lang, { containerId, sensorId });
  const rendered = renderMessage(ALERT_TEXTS, text.code, lang, { ...text.params, where });
  // a text may open with {where} ("container …"); a stored message passes through as it is
  return text.code === 'alert.text' ? rendered : rendered.charAt(0).toUpperCase() + rendered.slice(1);
}
