/**
 * The pure container readers on fixture files written for them: semicolons with decimal commas,
 * RD coordinates (declared and swapped), swapped lon/lat, unknown fraction codes, volume not
 * positive, unreadable numbers, empty files, the Amsterdam layout and NGSI-LD in both
 * representations — including what the product's own exporter emits.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readContainerCsv } from '../../../registry/readers/container-csv-reader.ts';
import { readContainerGeoJson } from '../../../registry/readers/geojson-reader.ts';
import { readAmsterdam } from '../../../registry/readers/amsterdam-reader.ts';
import { readNgsiLd } from '../../../registry/readers/ngsi-ld-reader.ts';
import { parseNumber } from '../../../registry/readers/cell-values.ts';
import { readTenantSettings } from '../../../registry/tenant-settings.ts';
import { toNgsiWasteContainer } from '../../../api/geo/ngsi-ld.ts';
import type { ContainerRow } from '../../../api/routes/containers.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const AMSTERDAM = { settings: readTenantSettings({ area: [4.72, 52.27, 5.08, 52.44] }) };
const MAP = { id: 'objectnummer', fraction: 'fractie', volume_m3: 'inhoud_m3', lon: 'lengtegraad', lat: 'breedtegraad', address: 'straat', type: 'soort' };

describe('numbers as municipalities write them', () => {
  it('reads decimal points and commas, thousands separators, and refuses the rest', () => {
    expect([parseNumber('5,0'), parseNumber('1.234,5'), parseNumber('1,234.5'), parseNumber(' 3 '), parseNumber(7)]).toEqual([5, 1234.5, 1234.5, 3, 7]);
    expect([parseNumber('4,88x'), parseNumber(''), parseNumber('1,2,3'), parseNumber('abc')]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('CSV with a column mapping', () => {
  const result = readContainerCsv(fixture('containers-semicolon.csv'), { map: MAP }, AMSTERDAM);

  it('reads semicolons with decimal commas', () => {
    expect(result.rows.map((r) => r.value)).toEqual([
      { id: 'AMS-001', location: [4.8952, 52.3702], fraction: 'residual', volumeM3: 5, type: 'underground', containerType: 'Ondergronds 5m3', address: 'Dam', active: true },
      { id: 'AMS-002', location: [4.9041, 52.3676], fraction: 'paper', volumeM3: 3.5, type: 'underground', containerType: 'ondergronds', address: 'Nieuwmarkt', active: true },
    ]);
    expect(result.rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it('names row, field and reason of every bad row', () => {
    expect(result.errors).toEqual([
      { row: 4, field: 'location', reason: "lon and lat swapped? [52.3731, 4.8926] is outside the tenant's area, [4.8926, 52.3731] is inside", id: 'AMS-003' },
      { row: 5, field: 'fraction', reason: 'unknown fraction code "asbest"', id: 'AMS-004' },
      { row: 6, field: 'volumeM3', reason: 'volume not positive (0)', id: 'AMS-005' },
      { row: 7, field: 'lon', reason: 'unreadable number "4,88x"', id: 'AMS-006' },
    ]);
  });

  it('rejects a point outside the area and a mapping naming a missing column', () => {
    const far = readContainerCsv('id,fraction,volume_m3,lon,lat\nX,rest,1,5.5,51.4\n', {}, AMSTERDAM);
    expect(far.errors).toEqual([{ row: 2, field: 'location', reason: "[5.5, 51.4] is outside the tenant's area [4.72, 52.27, 5.08, 52.44]", id: 'X' }]);
    const unmapped = readContainerCsv('id,fraction\n', { map: { volume_m3: 'inhoud' } }, AMSTERDAM);
    expect(unmapped.errors[0]).toMatchObject({ row: 1, field: 'file' });
    const mapped = readContainerCsv('id,fraction\nX,rest\n', { map: { volume_m3: 'inhoud' } }, AMSTERDAM);
    expect(mapped.errors).toEqual([{ row: 1, field: 'volumeM3', reason: 'column inhoud (from --map) is not in the header: id, fraction' }]);
  });

  it('reads RD x/y columns', () => {
    const rd = readContainerCsv('id;fraction;volume_m3;x;y\nR1;glas;3;121394,0;487383,0\n', {}, AMSTERDAM);
    expect(rd.errors).toEqual([]);
    const [lon, lat] = rd.rows[0]!.value.location;
    expect(lon).toBeCloseTo(4.8936, 3);
    expect(lat).toBeCloseTo(52.3731, 3);
  });

  it('says so for an empty file or one with only a header', () => {
    expect(readContainerCsv('', {}, AMSTERDAM).errors).toEqual([{ row: 0, field: 'file', reason: 'empty file' }]);
    expect(readContainerCsv('id;fraction\n', {}, AMSTERDAM).errors).toEqual([{ row: 1, field: 'file', reason: 'no rows after the header' }]);
  });
});

describe('GeoJSON', () => {
  it('reads RD New when the file says so, and recognises swapped x/y and non-points', () => {
    const r = readContainerGeoJson(fixture('containers-rd.geojson'), {}, AMSTERDAM);
    expect(r.rows.map((x) => x.value.id)).toEqual(['RD-1', 'RD-2']);
    expect(r.rows[0]!.value.location[0]).toBeCloseTo(4.8936, 3);
    expect(r.rows[0]!.value).toMatchObject({ fraction: 'residual', volumeM3: 5, address: 'Dam 1' });
    expect(r.errors).toEqual([
      { row: 3, field: 'location', reason: 'x and y swapped? (487383, 121394) is not in RD New; (121394, 487383) is', id: 'RD-3' },
      { row: 4, field: 'geometry', reason: 'not a Feature with a Point geometry' },
    ]);
  });

  it('reads RD when --crs says so and the file does not, and refuses RD metres read as lon/lat', () => {
    const doc = JSON.parse(fixture('containers-rd.geojson'));
    delete doc.crs;
    const asked = readContainerGeoJson(JSON.stringify(doc), { crs: 'EPSG:28992' }, AMSTERDAM);
    expect(asked.rows).toHaveLength(2);
    const unasked = readContainerGeoJson(JSON.stringify(doc), {}, AMSTERDAM);
    expect(unasked.errors[0]).toMatchObject({ row: 1, field: 'location', reason: '(121394, 487383) looks like RD New metres, not lon/lat: give --crs EPSG:28992' });
  });

  it('says so for an empty collection or a file that is not GeoJSON', () => {
    expect(readContainerGeoJson('{"type":"FeatureCollection","features":[]}', {}, AMSTERDAM).errors[0]!.reason).toMatch(/^empty file/);
    expect(readContainerGeoJson('', {}, AMSTERDAM).errors).toEqual([{ row: 0, field: 'file', reason: 'empty file' }]);
    expect(readContainerGeoJson('{"type":', {}, AMSTERDAM).errors[0]!.reason).toMatch(/^not JSON/);
  });
});

describe('Amsterdam container registry layout', () => {
  const r = readAmsterdam(fixture('amsterdam.csv'), {}, AMSTERDAM);

  it('maps fraction codes, type and volume, status (only actief is planned), WGS84 or RD, street name', () => {
    expect(r.rows.map((x) => x.value)).toEqual([
      { id: '1001', location: [4.8952, 52.3702], fraction: 'residual', volumeM3: 5, type: 'underground', containerType: 'Ondergronds Rest 5m3', address: 'Dam', active: true },
      expect.objectContaining({ id: '1002', fraction: 'paper', volumeM3: 3, address: 'Nieuwmarkt', active: true }),
      { id: '1003', location: [4.9, 52.365], fraction: 'glass', volumeM3: 3, type: 'street', containerType: 'Bovengronds Glas', address: 'Waterlooplein', active: false },
      expect.objectContaining({ id: '1004', fraction: 'organic', active: false }),
    ]);
    expect(r.rows[1]!.value.location[0]).toBeCloseTo(4.9024, 3);
  });

  it('rejects fraction codes the product does not collect and unknown statuses, naming the registry column', () => {
    expect(r.errors).toEqual([
      { row: 6, field: 'container_afvalfractie', reason: 'unknown fraction code "7"', id: '1005' },
      { row: 7, field: 'container_afvalfractie', reason: 'unknown fraction code "-99"', id: '1006' },
      { row: 8, field: 'container_status', reason: 'unknown status "5" (0 inactief, 1 actief, 2 gepland)', id: '1007' },
    ]);
  });

  it('reads the same registry as GeoJSON', () => {
    const doc = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [4.8952, 52.3702] }, properties: { container_id: 1001, container_status: 1, container_afvalfractie: 3, containertype_volume_m3: 4, containertype_naam: 'Ondergronds', bag_openbareruimte_naam: 'Dam' } }] };
    expect(readAmsterdam(JSON.stringify(doc), {}, AMSTERDAM).rows[0]!.value).toMatchObject({ id: '1001', fraction: 'paper', volumeM3: 4, location: [4.8952, 52.3702] });
  });
});

describe('NGSI-LD WasteContainer', () => {
  it('reads keyValues: wasteFraction first, else storedWasteKind; volume from volumeM3 or cargoVolume', () => {
    const r = readNgsiLd(fixture('ngsi-keyvalues.json'), {}, AMSTERDAM);
    expect(r.rows.map((x) => x.value)).toEqual([
      { id: 'KV-1', location: [4.8952, 52.3702], fraction: 'paper', volumeM3: 3, type: 'underground', containerType: null, address: 'Dam 2', active: true },
      { id: 'KV-2', location: [4.9, 52.37], fraction: 'pmd', volumeM3: 4, type: 'underground', containerType: null, address: null, active: true },
    ]);
    expect(r.errors).toEqual([
      { row: 3, field: 'storedWasteKind', reason: 'unknown fraction {"storedWasteKind":"batteries"}', id: 'KV-3' },
      { row: 4, field: 'type', reason: 'not a WasteContainer entity (WasteContainerModel)' },
    ]);
  });

  it("round-trips what the product's own exporter emits (normalized), with a default volume when it carries none", () => {
    const rows: ContainerRow[] = (['residual', 'paper', 'glass', 'pmd', 'organic', 'textile'] as const).map((fraction, i) => ({
      id: `C${i}`, lon: 4.89 + i / 1000, lat: 52.37, address: i === 0 ? 'Dam 3' : null, fraction, volume_m3: 3, type: 'underground', active: true,
      sensor_id: null, fill_level: 0.5, measured_at: new Date(0), status: 'ok', battery_pct: null, last_emptied_at: null, flags: 0,
    }));
    const exported = JSON.stringify(rows.map((r) => toNgsiWasteContainer('amsterdam', r)));
    const r = readNgsiLd(exported, { defaultVolumeM3: 2.5 }, AMSTERDAM);
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => [x.value.id, x.value.fraction, x.value.volumeM3])).toEqual(rows.map((c) => [c.id, c.fraction, 2.5]));
    expect(r.rows[0]!.value).toMatchObject({ location: [4.89, 52.37], address: 'Dam 3' });
    const noVolume = readNgsiLd(exported, {}, AMSTERDAM);
    expect(noVolume.errors[0]).toEqual({ row: 1, field: 'volumeM3', reason: 'missing (or give a default volume)', id: 'C0' });
  });
});
