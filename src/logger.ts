import { pino } from 'pino';
import pretty from 'pino-pretty';

export type LogFormat = 'json' | 'pretty';

/**
 * Logs on stdout: JSON lines, or pino's own pretty printer for people at a terminal. The
 * Authorization header and tokens never reach a log line.
 */
export function createLogger(level: string, format: LogFormat = 'json') {
  const options = {
    level,
    redact: {
      paths: ['authorization', '*.authorization', 'headers.authorization', 'token'],
      censor: '[redacted]',
    },
  };
  return format === 'pretty'
    ? pino(
        options,
        pretty({
          colorize: true,
          singleLine: true,
          translateTime: 'SYS:HH:MM:ss.l',
          ignore: 'pid,hostname',
        }),
      )
    : pino(options);
}
