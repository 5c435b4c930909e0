/**
 * A plan as a Node program on the official SDK (tencentcloud-sdk-nodejs): the same 3.0 calls the
 * proxy made, then the client-side steps, printing what the legacy answer held. Credentials come
 * from the environment, never from the plan.
 */
import type { ClientStep, MigrationPlan } from './plan-types.js';

/** How the program reads its credentials: its own environment (generated text, not a setting of this proxy). */
const fromEnv = (name: string): string => `process.env.${name}`;

/** The one line a test (or a reader with an emulator) swaps to point the program elsewhere. */
export const SNIPPET_ENDPOINT_LINE = '  profile: { httpProfile: { endpoint: "cvm.tencentcloudapi.com" } },';

function stepLine(step: ClientStep): string {
  if (step.kind === 'keep') {
    const test = step.values.length === 0 ? 'false' : `${JSON.stringify(step.values)}.includes(image.${step.field})`;
    return `  kept = kept.filter((image) => ${test}); // ${step.why}`;
  }
  if (step.kind === 'count') return `  const totalCount = kept.length; // ${step.why}`;
  return `  const imageSet = kept.slice(${step.offset}, ${step.offset + step.limit}); // ${step.why}`;
}

export function nodeSnippet(plan: MigrationPlan): string | undefined {
  if (plan.kind !== 'translated' && plan.kind !== 'transitional') return undefined;
  const { call } = plan;
  const token = plan.notes.some((note) => note.topic === 'token')
    ? `, token: ${fromEnv('TENCENTCLOUD_SESSION_TOKEN')}`
    : '';
  const head = [
    '// npm install tencentcloud-sdk-nodejs  (or tencentcloud-sdk-nodejs-cvm, the same API)',
    'const tencentcloud = require("tencentcloud-sdk-nodejs");',
    '',
    `const client = new tencentcloud.cvm.v${call.version.replaceAll('-', '')}.Client({`,
    `  credential: { secretId: ${fromEnv('TENCENTCLOUD_SECRET_ID')}, secretKey: ${fromEnv('TENCENTCLOUD_SECRET_KEY')}${token} },`,
    `  region: ${JSON.stringify(call.region)},`,
    SNIPPET_ENDPOINT_LINE,
    '});',
    '',
  ];
  const tail = [
    '',
    'main().catch((err) => {',
    '  console.error(err.code ?? "", err.message);',
    '  process.exitCode = 1;',
    '});',
  ];
  if (call.paging === 'once') {
    return [
      ...head,
      'async function main() {',
      `  const answer = await client.${call.action}(${JSON.stringify(call.request)});`,
      '  console.log(JSON.stringify(answer, null, 2));',
      '}',
      ...tail,
    ].join('\n');
  }
  const listing = Object.fromEntries(
    Object.entries(call.request).filter(([name]) => name !== 'Offset' && name !== 'Limit'),
  );
  const limit = call.request.Limit;
  return [
    ...head,
    'async function main() {',
    '  // Every page, as the proxy pages: Offset moves on by what came, until TotalCount.',
    `  const listing = ${JSON.stringify(listing)};`,
    '  const images = [];',
    '  const seen = new Set();',
    '  for (let offset = 0; ; ) {',
    `    const page = await client.${call.action}({ ...listing, Offset: offset, Limit: ${limit ?? 100} });`,
    '    for (const image of page.ImageSet) {',
    '      if (seen.has(image.ImageId)) continue; // paging shifted: counted once',
    '      seen.add(image.ImageId);',
    '      images.push(image);',
    '    }',
    '    offset += page.ImageSet.length;',
    '    if (page.ImageSet.length === 0 || offset >= page.TotalCount) break;',
    '  }',
    '  // What the proxy did on the answers:',
    '  let kept = images;',
    ...plan.steps.map(stepLine),
    '  console.log(JSON.stringify({ totalCount, imageSet }, null, 2));',
    '}',
    ...tail,
  ].join('\n');
}
