import { Type } from '@sinclair/typebox';
import { Fraction, LonLat, Nullable, Page } from './common.ts';

export const Depot = Type.Object({ id: Type.String(), name: Type.String(), location: LonLat, address: Nullable(Type.String()) });

export const Facility = Type.Object({
  id: Type.String(),
  name: Type.String(),
  location: LonLat,
  address: Nullable(Type.String()),
  fractions: Type.Array(Fraction),
  openingHours: Type.Array(Type.Object({ days: Type.Array(Type.Integer()), open: Type.String(), close: Type.String() })),
  unloadingTimeS: Type.Integer(),
});

export const VehiclePosition = Type.Object({
  location: LonLat,
  time: Type.String({ format: 'date-time' }),
  stopId: Type.String({ format: 'uuid' }),
  event: Type.String(),
});

export const Vehicle = Type.Object({
  id: Type.String(),
  name: Type.String(),
  depotId: Type.String(),
  type: Type.Object({ id: Type.String(), name: Type.String(), capacityKg: Type.Number(), capacityM3: Type.Number(), fractions: Type.Array(Fraction) }),
  shiftStart: Type.String(),
  shiftEnd: Type.String(),
  active: Type.Boolean(),
  lastPosition: Nullable(VehiclePosition),
});

export const DepotPage = Page(Depot);
export const FacilityPage = Page(Facility);
export const VehiclePage = Page(Vehicle);
