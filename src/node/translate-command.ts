/**
 * `qcloud-legacy-proxy translate '<legacy URL>'` (or a POST body on stdin): the migration plan of
 * one legacy call, offline, for a developer rewriting a script: the 3.0 request(s) the proxy would
 * send, what it would do on the answers, and the same as a tccli loop and a Node program. Nothing
 * is called and nothing is signed; the plan is the one /migration shows for the call's shape
 * (src/core/migration/plan.ts). A Signature, SecretId, Token or Nonce in the input is never printed.
 */
import { pathToFileURL } from 'node:url';
import { LegacyError } from '../core/errors.js';
import { callShapeOf } from '../core/migration/call-shape.js';
import { nodeSnippet } from '../core/migration/node-snippet.js';
import { migrationPlan } from '../core/migration/plan.js';
import { planText } from '../core/migration/plan-text.js';
import { tccliCommand } from '../core/migration/tccli-command.js';
import { collectParams } from '../core/legacy/params.js';

export interface CommandIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export const TRANSLATE_USAGE = `Usage: qcloud-legacy-proxy translate [--json] ['<legacy URL or query string>' | -]

Prints what one legacy API 2.0 call becomes on CVM API 3.0, offline: the 3.0 request(s), what the
proxy does on the answers (the caller's job once it calls 3.0 directly), and the same as a tccli
command and a Node program (tencentcloud-sdk-nodejs). Nothing is sent anywhere.

  translate 'https://image.api.qcloud.com/v2/index.php?Action=DescribeImages&Region=gz&imageType=1'
  translate - < body.txt      a POST body (application/x-www-form-urlencoded) on stdin
  --json                      the plan as JSON: {call, plan, tccli, node}

Exit status: 0 a plan; 1 the proxy would refuse the call (the reason is printed); 2 bad input.
`;

/** Most bytes read from stdin: a legacy call is a few hundred. */
const MAX_INPUT_BYTES = 1 << 20;

export async function runTranslateCommand(args: string[], io: CommandIo): Promise<number> {
  const json = args.includes('--json');
  const rest = args.filter((arg) => arg !== '--json');
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(TRANSLATE_USAGE);
    return 0;
  }
  if (rest.length > 1 || rest.some((arg) => arg.startsWith('--')))
    return usage(io, `unexpected arguments: ${rest.join(' ').slice(0, 200)}`);
  let input: string;
  try {
    input = rest.length === 1 && rest[0] !== '-' ? rest[0]! : await readAll(io.stdin);
  } catch (error) {
    return usage(io, (error as Error).message);
  }
  const pairs = pairsOf(input.trim());
  if (!pairs || !pairs.some(([name]) => name === 'Action'))
    return usage(io, 'no Action in the input: give a legacy URL, a query string or a form body');
  let params;
  try {
    params = collectParams(pairs);
  } catch (error) {
    if (error instanceof LegacyError) return usage(io, error.message);
    throw error;
  }
  const plan = await migrationPlan(params);
  const shape = callShapeOf(params);
  if (json) {
    const call = { action: shape.action, params: shape.params, example: shape.example };
    io.stdout.write(
      `${JSON.stringify({ call, plan, tccli: tccliCommand(plan) ?? null, node: nodeSnippet(plan) ?? null }, null, 2)}\n`,
    );
  } else {
    // Names with their enumerated or example values only: never a Token's, nor free text.
    const shown = (name: string, value: string | null) =>
      value ?? (Object.hasOwn(shape.example, name) ? shape.example[name] : undefined);
    const call = [
      shape.action,
      ...shape.params.map((p) =>
        shown(p.name, p.value) === undefined ? p.name : `${p.name}=${shown(p.name, p.value)}`,
      ),
    ].join(' ');
    io.stdout.write(`Legacy call: ${call}\n${planText(plan)}`);
  }
  return plan.kind === 'refused' ? 1 : 0;
}

function usage(io: CommandIo, problem: string): number {
  io.stderr.write(`translate: ${problem}\n\n${TRANSLATE_USAGE}`);
  return 2;
}

/** A URL, `/v2/index.php?…`, a query string or a form body, as name/value pairs; undefined if none. */
function pairsOf(input: string): Array<[string, string]> | undefined {
  if (input === '') return undefined;
  let query = input;
  if (/^https?:\/\//i.test(input)) {
    try {
      query = new URL(input).search;
    } catch {
      return undefined;
    }
  } else if (input.includes('?')) {
    query = input.slice(input.indexOf('?') + 1);
  }
  return [...new URLSearchParams(query)];
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_INPUT_BYTES)
      throw new Error(`the input is over ${MAX_INPUT_BYTES} bytes: a legacy call is a few hundred`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

// `npx tsx src/node/translate-command.ts …` until the qcloud-legacy-proxy command dispatches here.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runTranslateCommand(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
