#!/usr/bin/env node
/**
 * The `qcloud-legacy-proxy` command (package.json "bin"; `node build/node/cli.js`, or
 * `npx qcloud-legacy-proxy` once installed): `serve` by default, `check-config`, `translate`,
 * `--help`, `--version`. See src/node/cli/run.ts and docs/operations.md.
 */
import { runCli, type ServeCommand } from './cli/run.js';

// The server and everything behind it (the 3.0 SDK, Redis, metrics) load only to serve: --help,
// --version and check-config answer at once.
const serve: ServeCommand = async (...args) => (await import('./cli/serve.js')).serve(...args);

const status = await runCli(
  process.argv.slice(2),
  { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env },
  serve,
);
// A command that ended: its output is written (stdout and stderr are synchronous on pipes and files
// on Linux), and exiting at once leaves nothing (a Redis client that could not start, say) running.
if (status !== undefined) process.exit(status);
