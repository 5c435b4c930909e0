/** The public images are the legacy DescribeImages page's table "常用公共镜像 ID 一览", row for row. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LEGACY_PUBLIC_IMAGES } from '../../../dev/emulator/public-images.js';

/** The page's table, from the verbatim copy in fixtures/ (the id cells' leading tabs trimmed). */
const table = [
  ...readFileSync(new URL('./fixtures/legacy-public-images.html', import.meta.url), 'utf8').matchAll(
    /<tr><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g,
  ),
].map((m) => [(m[2] ?? '').trim(), (m[1] ?? '').trim()]);

describe('LEGACY_PUBLIC_IMAGES', () => {
  it('is the table: 38 [id, name] rows in its order', () => {
    expect(table).toHaveLength(38);
    expect(LEGACY_PUBLIC_IMAGES).toEqual(table);
  });

  it('has well-formed, distinct ids', () => {
    const ids = LEGACY_PUBLIC_IMAGES.map(([id]) => id);
    expect(ids.every((id) => /^img-[a-z0-9]{8}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
