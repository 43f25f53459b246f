/** The default fleet: crane trucks for underground containers and rear loaders for street bins. */
import type { Fraction, ScenarioVehicle, ScenarioVehicleType } from './types.ts';

export function defaultFleet(fractions: Fraction[], vehicles: number, depotId: string): { vehicleTypes: ScenarioVehicleType[]; vehicles: ScenarioVehicle[] } {
  const vehicleTypes: ScenarioVehicleType[] = [
    { id: 'crane', name: 'Crane truck (underground containers)', capacityKg: 10_000, capacityM3: 22, fractions, compactionFactor: 2.5, costPerKm: 1.2, costPerHour: 65, fixedCost: 150 },
    { id: 'rear-loader', name: 'Rear loader (street bins)', capacityKg: 9_000, capacityM3: 20, fractions, compactionFactor: 3, costPerKm: 1.0, costPerHour: 60, fixedCost: 120 },
  ];
  const list: ScenarioVehicle[] = [];
  for (let i = 0; i < vehicles; i++) {
    const crane = i % 3 !== 2;
    list.push({
      id: `V${String(i + 1).padStart(2, '0')}`,
      name: `${crane ? 'Crane' : 'Rear loader'} ${i + 1}`,
      vehicleTypeId: crane ? 'crane' : 'rear-loader',
      depotId,
      shiftStart: '07:00',
      shiftEnd: '15:30',
    });
  }
  return { vehicleTypes, vehicles: list };
}
