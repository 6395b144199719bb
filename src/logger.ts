import { type DestinationStream, pino } from 'pino';

/**
 * Logs on stdout, JSON lines unless another destination is given (`prettyStream`). Written
 * asynchronously: under load a line per operation costs no write call of its own, and what is
 * buffered is flushed when the process exits. The Authorization header and tokens never reach
 * a log line.
 */
export function createLogger(level: string, destination?: DestinationStream) {
  return pino(
    {
      level,
      redact: {
        paths: ['authorization', '*.authorization', 'headers.authorization', 'token'],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/** pino's own pretty printer, one line per entry, for people at a terminal (loaded only then). */
export async function prettyStream(): Promise<DestinationStream> {
  const { default: pretty } = await import('pino-pretty');
  return pretty({
    colorize: true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
  });
}
