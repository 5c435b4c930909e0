/**
 * The `qcloud-legacy-proxy` command: reads the command line (args.ts) and runs the command.
 * Resolves with the exit status, or undefined while `serve` keeps the process running. `serve`
 * is passed in by the entry point (src/node/cli.ts), so that this file does not stand between the
 * entry point and the whole server in the import graph.
 */
import { buildInfo, UNKNOWN } from '../../observability/version.js';
import type { Env } from '../../config/read-settings.js';
import { runTranslateCommand } from '../translate-command.js';
import { parseInvocation } from './args.js';
import { checkConfig } from './check-config.js';
import { EnvFileError, readEnvironment, type Environment } from './env-file.js';
import { BIN, helpText } from './help.js';

export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Env;
}

export const USAGE_ERROR = 2;

/** `serve` (serve.ts): resolves once the proxy listens (undefined), or with the status it failed with. */
export type ServeCommand = (
  environment: () => Environment,
  stderr: NodeJS.WritableStream,
) => Promise<number | undefined>;

export async function runCli(
  argv: readonly string[],
  io: CliIo,
  serveCommand: ServeCommand,
): Promise<number | undefined> {
  const invocation = parseInvocation(argv);
  const { version, commit, node } = buildInfo(io.env);
  switch (invocation.command) {
    case 'usage-error':
      io.stderr.write(`${BIN}: ${invocation.message}\nTry '${BIN} --help'.\n`);
      return USAGE_ERROR;
    case 'help':
      io.stdout.write(helpText(version));
      return 0;
    case 'version':
      io.stdout.write(`${BIN} ${version}${commit === UNKNOWN ? '' : ` (commit ${commit})`} on Node ${node}\n`);
      return 0;
    case 'translate':
      return runTranslateCommand(invocation.args, io);
    case 'check-config':
    case 'serve': {
      // The environment as the process started with it; the env file is read anew on each call (SIGHUP).
      const started = { ...io.env };
      const environment = () => readEnvironment(started, invocation.envFile);
      if (invocation.command === 'serve') return serveCommand(environment, io.stderr);
      try {
        return checkConfig(environment(), io, `${BIN} ${version}`);
      } catch (error) {
        if (!(error instanceof EnvFileError)) throw error;
        io.stderr.write(`${error.message}\n`);
        return 1;
      }
    }
  }
}
