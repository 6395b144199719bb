import { pino } from 'pino';

/** JSON logs on stdout; the Authorization header never reaches a log line. */
export function createLogger(level: string) {
  return pino({
    level,
    redact: {
      paths: ['authorization', '*.authorization', 'headers.authorization', 'token'],
      censor: '[redacted]',
    },
  });
}
