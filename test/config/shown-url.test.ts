import { describe, expect, it } from 'vitest';
import { shownUrl } from '../../src/config/shown-url.js';

describe('shownUrl', () => {
  it.each([
    ['redis://:hunter2@cache:6379/2', '"redis://…@cache:6379/2"'],
    ['http://user:hunter2@h', '"http://…@h"'],
    ['redis://:a@b@cache', '"redis://…@cache"'],
    ['https://cvm.tencentcloudapi.com', '"https://cvm.tencentcloudapi.com"'],
  ])('%s → %s', (url, shown) => {
    expect(shownUrl(url)).toBe(shown);
  });

  it('clips a long URL', () => {
    expect(shownUrl(`https://${'a'.repeat(200)}`)).toBe(`"https://${'a'.repeat(112)}…"`);
  });
});
