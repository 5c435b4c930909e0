/**
 * Where malformed JSON stops being JSON, by line and column, checked against JSON.parse (the oracle
 * for what is JSON) and never quoting a character of the text.
 */
import { describe, expect, it } from 'vitest';
import { jsonSyntaxFault } from '../../src/config/json-syntax.js';

describe('jsonSyntaxFault', () => {
  it.each([
    ['[{"secretId":"a","secretKey":"hunter2"}', "line 1, column 40: expected ',' or ']', found the end"],
    ['[{"secretId":"a" "secretKey":"hunter2"}]', "line 1, column 18: expected ',' or '}'"],
    ['[{secretId:"a"}]', 'line 1, column 3: expected a property name in double quotes'],
    ['[\n  {"secretId": "a",\n   "secretKey" "hunter2"}\n]', "line 3, column 16: expected ':' after a property name"],
    ["[{'secretId':'a'}]", 'line 1, column 3: expected a property name in double quotes'],
    ['[{"a":"x\\q"}]', 'line 1, column 10: expected an escape such as \\" or \\u0041'],
    ['[1,]', 'line 1, column 4: expected a value'],
    ['[{"a":1}] trailing', 'line 1, column 11: expected the end of the text'],
    ['', 'line 1, column 1: expected a value, found the end'],
  ])('%j: %s', (text, fault) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonSyntaxFault(text)).toBe(fault);
    expect(fault).not.toContain('hunter2');
  });

  it.each([
    '[]',
    '[{"secretId":"a","secretKey":"b","upstream":{"secretId":"c","secretKey":"d"}}]',
    ' [1, -2.5e+3, true, false, null, "\\u00e9\\n"] ',
    '{"a":{"b":[{}]}}',
  ])('finds nothing wrong with %j, as JSON.parse', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(jsonSyntaxFault(text)).toBeUndefined();
  });
});
