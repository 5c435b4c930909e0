/** Entry points run as child processes: output collected, lines waited for, exit codes reported. */
import { describe, expect, it } from 'vitest';
import { finished, spawnCommand, waitForLine } from '../../../dev/support/run-script.js';

const node = (script: string, env: Record<string, string> = {}) => spawnCommand(process.execPath, ['-e', script], env);

describe('run-script', () => {
  it('finished: stdout, stderr and the exit code', async () => {
    expect(await finished(node('console.log("out"); console.error("err"); process.exit(3)'))).toEqual({
      code: 3,
      stdout: 'out\n',
      stderr: 'err\n',
    });
  });

  it('gives the child only PATH and the variables it is handed', async () => {
    const result = await finished(
      node('console.log(JSON.stringify(Object.keys(process.env).sort()))', { ONLY_THIS: '1' }),
    );
    expect(JSON.parse(result.stdout)).toEqual(['ONLY_THIS', 'PATH']);
  });

  it('waitForLine: the first stdout line that matches, even across chunks', async () => {
    const child = node(
      'process.stdout.write("starting\\nlisten"); setTimeout(() => { process.stdout.write("ing on 42\\n"); }, 20); setTimeout(() => {}, 200)',
    );
    const done = finished(child);
    expect(await waitForLine(child, /listening on \d+/)).toBe('listening on 42');
    expect((await done).code).toBe(0);
  });

  it('waitForLine: rejects when the process ends first, saying what it printed', async () => {
    await expect(waitForLine(node('console.log("nothing useful")'), /listening/)).rejects.toThrow(
      /exited with 0 before printing \/listening\/: nothing useful/,
    );
  });
});
