/** Dutch names of the codes the admin page shows (the API speaks in codes). */

export const CONTAINER_STATUS_LABELS = /** @type {Record<string, string>} */ ({
  ok: 'In orde',
  full: 'Vol',
  overflow: 'Overvol',
  fire: 'Brand',
  tilt: 'Gekanteld',
  unknown: 'Onbekend',
});

export const CONTAINER_TYPE_LABELS = /** @type {Record<string, string>} */ ({ underground: 'Ondergronds', street: 'Bovengronds' });

/** ISO weekdays, 1 = Monday. */
export const WEEKDAYS = [
  { day: 1, short: 'ma', name: 'maandag' },
  { day: 2, short: 'di', name: 'dinsdag' },
  { day: 3, short: 'wo', name: 'woensdag' },
  { day: 4, short: 'do', name: 'donderdag' },
  { day: 5, short: 'vr', name: 'vrijdag' },
  { day: 6, short: 'za', name: 'zaterdag' },
  { day: 7, short: 'zo', name: 'zondag' },
];

/** What an import file may hold and in which formats (the first: from the file name). */
export const IMPORT_KINDS = [
  { kind: 'containers', label: 'Containers', formats: ['geojson', 'csv', 'amsterdam', 'ngsi-ld'] },
  { kind: 'sensors', label: 'Sensoren', formats: ['csv', 'json'] },
  { kind: 'vehicle-types', label: 'Wagentypen', formats: ['csv', 'json'] },
  { kind: 'vehicles', label: 'Wagens', formats: ['csv', 'json'] },
  { kind: 'depots', label: 'Depots', formats: ['csv', 'json'] },
  { kind: 'facilities', label: 'Overslaglocaties', formats: ['csv', 'json'] },
];

export const FORMAT_LABELS = /** @type {Record<string, string>} */ ({
  geojson: 'GeoJSON',
  csv: 'CSV',
  amsterdam: 'Amsterdam (huishoudelijk afval)',
  'ngsi-ld': 'NGSI-LD WasteContainer',
  json: 'JSON',
});

export const IMPORT_STATUS_LABELS = /** @type {Record<string, string>} */ ({
  queued: 'In de wachtrij',
  running: 'Bezig',
  completed: 'Klaar',
  failed: 'Mislukt',
});

export const INTEGRATION_STATUS_LABELS = /** @type {Record<string, string>} */ ({
  connecting: 'Verbinden…',
  connected: 'Verbonden',
  disconnected: 'Niet verbonden',
  error: 'Fout',
});

export const INTEGRATION_KIND_LABELS = /** @type {Record<string, string>} */ ({
  'things-stack': 'The Things Stack',
  chirpstack: 'ChirpStack',
  'own-broker': 'Eigen broker',
});

/** The fields an import report names (the API's names), in Dutch; an unknown one is shown as is. */
export const FIELD_LABELS = /** @type {Record<string, string>} */ ({
  id: 'id',
  fraction: 'fractie',
  volumeM3: 'volume',
  lon: 'lengtegraad',
  lat: 'breedtegraad',
  x: 'x (RD)',
  y: 'y (RD)',
  location: 'ligging',
  type: 'soort',
  containerType: 'containertype',
  address: 'adres',
  serviceTimeS: 'ledigingstijd',
  active: 'in gebruik',
  file: 'bestand',
  containerId: 'container',
  model: 'model',
});
