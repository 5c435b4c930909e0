/**
 * The shadow comparison: the proxy's translated legacy answer against the legacy endpoint's own
 * answer to the same request, field by field. Order-free parts are normalised first: `imageSet`
 * is a set keyed by `unImgId` (3.0 and the legacy host may order images apart). When the page is
 * only part of the listing, that order also decides which images are on it, so then only its
 * length and the images on both sides are compared, not which images made the page.
 * Errors are compared by `code` alone: their messages differ by design (the proxy names 3.0 codes).
 */
export interface AnswerDifference {
  /** Where, as a field path: `code`, `totalCount`, `imageSet[].osName`, `imageSet.onlyLegacy`, … */
  readonly field: string;
  /** The images concerned, when the difference is inside `imageSet` (at most a few). */
  readonly imageIds?: readonly string[];
}

type Json = Record<string, unknown>;
const MAX_IDS = 5;

export function compareLegacyAnswers(translated: Json, legacy: unknown): AnswerDifference[] {
  if (!isObject(legacy) || !Number.isInteger(legacy.code)) return [{ field: 'body' }];
  if (translated.code !== legacy.code) return [{ field: 'code' }];
  if (translated.code !== 0) return [];
  const differences: AnswerDifference[] = [];
  if (translated.totalCount !== legacy.totalCount) differences.push({ field: 'totalCount' });
  if (!Array.isArray(legacy.imageSet)) return [...differences, { field: 'imageSet' }];
  const ours = asImages(translated.imageSet);
  const theirs = asImages(legacy.imageSet);
  const wholeListing = ours.length === translated.totalCount && theirs.length === legacy.totalCount;
  if (!wholeListing && ours.length !== theirs.length) differences.push({ field: 'imageSet.length' });
  differences.push(...compareImageSets(ours, theirs, wholeListing));
  return differences;
}

function compareImageSets(ours: Json[], theirs: Json[], wholeListing: boolean): AnswerDifference[] {
  const theirsById = new Map(theirs.map((image) => [String(image.unImgId), image]));
  const oursById = new Map(ours.map((image) => [String(image.unImgId), image]));
  const byField = new Map<string, string[]>();
  const note = (field: string, id: string) => byField.set(field, [...(byField.get(field) ?? []), id]);
  for (const [id, image] of oursById) {
    const other = theirsById.get(id);
    if (!other) {
      if (wholeListing) note('imageSet.onlyTranslated', id);
      continue;
    }
    for (const field of new Set([...Object.keys(image), ...Object.keys(other)])) {
      if (!sameValue(image[field], other[field])) note(`imageSet[].${field}`, id);
    }
  }
  if (wholeListing) for (const id of theirsById.keys()) if (!oursById.has(id)) note('imageSet.onlyLegacy', id);
  return [...byField].map(([field, ids]) => ({ field, imageIds: ids.slice(0, MAX_IDS) }));
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));
}

function asImages(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
