/**
 * Dutch RD New (EPSG:28992) ↔ WGS84, defined once: the API projects answers into RD on request,
 * the registry's import readers read RD files. Inside the system everything is [lon, lat] WGS84.
 */
import proj4 from 'proj4';

// RD New with the datum shift towards WGS84 (towgs84 7-parameter set published by NSGI/EPSG).
proj4.defs(
  'EPSG:28992',
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel ' +
    '+towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs',
);

const rd = proj4('EPSG:4326', 'EPSG:28992');

/** [lon, lat] → RD [x, y] in metres. */
export function wgs84ToRd(lonLat: readonly number[]): [number, number] {
  const [x, y] = rd.forward([lonLat[0]!, lonLat[1]!]);
  return [x!, y!];
}

/** RD [x, y] in metres → [lon, lat]. */
export function rdToWgs84(xy: readonly number[]): [number, number] {
  const [lon, lat] = rd.inverse([xy[0]!, xy[1]!]);
  return [lon!, lat!];
}
