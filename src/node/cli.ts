#!/usr/bin/env node
/**
 * The `qcloud-legacy-proxy` command (package.json "bin"; `node build/node/cli.js`, or
 * `npx qcloud-legacy-proxy` once installed): `serve` by default, `check-config`, `translate`,
 * `--help`, `--version`. See src/node/cli/run.ts and docs/operations.md.
 */
import { runCli } from './cli/run.js';
import { serve } from './cli/serve.js';

const status = await runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }, serve);
// A command that ended: its output is written (stdout and stderr are synchronous on pipes and files
// on Linux), and exiting at once leaves nothing (a Redis client that could not start, say) running.
if (status !== undefined) process.exit(status);
