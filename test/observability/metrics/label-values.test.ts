/** Label cleaning: client input becomes short, known-looking, bounded label values. */
import { describe, expect, it } from 'vitest';
import {
  actionLabel,
  boundedValues,
  capLabel,
  codeClassLabel,
  codeLabel,
  fieldLabel,
  routeLabel,
} from '../../../src/observability/metrics/label-values.js';

describe('label values', () => {
  it.each([
    ['DescribeImages', 'DescribeImages'],
    ['A'.repeat(64), 'A'.repeat(64)],
    ['A'.repeat(65), 'invalid'],
    ['', 'invalid'],
    ['Describe Images', 'invalid'],
    ['<script>', 'invalid'],
    ['Describe_Images', 'invalid'],
    ['DescribeImages\n', 'invalid'],
  ])('action %j -> %j', (input, expected) => expect(actionLabel(input)).toBe(expected));

  it('caps callers to 64 characters, never splitting a surrogate pair', () => {
    expect(capLabel('AKIDshort')).toBe('AKIDshort');
    expect(capLabel('')).toBe('unknown');
    expect(capLabel('x'.repeat(100))).toBe('x'.repeat(64));
    const split = capLabel(`${'x'.repeat(63)}😀tail`);
    expect(split).toBe('x'.repeat(63));
    expect(split.charCodeAt(split.length - 1)).toBe(0x78);
  });

  it('accepts only known routes and integer codes', () => {
    expect(routeLabel('passthrough')).toBe('passthrough');
    expect(routeLabel('sideways')).toBe('invalid');
    expect(codeLabel(0)).toBe('0');
    expect(codeLabel(4100)).toBe('4100');
    expect(codeLabel(1.5)).toBe('invalid');
    expect(codeLabel(Number.POSITIVE_INFINITY)).toBe('invalid');
  });

  it.each([
    [0, '0'],
    [4000, '4xxx'],
    [4500, '4xxx'],
    [5100, '5xxx'],
    [6200, '6xxx'],
    [6999, '6xxx'],
    [-1, 'other'],
    [3999, 'other'],
    [7000, 'other'],
    [200, 'other'],
    [Number.NaN, 'invalid'],
    [4000.5, 'invalid'],
  ])('code %d is in class %j', (code, expected) => expect(codeClassLabel(code)).toBe(expected));

  it('drops array indices from field paths', () => {
    expect(fieldLabel('imageSet[12].osName')).toBe('imageSet[].osName');
    expect(fieldLabel('imageSet.4.osName')).toBe('imageSet.[].osName');
    expect(fieldLabel('totalCount')).toBe('totalCount');
  });

  it('admits a bounded number of distinct values, then answers other', () => {
    const bound = boundedValues(2);
    expect(['a', 'b', 'c', 'a', 'b', 'd'].map(bound)).toEqual(['a', 'b', 'other', 'a', 'b', 'other']);
  });
});
