/**
 * The command line, read strictly: commands, --env-file, --help and --version; anything else is
 * refused (a `--config x.yaml` must never be ignored while the proxy starts anyway).
 */
import { describe, expect, it } from 'vitest';
import { parseInvocation } from '../../../src/node/cli/args.js';

describe('parseInvocation', () => {
  it.each([
    [[], { command: 'serve', envFile: undefined }],
    [['serve'], { command: 'serve', envFile: undefined }],
    [['--env-file', '/etc/proxy.env'], { command: 'serve', envFile: '/etc/proxy.env' }],
    [['serve', '--env-file=.env'], { command: 'serve', envFile: '.env' }],
    [['check-config', '--env-file', 'x.env'], { command: 'check-config', envFile: 'x.env' }],
    [['--help'], { command: 'help' }],
    [['-h'], { command: 'help' }],
    [['help'], { command: 'help' }],
    [['check-config', '--help'], { command: 'help' }],
    [['--version'], { command: 'version' }],
    [['-v'], { command: 'version' }],
    [['version'], { command: 'version' }],
    [
      ['translate', '--from', 'calls.log', '--anything'],
      { command: 'translate', args: ['--from', 'calls.log', '--anything'] },
    ],
  ] as const)('%j', (argv, invocation) => {
    expect(parseInvocation(argv)).toEqual(invocation);
  });

  it.each([
    [
      ['--config', 'x.yaml'],
      'unknown option "--config": settings are environment variables; --env-file FILE reads them from a file',
    ],
    [['--port=80'], 'unknown option "--port"'],
    [['-x'], 'unknown option "-x"'],
    [['start'], 'unknown command "start" (commands: serve, check-config, translate, help, version)'],
    [['serve', 'now'], 'one command at a time, got "serve", "now"'],
    [['--env-file'], "Option '--env-file <value>' argument missing"],
    [['--env-file='], '--env-file needs a file name'],
    [['--version=2'], "Option '-v, --version' does not take an argument"],
  ] as const)('refuses %j', (argv, message) => {
    expect(parseInvocation(argv)).toEqual({ command: 'usage-error', message });
  });
});
