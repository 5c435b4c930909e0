/**
 * A plan as a tccli command line (Tencent Cloud's CLI: `tccli cvm DescribeImages --Filters '[…]'`,
 * JSON for structured parameters, the answer printed as JSON). A call sent once is one command; a
 * paged listing is a short bash loop that pages like the proxy did, and the client-side steps as
 * one jq filter over the images collected.
 */
import { CVM3_SERVICE, type Cvm3DescribeImagesRequest } from '../cvm3/types.js';
import type { ClientStep, MigrationPlan, PlannedCall } from './plan-types.js';

/** A single-quoted shell word: nothing inside is expanded. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

function argumentsOf(request: Cvm3DescribeImagesRequest, paged: boolean): string[] {
  const args: string[] = [];
  for (const [name, value] of Object.entries(request)) {
    if (paged && (name === 'Offset' || name === 'Limit')) continue;
    if (value === undefined) continue;
    args.push(`--${name}`, shellQuote(typeof value === 'object' ? JSON.stringify(value) : String(value)));
  }
  return args;
}

function command(call: PlannedCall, paged: boolean): string {
  return [
    'tccli',
    CVM3_SERVICE,
    call.action,
    '--region',
    call.region,
    '--version',
    call.version,
    ...argumentsOf(call.request, paged),
  ].join(' ');
}

/** The jq filter for the steps, over the images of every page (duplicates from shifted paging dropped, as the proxy does). */
export function jqFilter(steps: readonly ClientStep[]): string {
  const parts = [
    'reduce .[] as $i ({seen: {}, out: []}; if .seen[$i.ImageId] then . else .seen[$i.ImageId] = true | .out += [$i] end) | .out',
  ];
  let counted = false;
  for (const step of steps) {
    if (step.kind === 'keep') {
      parts.push(
        step.values.length === 0
          ? '[]'
          : `map(select(.${step.field} | IN(${step.values.map((v) => JSON.stringify(v)).join(', ')})))`,
      );
    } else if (step.kind === 'count') {
      parts.push('{totalCount: length, images: .}');
      counted = true;
    } else {
      const slice = `.[${step.offset}:${step.offset + step.limit}]`;
      parts.push(counted ? `{totalCount, imageSet: (.images | ${slice})}` : slice);
    }
  }
  return parts.join(' | ');
}

export function tccliCommand(plan: MigrationPlan): string | undefined {
  if (plan.kind !== 'translated' && plan.kind !== 'transitional') return undefined;
  const { call } = plan;
  if (call.paging === 'once') return command(call, false);
  const limit = call.request.Limit ?? 100;
  return [
    '# bash, with tccli and jq: every page, as the proxy pages, then what it did on the answers',
    "offset=0; images='[]'",
    'while :; do',
    `  page=$(${command(call, true)} --Offset "$offset" --Limit ${limit}) || exit 1`,
    '  got=$(jq \'.ImageSet | length\' <<<"$page")',
    '  images=$(printf \'%s\\n%s\' "$images" "$page" | jq -c -s \'.[0] + .[1].ImageSet\')',
    '  offset=$((offset + got))',
    '  [ "$got" -gt 0 ] && [ "$offset" -lt "$(jq .TotalCount <<<"$page")" ] || break',
    'done',
    `jq ${shellQuote(jqFilter(plan.steps))} <<<"$images"`,
  ].join('\n');
}
