/**
 * A shape back as legacy parameters, so that its migration plan comes from the very parser and
 * translation that answered the call: kept values and the example as they were, and a visible
 * placeholder (`<name>`) where the shape kept nothing (free text: the reader fills it in).
 */
import { collectParams, type LegacyParams } from '../legacy/params.js';
import { lookup } from '../lookup.js';
import type { CallShape } from './shape-types.js';

export const placeholder = (name: string): string => `<${name}>`;

export function shapeParams(shape: CallShape): LegacyParams {
  const pairs: Array<[string, string]> = [['Action', shape.action]];
  for (const { name, value } of shape.params)
    pairs.push([name, value ?? lookup(shape.example, name) ?? placeholder(name)]);
  return collectParams(pairs);
}
