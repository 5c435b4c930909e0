/**
 * A plan as plain text, for a terminal (`qcloud-legacy-proxy translate`): the 3.0 calls, the steps
 * on their answers, the notes, then the same as tccli and as Node. The page shows the same parts
 * (src/observability/migration/page-assistant.ts) from the same plan.
 */
import { nodeSnippet } from './node-snippet.js';
import type { ClientStep, MigrationPlan, PlannedCall } from './plan-types.js';
import { tccliCommand } from './tccli-command.js';

export const ROUTE_TEXT: Readonly<Record<MigrationPlan['kind'], string>> = {
  translated: 'translated by the proxy to API 3.0',
  transitional: 'a 3.0-style call (Version=2017-03-12): sent to API 3.0 as it is',
  passthrough: 'passed through to the legacy API unchanged',
  refused: 'refused by the proxy before any 3.0 call',
};

/** The 3.0 calls in a sentence or two: the first request, and how the rest follow. */
export function callLines(call: PlannedCall): string[] {
  const lines = [`${call.action}, Version ${call.version}, Region ${call.region}`, JSON.stringify(call.request)];
  if (call.paging === 'once') return [...lines, 'one call'];
  const offsets = call.exampleOffsets;
  const example = `${call.exampleTotal} image${call.exampleTotal === 1 ? '' : 's'} take${call.exampleTotal === 1 ? 's' : ''} ${offsets.length} call${offsets.length === 1 ? '' : 's'} (Offset ${offsets.join(', ')})`;
  return [
    ...lines,
    `then again with Offset moved on by the images received, Limit ${call.request.Limit ?? ''}, until Offset reaches TotalCount: ${example}`,
  ];
}

export function stepText(step: ClientStep): string {
  if (step.kind === 'keep')
    return `keep ${step.field} ${step.values.length === 0 ? 'in nothing' : `in ${step.values.join(', ')}`}: ${step.why}`;
  if (step.kind === 'count') return `totalCount = how many are left: ${step.why}`;
  return `imageSet = ${step.limit} from position ${step.offset}: ${step.why}`;
}

const indent = (text: string, by = '  '): string =>
  text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');

export function planText(plan: MigrationPlan): string {
  const out: string[] = [`Route: ${plan.action || '(no Action)'} ${ROUTE_TEXT[plan.kind]}`];
  if (plan.kind === 'refused') out.push(`  ${plan.code} ${plan.message}`);
  if (plan.kind === 'translated' || plan.kind === 'transitional') {
    out.push('', 'API 3.0 requests (what the proxy sends):', ...callLines(plan.call).map((line) => `  ${line}`));
    if (plan.steps.length > 0)
      out.push(
        '',
        'On the answers, in this order (the caller does this itself after moving):',
        ...plan.steps.map((step, i) => `  ${i + 1}. ${stepText(step)}`),
      );
  }
  if (plan.notes.length > 0) out.push('', 'Also:', ...plan.notes.map((note) => `  - ${note.text}`));
  const tccli = tccliCommand(plan);
  if (tccli) out.push('', 'tccli:', indent(tccli));
  const node = nodeSnippet(plan);
  if (node) out.push('', 'Node (tencentcloud-sdk-nodejs):', indent(node));
  return `${out.join('\n')}\n`;
}
