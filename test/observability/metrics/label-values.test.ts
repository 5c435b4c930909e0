/** Label cleaning: client input becomes short, known-looking, bounded label values. */
import { describe, expect, it } from 'vitest';
import { actionLabel, boundedValues, capLabel, codeLabel, fieldLabel, routeLabel } from '../../../src/observability/metrics/label-values.js';

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
