/**
 * What the bench reads of a server process from /proc (Linux): its CPU time, all threads together
 * (V8's GC helpers and libuv's pool count too: they are the request's cost), and its peak RSS.
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** User + system CPU time of a process and all its threads so far, in ms (clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The peak resident set since the process started or since resetPeakRss (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

/** Starts VmHWM again from the current RSS (clear_refs 5); false where the kernel does not allow it. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
