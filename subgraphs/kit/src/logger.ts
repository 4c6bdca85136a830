import { type Logger, pino } from 'pino';

export type { Logger };

/** JSON logs on stdout, one line an event; never log secrets, passwords or tokens (they are redacted). */
export function createLogger(name: string, level = 'info'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'headers.authorization',
        'req.headers.authorization',
      ],
      censor: '[redacted]',
    },
  });
}
