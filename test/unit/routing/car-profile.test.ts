import { describe, expect, it } from 'vitest';
import { carWayAttributes, parseMaxspeedKmh } from '../../../optimizer/routing/builtin/car-profile.ts';

describe('car profile', () => {
  it('keeps drivable highway classes and drops the rest', () => {
    expect(carWayAttributes({ highway: 'residential' })).toMatchObject({ forward: true, backward: true, speedKmh: 25 });
    for (const highway of ['footway', 'pedestrian', 'steps', 'cycleway', 'path', 'track', 'construction']) {
      expect(carWayAttributes({ highway })).toBeNull();
    }
    expect(carWayAttributes(undefined)).toBeNull();
  });

  it('reads one-way tags, roundabouts and implied motorway direction', () => {
    expect(carWayAttributes({ highway: 'primary', oneway: 'yes' })).toMatchObject({ forward: true, backward: false });
    expect(carWayAttributes({ highway: 'primary', oneway: '-1' })).toMatchObject({ forward: false, backward: true });
    expect(carWayAttributes({ highway: 'primary', junction: 'roundabout' })).toMatchObject({ forward: true, backward: false });
    expect(carWayAttributes({ highway: 'motorway' })).toMatchObject({ forward: true, backward: false });
    expect(carWayAttributes({ highway: 'motorway', oneway: 'no' })).toMatchObject({ forward: true, backward: true });
    expect(carWayAttributes({ highway: 'secondary', oneway: 'reversible' })).toBeNull();
  });

  it('honours access restrictions, most specific tag first', () => {
    expect(carWayAttributes({ highway: 'service', access: 'private' })).toBeNull();
    expect(carWayAttributes({ highway: 'service', access: 'no', motor_vehicle: 'yes' })).not.toBeNull();
    expect(carWayAttributes({ highway: 'residential', motorcar: 'no' })).toBeNull();
  });

  it('uses maxspeed when tagged, the class speed otherwise', () => {
    expect(carWayAttributes({ highway: 'primary', maxspeed: '50' })!.speedKmh).toBe(40);
    expect(carWayAttributes({ highway: 'service', service: 'parking_aisle' })!.speedKmh).toBe(5);
    expect(parseMaxspeedKmh('30 mph')).toBeCloseTo(48.28, 1);
    expect(parseMaxspeedKmh('NL:urban')).toBe(50);
    expect(parseMaxspeedKmh('none')).toBeUndefined();
    expect(parseMaxspeedKmh('signals')).toBeUndefined();
  });

  it('names a way by name, else by ref', () => {
    expect(carWayAttributes({ highway: 'primary', ref: 'D6007' })!.name).toBe('D6007');
    expect(carWayAttributes({ highway: 'primary', name: 'Boulevard', ref: 'D6007' })!.name).toBe('Boulevard');
  });
});
