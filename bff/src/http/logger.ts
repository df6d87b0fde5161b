import pino, { type Logger, type DestinationStream } from 'pino';
import { scrubIdentifiers } from '@doorstep/shared';

const SENSITIVE_KEYS = /^(phone|mobile|idNumber|idCard|code|password|token|accessToken|refreshToken|authorization|cookie|secret|session_key|purePhoneNumber|phoneNumber)$/i;

/** Deep copy with identifier-looking strings masked and sensitive keys dropped. */
export function scrub(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[depth]';
  if (typeof value === 'string') return scrubIdentifiers(value);
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value && typeof value === 'object') {
    if (value instanceof Error) return { type: value.name, message: scrubIdentifiers(value.message), stack: value.stack && scrubIdentifiers(value.stack) };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SENSITIVE_KEYS.test(k) ? '[redacted]' : scrub(v, depth + 1);
    return out;
  }
  return value;
}

/** Structured JSON logs; every record passes through scrub() so identifiers never reach the sink. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'doorstep-bff' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (obj) => scrub(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          // Messages given as plain strings are scrubbed too.
          const cleaned = args.map((a) => (typeof a === 'string' ? scrubIdentifiers(a) : a)) as typeof args;
          return method.apply(this, cleaned);
        },
      },
    },
    destination,
  );
}
