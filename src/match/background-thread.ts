/**
 * Work that should only use what the rest of the process leaves idle (the early-match worker,
 * which matches aliases while the load runs) lowers its own thread's scheduling priority: on a
 * 2-core machine it then takes the third of the cores the load leaves idle without slowing the
 * load down. Linux schedules threads on their own, and setpriority() on a thread id changes that
 * thread only (measured: the process's other threads stay at 0). Elsewhere this does nothing.
 * A thread cannot raise its priority again without privileges, so only a thread that stays in
 * the background should call it.
 */
import { readFileSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The lowest priority (nice 19). */
const BACKGROUND_NICE = 19;

/** Lowers the calling thread's priority; false where the platform does not allow it. */
export function lowerThisThreadPriority(): boolean {
  try {
    // "PID/task/TID": the calling thread's own id (Node has no API for it).
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, BACKGROUND_NICE);
    return true;
  } catch {
    return false;
  }
}

/** CPU seconds the calling thread has used (Linux: /proc/thread-self/stat), or null elsewhere. For logs. */
export function thisThreadCpuSeconds(): number | null {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ');
    // In clock ticks: 100 per second on Linux (USER_HZ), whatever the kernel's own tick rate.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
