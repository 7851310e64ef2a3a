import { describe, expect, it } from 'vitest';
import Decimal from 'decimal.js';
import { assertRupiah, D, dec, decString, percent, roundRupiah, sumRupiah } from '../../../../electron/domain/loan';

describe('roundRupiah', () => {
  it.each([
    ['0.5', 1, 0],
    ['1.5', 2, 1],
    ['2.4999999999999999999999', 2, 2],
    ['2.5', 3, 2],
    ['2.9999', 3, 2],
    ['344444.4444', 344444, 344444],
    ['10000.5', 10001, 10000],
    ['7', 7, 7],
    ['0', 0, 0],
  ])('%s → half_up %d, floor %d', (value, halfUp, floor) => {
    expect(roundRupiah(dec(value), 'half_up')).toBe(halfUp);
    expect(roundRupiah(dec(value), 'floor')).toBe(floor);
  });

  it('defaults to half_up', () => {
    expect(roundRupiah(dec('99.5'))).toBe(100);
  });

  it('rounds negatives half away from zero, floor towards −∞, and never returns -0', () => {
    expect(roundRupiah(dec('-0.5'), 'half_up')).toBe(-1);
    expect(roundRupiah(dec('-0.1'), 'floor')).toBe(-1);
    expect(Object.is(roundRupiah(dec('-0.4'), 'half_up'), 0)).toBe(true);
  });

  it('accepts a Decimal from another constructor and refuses an unknown rule or an unsafe result', () => {
    expect(roundRupiah(new Decimal('12.5'), 'half_up')).toBe(13);
    expect(() => roundRupiah(dec('1'), 'ceil' as never)).toThrow(RangeError);
    expect(() => roundRupiah(dec('100000000000000000000'))).toThrow(RangeError);
  });
});

describe('dec and percent', () => {
  it('takes decimal strings and safe integers exactly', () => {
    expect(dec('11.5').times(3).toString()).toBe('34.5');
    expect(dec(' 0.1 ').plus('0.2').eq('0.3')).toBe(true);
    expect(dec(1_000_000).toString()).toBe('1000000');
  });

  it('refuses floats, exponents and junk', () => {
    expect(() => dec(0.1)).toThrow(RangeError);
    expect(() => dec('1e5')).toThrow(RangeError);
    expect(() => dec('11,5')).toThrow(RangeError);
    expect(() => dec('abc')).toThrow(RangeError);
    expect(() => dec(new Decimal(Infinity))).toThrow(RangeError);
  });

  it('keeps percentages within 0–100', () => {
    expect(percent('0').isZero()).toBe(true);
    expect(percent('100').toString()).toBe('100');
    expect(() => percent('-1')).toThrow(RangeError);
    expect(() => percent('100.01')).toThrow(RangeError);
  });

  it('prints plain digits, never exponent notation', () => {
    expect(decString(new D('1').div(3))).toBe('0.3333333333333333333333333333333333333333');
    expect(decString(new D('123456789012345678901234567890'))).toBe('123456789012345678901234567890');
    expect(decString(new D('0.0000000001'))).toBe('0.0000000001');
  });
});

describe('sumRupiah / assertRupiah', () => {
  it('sums integers and refuses fractions or overflow', () => {
    expect(sumRupiah([1, 2, 3_000_000_000_000])).toBe(3_000_000_000_003);
    expect(sumRupiah([])).toBe(0);
    expect(() => sumRupiah([1.5])).toThrow(RangeError);
    expect(() => sumRupiah([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
    expect(() => assertRupiah(Number.NaN)).toThrow(RangeError);
  });
});
