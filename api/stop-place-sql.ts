/**
 * SQL pieces that find where a route stop is: its container, its unloading site, or, for the
 * start and end, the depot of the route's vehicle. For queries with `routes r` and
 * `route_stops rs` in scope; one definition for every reader of stop locations.
 */
export const STOP_PLACE_JOINS = `
    JOIN vehicles v ON v.tenant_id = r.tenant_id AND v.id = r.vehicle_id
    LEFT JOIN depots d ON d.tenant_id = v.tenant_id AND d.id = v.depot_id AND rs.kind IN ('start', 'end')
    LEFT JOIN containers c ON c.tenant_id = rs.tenant_id AND c.id = rs.container_id
    LEFT JOIN disposal_facilities f ON f.tenant_id = rs.tenant_id AND f.id = rs.facility_id`;

export const STOP_LON_LAT = 'coalesce(c.lon, f.lon, d.lon) AS lon, coalesce(c.lat, f.lat, d.lat) AS lat';
