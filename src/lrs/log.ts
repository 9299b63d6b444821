/**
 * Structured logs: one JSON object per line on stderr. Request logs carry method, path, status,
 * time and credential key — never secrets or statement bodies.
 */

/** Where the server writes what happens. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Minimum level written. */
export type LogLevel = 'info' | 'warn' | 'error' | 'silent';

const ORDER: Record<LogLevel, number> = { info: 0, warn: 1, error: 2, silent: 3 };

/** A logger writing JSON lines at or above `level`. */
export function jsonLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const log =
    (at: Exclude<LogLevel, 'silent'>) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (ORDER[at] < ORDER[level]) return;
      write(
        `${JSON.stringify({ time: new Date().toISOString(), level: at, msg: message, ...fields })}\n`,
      );
    };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}
