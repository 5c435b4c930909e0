/**
 * `qcloud-legacy-proxy translate`: the offline migration plan (issue 16). A stand-in until that
 * command lands: it says so and exits 2.
 */
export async function runTranslateCommand(
  args: string[],
  io: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  void args;
  io.stderr.write('translate: not available in this build\n');
  return 2;
}
