/** ACTION_ROUTES: which way each legacy Action goes, `Action=route` by commas, `*` for the rest. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACTION_ROUTES, parseActionRoutes, routeOf } from '../../../src/core/routing/action-routes.js';

describe('parseActionRoutes', () => {
  it('by default translates DescribeImages and passes every other Action through', () => {
    const routes = parseActionRoutes(DEFAULT_ACTION_ROUTES);
    expect(routeOf(routes, 'DescribeImages')).toBe('translate');
    expect(routeOf(routes, 'DescribeInstances')).toBe('passthrough');
    expect(routeOf(routes, 'describeimages')).toBe('passthrough');
  });

  it('reads entries with spaces and empty entries, the last word on an Action winning', () => {
    const routes = parseActionRoutes(
      ' DescribeImages = passthrough ,, RunInstances=passthrough, DescribeImages=translate ',
    );
    expect(routeOf(routes, 'DescribeImages')).toBe('translate');
    expect(routeOf(routes, 'RunInstances')).toBe('passthrough');
  });

  it('translates DescribeImages even when the text does not name it', () => {
    expect(routeOf(parseActionRoutes(''), 'DescribeImages')).toBe('translate');
    expect(routeOf(parseActionRoutes('*=passthrough'), 'DescribeImages')).toBe('translate');
  });

  it('can send DescribeImages through, but cannot translate `*` (only DescribeImages can be translated)', () => {
    expect(routeOf(parseActionRoutes('DescribeImages=passthrough'), 'DescribeImages')).toBe('passthrough');
    expect(() => parseActionRoutes('*=translate')).toThrow(/\* cannot be translated/);
  });

  it.each([
    ['DescribeImages', /"DescribeImages" is not Action=translate or Action=passthrough/],
    ['DescribeImages=forward', /is not Action=translate/],
    ['A=passthrough=translate', /is not Action=translate/],
    ['1Action=passthrough', /is not Action=translate/],
    ['Describe-Images=passthrough', /is not Action=translate/],
    ['DescribeInstances=translate', /DescribeInstances cannot be translated: this proxy translates DescribeImages/],
  ])('refuses %j', (text, message) => {
    expect(() => parseActionRoutes(text)).toThrow(message);
  });

  it('lists every problem at once', () => {
    expect(() => parseActionRoutes('x=y,RunInstances=translate')).toThrow(
      /"x=y" is not .*; RunInstances cannot be translated/,
    );
  });
});
