/** CPU time and RSS of any local process from /proc (Linux), for footprint sampling. */
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

export interface ProcSample {
  /** user + system CPU time, ms. */
  cpuMs: number;
  rssBytes: number;
  at: number;
}

export function sampleProc(pid: number): ProcSample | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the ")" of the command name: state is field 3; utime 14, stime 15 (1-based).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return {
      cpuMs: ((utime + stime) * 1000) / TICKS_PER_SECOND,
      rssBytes: rssKb * 1024,
      at: performance.now(),
    };
  } catch {
    return undefined;
  }
}

/** Samples a set of pids every `everyMs` until stop(); reports CPU % over the span and peak/mean RSS. */
export class ProcSampler {
  private readonly first = new Map<number, ProcSample>();
  private readonly last = new Map<number, ProcSample>();
  private readonly rss = new Map<number, number[]>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pids: readonly number[]) {}

  start(everyMs = 500): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), everyMs);
  }

  private tick(): void {
    for (const pid of this.pids) {
      const s = sampleProc(pid);
      if (!s) continue;
      if (!this.first.has(pid)) this.first.set(pid, s);
      this.last.set(pid, s);
      const list = this.rss.get(pid) ?? [];
      list.push(s.rssBytes);
      this.rss.set(pid, list);
    }
  }

  stop(): { cpuPercent: number; peakRssMiB: number; meanRssMiB: number } {
    this.tick();
    if (this.timer) clearInterval(this.timer);
    let cpuMs = 0;
    let spanMs = 0;
    let peak = 0;
    let mean = 0;
    for (const pid of this.pids) {
      const a = this.first.get(pid);
      const b = this.last.get(pid);
      if (a && b) {
        cpuMs += b.cpuMs - a.cpuMs;
        spanMs = Math.max(spanMs, b.at - a.at);
      }
      const list = this.rss.get(pid) ?? [];
      peak += Math.max(0, ...list);
      mean += list.length > 0 ? list.reduce((x, y) => x + y, 0) / list.length : 0;
    }
    return {
      cpuPercent: spanMs > 0 ? (cpuMs / spanMs) * 100 : Number.NaN,
      peakRssMiB: peak / 2 ** 20,
      meanRssMiB: mean / 2 ** 20,
    };
  }
}
