import { existsSync } from 'node:fs';
import helmet from '@fastify/helmet';
import jwt from '@fastify/jwt';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { markAuditorRead, recordAuditorRead } from './auditor-reads.js';
import { PATH_PARAM_MAX } from '../domain/ids.js';
import type { ApiDeps } from './deps.js';
import { echoRequestIds, requestIdOptions } from './logging.js';
import { installMetrics } from './metrics.js';
import { documentRefusals, finishDocument } from './openapi.js';
import { closeToRespondents } from './access.js';
import { errorHandler, problem } from './problem.js';
import { DEFAULT_WRITE_RATE_LIMIT, limitWrites } from './rate-limits.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { cycleRoutes } from './routes/cycles.js';
import { deviceRoutes } from './routes/devices.js';
import { draftRoutes } from './routes/drafts.js';
import { formXlsxRoutes } from './routes/form-xlsx.js';
import { lateRoutes } from './routes/late.js';
import { receiptRoutes } from './routes/receipts.js';
import { reportingRoutes } from './routes/reporting.js';
import { cycleCountRoutes } from './routes/cycle-counts.js';
import { enumeratorRoutes } from './routes/enumerators.js';
import { enrolmentRoutes } from './routes/enrolment.js';
import { frameRoutes } from './routes/frame.js';
import { respondentRoutes } from './routes/respondents.js';
import { healthRoutes } from './routes/health.js';
import { liveRoutes } from './routes/live.js';
import { rebuildRoutes } from './routes/rebuild.js';
import { reproduceRoutes } from './routes/reproduce.js';
import { responseRoutes } from './routes/responses.js';
import { resultRoutes } from './routes/results.js';
import { surveyRoutes } from './routes/surveys.js';
import { versionRoutes } from './routes/versions.js';
import { xlsformRoutes } from './routes/xlsform.js';
import { taskRoutes } from './routes/tasks.js';
import { userRoutes } from './routes/users.js';
import { gateWrites } from './write-gate.js';

/** Path parameters longer than this answer 414 before routing; every id is far shorter (PATH_PARAM_MAX). */
export const ROUTER_PARAM_LIMIT = 1024;
if (ROUTER_PARAM_LIMIT < PATH_PARAM_MAX) throw new Error('the router would refuse the longest id');

export interface AppOptions {
  /** A logger from `createLogger` (./logging.ts), which redacts secrets; `true` is Fastify's own. */
  readonly logger?: FastifyBaseLogger | boolean;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * A path that exists, asked with a method it does not take, is a 405 naming the methods it
 * does take (`Allow`), before its body is read; only a path with no route at all is a 404.
 */
function refuseOtherMethods(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.is404) return;
    const url = request.url.split('?')[0]!;
    // A static path (`/api/surveys/import/xlsform`) also fits a parameter's pattern
    // (`/api/surveys/:id/xlsform`); only the routes that fit it most exactly count.
    const matches = METHODS.map((method) => ({ method, route: app.findRoute({ method, url }) })).filter((m) => m.route !== null);
    const params = (m: (typeof matches)[number]) => Object.keys(m.route!.params).length;
    const fewest = Math.min(...matches.map(params));
    const allowed = matches.filter((m) => params(m) === fewest).map((m) => m.method);
    if (allowed.length === 0) return;
    await reply.code(405).header('allow', allowed.join(', ')).type('application/problem+json').send(problem(405, `${url} takes ${allowed.join(', ')}, not ${request.method}`));
  });
}

/** How long a read waits for the read models to show another replica's writes before it answers from what they show. */
const SHARED_READ_WAIT_MS = 2_000;

/**
 * When other processes append to the log too (replicas of a cluster), a read first waits
 * until this replica's read models show everything the log held when the read came: a
 * write answered by one replica is then seen by the next read on any other. One look at the
 * log's head per read; the wait is usually nothing.
 */
function readOthersWrites(app: FastifyInstance, deps: ApiDeps): void {
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'GET' || !request.url.startsWith('/api/')) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([deps.projector.settle().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, SHARED_READ_WAIT_MS)))]);
    clearTimeout(timer);
  });
}

/** The HTTP API: external plugins, then the app's dependencies, then the routes. */
export async function buildApp(deps: ApiDeps, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: typeof options.logger === 'object' ? options.logger : undefined,
    logger: typeof options.logger === 'boolean' ? options.logger : undefined,
    bodyLimit: 1024 * 1024,
    // The router's limit sits above the longest id (domain/ids.ts), so an id too long for its
    // kind gets a 400 naming the parameter from the route's schema; only a path parameter
    // over this limit is refused by the router itself (414).
    routerOptions: { maxParamLength: ROUTER_PARAM_LIMIT },
    ...requestIdOptions,
    ajv: { customOptions: { removeAdditional: false } },
    // Fastify's own refusals before routing (an overlong path parameter, bad percent-encoding) as problem details too.
    frameworkErrors: (err, request, reply) => {
      errorHandler(err, request, reply);
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => reply.code(404).type('application/problem+json').send(problem(404, `no route ${request.method} ${request.url.split('?')[0]}`)));
  refuseOtherMethods(app);
  // On the root instance: hooks added inside a plugin would see only that plugin's routes.
  echoRequestIds(app);
  documentRefusals(app);
  closeToRespondents(app);
  installMetrics(app, deps);
  app.addHook('preHandler', markAuditorRead);
  app.addHook('onSend', recordAuditorRead);
  if (deps.sharedLog) readOthersWrites(app, deps);
  if (deps.writeGate) gateWrites(app, deps.writeGate);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
      },
    },
  });
  await app.register(rateLimit, { global: false });
  limitWrites(app, deps.writeRateLimit ?? DEFAULT_WRITE_RATE_LIMIT);
  await app.register(jwt, { secret: deps.authSecret });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Survey operations engine', version: '0.1.0', description: 'Surveys, cycles, tasks, results and audit of a statistics office.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: jsonSchemaTransform,
    // Schemas with an id (`Problem`) become components, referenced wherever they are used.
    transformObject: (document) => finishDocument(jsonSchemaTransformObject(document) as Record<string, unknown>) as never,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.decorate('deps', deps);
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(surveyRoutes);
  await app.register(xlsformRoutes);
  await app.register(versionRoutes);
  await app.register(frameRoutes);
  await app.register(enrolmentRoutes);
  await app.register(cycleRoutes);
  await app.register(cycleCountRoutes);
  await app.register(resultRoutes);
  await app.register(taskRoutes);
  await app.register(draftRoutes);
  await app.register(respondentRoutes);
  await app.register(formXlsxRoutes);
  await app.register(lateRoutes);
  await app.register(receiptRoutes);
  await app.register(reportingRoutes);
  await app.register(auditRoutes);
  await app.register(rebuildRoutes);
  await app.register(reproduceRoutes);
  await app.register(responseRoutes);
  await app.register(liveRoutes);
  await app.register(userRoutes);
  await app.register(deviceRoutes);
  await app.register(enumeratorRoutes);

  if (deps.uiDir && existsSync(deps.uiDir)) {
    await app.register(fastifyStatic, { root: deps.uiDir, prefix: '/', wildcard: false });
    // Browsers and tools that ignore the page's icon link still ask for this one.
    app.get('/favicon.ico', { schema: { hide: true } }, (_request, reply) => reply.redirect('/favicon.svg', 301));
  }
  return app;
}
