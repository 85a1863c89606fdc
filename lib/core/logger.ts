import pino from 'pino';
import { env } from './env';

// JSON logs on stdout; every request-scoped line carries request_id.
// Secrets never reach a log line: the redact list covers the fields that
// could hold them.
const globalForLogger = globalThis as unknown as { __mspLogger?: pino.Logger };

export const logger: pino.Logger =
  globalForLogger.__mspLogger ??
  (globalForLogger.__mspLogger = pino({
    level: env().LOG_LEVEL,
    base: { service: 'msp-ops-hub' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'password',
        '*.password',
        'refresh_token',
        '*.refresh_token',
        'access_token',
        '*.access_token',
        'headers.authorization',
        'headers["x-api-key"]',
        'headers.cookie',
      ],
      censor: '[redacted]',
    },
  }));
