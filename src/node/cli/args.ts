/**
 * The command line of `qcloud-legacy-proxy`, read with node:util's parseArgs (strict): a command,
 * `--env-file`, `--help`, `--version`. Settings are environment variables, never flags (one source,
 * the schema: docs/configuration.md), so anything else is refused rather than quietly ignored.
 * `translate` takes its own arguments (src/node/translate-command.ts).
 */
import { parseArgs } from 'node:util';

export const COMMANDS = ['serve', 'check-config', 'translate', 'help', 'version'] as const;
export type CommandName = (typeof COMMANDS)[number];

export type Invocation =
  | { readonly command: 'serve' | 'check-config'; readonly envFile: string | undefined }
  | { readonly command: 'translate'; readonly args: string[] }
  | { readonly command: 'help' | 'version' }
  | { readonly command: 'usage-error'; readonly message: string };

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  'env-file': { type: 'string' },
} as const;

export function parseInvocation(argv: readonly string[]): Invocation {
  if (argv[0] === 'translate') return { command: 'translate', args: argv.slice(1) };
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return { command: 'usage-error', message: usageProblem(error) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  if (positionals.length > 1)
    return { command: 'usage-error', message: `one command at a time, got ${positionals.map(quoted).join(', ')}` };
  const command = positionals[0] ?? 'serve';
  if (command === 'help' || command === 'version') return { command };
  if (command !== 'serve' && command !== 'check-config') {
    return { command: 'usage-error', message: `unknown command ${quoted(command)} (commands: ${COMMANDS.join(', ')})` };
  }
  const envFile = values['env-file'];
  if (envFile === '') return { command: 'usage-error', message: '--env-file needs a file name' };
  return { command, envFile };
}

/** parseArgs' own messages are long and suggest `--`; a short one, and a hint for the usual guess. */
function usageProblem(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  const option = /'(-[^']*)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    const hint = /^--?config\b/.test(option)
      ? ': settings are environment variables; --env-file FILE reads them from a file'
      : '';
    return `unknown option ${quoted(option)}${hint}`;
  }
  return message.split('\n')[0]!;
}

function quoted(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
