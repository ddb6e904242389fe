/** What the watchdog process runs and where it reports; passed to it as JSON in argv[2]. */
export interface WatchdogSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** stdout and stderr of the supervised process are appended here. */
  readonly logFile: string;
  /** The supervised process's pid is written here, so a later run can find it if everything else died. */
  readonly pidFile: string;
  /** How long a requested stop waits after SIGTERM before SIGKILL. */
  readonly graceMs: number;
}

/** Messages the watchdog sends its parent over the IPC channel. */
export type WatchdogMessage =
  | { readonly type: 'spawned'; readonly pid: number }
  | { readonly type: 'exit'; readonly code: number | null; readonly signal: string | null }
  | { readonly type: 'error'; readonly message: string };

export function parseWatchdogSpec(json: string | undefined): WatchdogSpec {
  const value: unknown = JSON.parse(json ?? 'null');
  if (
    typeof value !== 'object' ||
    value === null ||
    !('command' in value && typeof value.command === 'string') ||
    !('args' in value && Array.isArray(value.args) && value.args.every((a) => typeof a === 'string')) ||
    !('cwd' in value && typeof value.cwd === 'string') ||
    !('logFile' in value && typeof value.logFile === 'string') ||
    !('pidFile' in value && typeof value.pidFile === 'string') ||
    !('graceMs' in value && typeof value.graceMs === 'number')
  ) {
    throw new TypeError(`watchdog: invalid spec ${json}`);
  }
  return value as WatchdogSpec;
}
