import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import pino, { type DestinationStream, type Logger } from 'pino';

/** What a client may send as an id: short, and safe to echo in a header and a log line. */
const SANE_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const sane = (value: string | string[] | undefined): string | undefined => (typeof value === 'string' && SANE_ID.test(value) ? value : undefined);

interface Ids {
  readonly requestId: string;
  readonly correlationId: string;
}
const idsOf = new WeakMap<IncomingMessage, Ids>();

/**
 * Fastify options that make `request.id` the correlation id: the routes put `request.id`
 * into every event a request causes, so a client's `X-Correlation-Id` follows its work
 * into the log. The request id, one per request unless the client names it, is kept
 * beside it; both go on every request's log lines.
 */
export const requestIdOptions = {
  requestIdHeader: false as const,
  genReqId(req: IncomingMessage): string {
    const requestId = sane(req.headers['x-request-id']) ?? randomUUID();
    const correlationId = sane(req.headers['x-correlation-id']) ?? requestId;
    idsOf.set(req, { requestId, correlationId });
    return correlationId;
  },
  childLoggerFactory: ((logger, bindings, options, req) => {
    const ids = idsOf.get(req);
    return logger.child(ids ? { requestId: ids.requestId, correlationId: ids.correlationId } : bindings, options);
  }) satisfies NonNullable<FastifyServerOptions['childLoggerFactory']>,
};

/** Echoes both ids, so that a client can quote them when it reports a problem. */
export function echoRequestIds(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', idsOf.get(request.raw)?.requestId ?? request.id);
    reply.header('x-correlation-id', request.id);
  });
}

/** Secrets that must never reach a log line, whatever a caller logs. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'password',
  '*.password',
  'passwordHash',
  '*.passwordHash',
  'token',
  '*.token',
];

/** JSON lines in production, for a log shipper; plain lines otherwise, for a person at a terminal. */
export function createLogger(options: { production: boolean; level?: string }, destination?: DestinationStream): Logger {
  const level = options.level ?? (options.production ? 'info' : 'warn');
  const redact = { paths: REDACT, censor: '[redacted]' };
  if (options.production) return pino({ level, redact }, destination);
  return pino({ level, redact, base: null }, destination ?? plainLines(process.stdout));
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** One readable line per entry: time, level, message, then the other fields (an error's stack below). */
export function plainLines(out: NodeJS.WritableStream): DestinationStream {
  return {
    write(line: string) {
      const { time, level, msg, err, ...fields }: Record<string, unknown> = JSON.parse(line);
      const rest = Object.entries(fields).map(([k, v]) => ` ${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
      const stack = typeof err === 'object' && err !== null && 'stack' in err && typeof err.stack === 'string' ? err.stack : err && JSON.stringify(err);
      out.write(`${new Date(Number(time)).toISOString().slice(11, 23)} ${LEVELS[Number(level)] ?? level} ${String(msg ?? '')}${rest.join('')}${stack ? `\n${stack}` : ''}\n`);
    },
  };
}
