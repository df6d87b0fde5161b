import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import helmet from 'koa-helmet';
import type { Connection } from 'mongoose';
import { registrationFacts, toChinaDateString } from '@doorstep/shared';
import type { Logger } from 'pino';
import type { Config } from './config';
import { BODY_METHODS, type AppState, type HttpMethod, type RouteDef } from './http/api';
import { h5Static } from './http/static';
import { createTokenSigner, SessionGate } from './http/auth';
import { errorHandler } from './http/error-handler';
import { AppError } from './http/errors';
import { buildOpenApi } from './http/openapi';
import { RateLimiter, RouteLimits, routeLimitSettings } from './http/rate-limit';
import { requestLog } from './http/request-log';
import { buildRouter } from './http/router';
import { HttpSmsProvider, OutboxSmsProvider, type SmsProvider } from './integrations/sms';
import { createWechatClient, type WechatClient } from './integrations/wechat';
import { assistanceRoutes } from './modules/assistance/routes';
import { householdRoutes } from './modules/households/routes';
import { HouseholdService } from './modules/households/service';
import { AssistanceService } from './modules/assistance/service';
import { auditRoutes, AuditService } from './modules/audit/service';
import { authRoutes } from './modules/auth/routes';
import { calendarRoutes, CalendarService } from './modules/calendar/service';
import { ContentGuard } from './modules/content/guard';
import { AuthService } from './modules/auth/service';
import { devRoutes, requireLoopback } from './modules/dev/routes';
import { employerRoutes } from './modules/employers/routes';
import { EmployerService } from './modules/employers/service';
import { gigRoutes } from './modules/gigs/routes';
import { GigService } from './modules/gigs/service';
import { healthRoutes } from './modules/health/routes';
import { Readiness } from './http/readiness';
import { insuranceRoutes } from './modules/insurance/routes';
import { InsuranceService } from './modules/insurance/service';
import { notificationRoutes } from './modules/notifications/routes';
import { NotificationService, subjectOf, type CaseNotices } from './modules/notifications/service';
import { reminderJobs, Scheduler } from './modules/notifications/scheduler';
import { retirementJob } from './modules/registration/retirement-job';
import { policyRoutes } from './modules/policies/routes';
import { privacyRoutes } from './modules/privacy/routes';
import { PrivacyService } from './modules/privacy/service';
import { PolicyService } from './modules/policies/service';
import { regionRoutes } from './modules/regions/routes';
import { registrationRoutes } from './modules/registration/routes';
import { RegistrationService } from './modules/registration/service';
import { EmploymentService } from './modules/registration/employment';
import { StaffDirectory, type RecordDistrict } from './modules/staff/actor';
import { staffRoutes } from './modules/staff/routes';
import { serviceRoutes } from './modules/services/routes';
import { ServiceDesk } from './modules/services/service';
import { ratingRoutes } from './modules/ratings/routes';
import { vacancyRoutes } from './modules/vacancies/routes';
import { VacancyService } from './modules/vacancies/service';
import { ReferralService } from './modules/vacancies/referrals';
import { RatingService } from './modules/ratings/service';
import { stationRoutes } from './modules/stations/routes';
import { statsRoutes } from './modules/stats/routes';
import { StatsService } from './modules/stats/service';
import { workbenchRoutes } from './modules/workbench/routes';
import { WorkbenchService } from './modules/workbench/service';
import { SettingsService, settingsRoutes } from './modules/workbench/settings';
import { createPii, type Pii } from './security/pii';

export interface AppDeps {
  config: Config;
  conn: Connection;
  logger: Logger;
  /** Overrides for tests; production builds them from config. */
  wechat?: WechatClient;
  sms?: SmsProvider;
  now?: () => number;
}

export interface BuiltApp {
  app: Koa<AppState>;
  routes: RouteDef[];
  /** Reminder scheduler; server.ts starts it (tests call tick()). */
  scheduler: Scheduler;
  /** What /readyz waits for (server.ts tracks migrations and the nearby index warm-up). */
  readiness: Readiness;
  services: { auth: AuthService; pii: Pii; notifier: NotificationService; policies: PolicyService; audit: AuditService; calendar: CalendarService; registrations: RegistrationService; employers: EmployerService; gigs: GigService; workbench: WorkbenchService; stats: StatsService; insurance: InsuranceService; employment: EmploymentService; assistance: AssistanceService; serviceDesk: ServiceDesk; ratings: RatingService; households: HouseholdService; vacancies: VacancyService; referrals: ReferralService };
}

/** Builds the Koa app from the feature modules without listening (tests call this). */
export function createApp(deps: AppDeps): BuiltApp {
  const { config, conn, logger } = deps;
  const pii = createPii(config.ENCRYPTION_KEY);
  const signer = createTokenSigner(config.JWT_SECRET, config.ACCESS_TOKEN_TTL_SECONDS);
  const limiter = new RateLimiter(conn, deps.now);
  const outbox = config.SMS_PROVIDER === 'outbox' ? new OutboxSmsProvider(conn, pii) : null;
  const sms = deps.sms ?? outbox ?? new HttpSmsProvider(config.SMS_API_BASE!, config.SMS_API_KEY);
  const wechat = deps.wechat ?? createWechatClient({ baseUrl: config.WECHAT_API_BASE, appId: config.WECHAT_APPID, secret: config.WECHAT_SECRET, timeoutMs: config.WECHAT_TIMEOUT_MS });
  const audit = new AuditService(conn, deps.now);
  const auth = new AuthService({ conn, config, pii, signer, limiter, sms, wechat, audit, now: deps.now });
  // Logout and disabling end access within SESSION_CHECK_SECONDS on every instance (at once on this one).
  const sessions = new SessionGate((userId, sessionId) => auth.sessionActive(userId, sessionId), config.SESSION_CHECK_SECONDS * 1000);
  auth.onSessionsChanged((userId) => sessions.forget(userId));
  const notifier = new NotificationService({ conn, wechat, templates: config.WECHAT_TEMPLATES, logger, sms, pii, smsDailyCap: config.SMS_NOTICE_DAILY_CAP, now: deps.now });
  // Catalog changes made by another instance show up within a second; this instance's own at once.
  // The applicant district rule reads registrations, gig profiles and employers: bound once they exist (below).
  let districtOfUser: (userId: string) => Promise<string | null> = async () => null;
  const policies = new PolicyService({ conn, notifier, logger, pii, audit, now: deps.now, revisionCheckMs: 1000, districtOfUser: (id) => districtOfUser(id), insuranceStandard: () => settings.insuranceStandard() });
  const calendar = new CalendarService(conn, audit);
  const registrations = new RegistrationService({
    conn, pii, audit, calendar, notifier, logger, verifyBaseUrl: config.PUBLIC_BASE_URL, now: deps.now,
    // 政策找人: an approved (or ended) registration updates the person's facts; policies they now fit notify them once.
    onFactsChanged: (userId, reg) => refreshFacts(userId, reg),
    // 失业保险金: a registration that ends stops the claim drawn with it (from the next month).
    onExited: (reg) => insurance.onRegistrationExited(reg),
    // 窗口代办: the claim SMS; 第六十三条（三）: stable income against the monthly minimum wage setting.
    sms, limiter, minWageMonthly: async () => (await settings.insuranceStandard()).minWageMonthly,
    // 就业援助: only a recognition (not a declared hardship) makes the registration 就业困难人员.
    recognisedFor: async (userId) => (await assistance.recognisedFor(userId))?.categories ?? [],
  });
  // 就业援助: the recognised 就业困难人员 categories (approved, within validity) are the person's 困难类别 in the policy facts.
  const assistance: AssistanceService = new AssistanceService({
    conn, pii, audit, calendar, notifier, registrations, now: deps.now, logger,
    householdFlag: (userId) => households.flagFor(userId),
    onRecognitionChanged: async (userId) => {
      await registrations.reclassify(userId).catch((err) => logger.warn({ err: (err as Error).message }, 'reclassification after recognition change failed'));
      const reg = await registrations.Registration.findOne({ userId, status: { $in: ['approved', 'exited'] } }).sort({ updatedAt: -1 }).lean();
      if (reg) await refreshFacts(userId, reg as Parameters<typeof registrationFacts>[0] & { updatedAt: Date });
    },
  });
  // Facts from the registration plus the recognition; stamped with the later of the two changes (newer facts win).
  async function refreshFacts(userId: string, reg: Parameters<typeof registrationFacts>[0] & { updatedAt: Date }): Promise<void> {
    try {
      const rec = await assistance.recognisedFor(userId);
      const asOf = rec && rec.changedAt.getTime() > new Date(reg.updatedAt).getTime() ? rec.changedAt : reg.updatedAt;
      await policies.onPersonFactsChanged(userId, registrationFacts(reg, new Date((deps.now ?? Date.now)()), rec?.categories ?? []), asOf);
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'policy matching after registration change failed');
    }
  }
  const staffDirectory = new StaffDirectory(conn);
  // Content security (msgSecCheck) of the texts others see: postings, employer names, reports.
  const content = new ContentGuard({ mode: config.CONTENT_CHECK, wechat, conn, logger, now: deps.now });
  const employers = new EmployerService(conn, { pii, notifier, now: deps.now, logger, commitmentKinds: config.EMPLOYER_COMMITMENT_KINDS, content });
  // Minimum wage and service area: staff-edited settings in the database, the configuration as default.
  const settings = new SettingsService(conn, audit, config);
  void settings.reload().catch(() => undefined);
  const insurance: InsuranceService = new InsuranceService({ conn, pii, audit, calendar, notifier, registrations, standard: () => settings.insuranceStandard(), now: deps.now, logger });
  const gigConfig = settings.gigConfig(config);
  const gigs = new GigService(conn, { config: gigConfig, pii, notifier, employers, logger, content, now: deps.now });
  const employment = new EmploymentService({ conn, registrations, employers, applications: gigs.models.Application, notifier, now: deps.now });
  // 零就业家庭: a member's 就业登记 clears the household (listener here; the daily reconcile below if it failed).
  const households = new HouseholdService({ conn, pii, registrations, employment, now: deps.now, logger });
  employment.onRecorded((e) => households.onEmploymentRecorded(e));
  // 服务事项清单 and booking: places are the center's hall and its districts' stations (staff-edited settings).
  // 优先名额: recognised 就业困难人员 and veterans (the inbox's priority rule, for one person) may take reserved seats.
  const serviceDesk = new ServiceDesk({ conn, pii, audit, notifier, stations: () => settings.stations(), isPriority: (userId) => assistance.isPriorityPerson(userId), logger, now: deps.now });
  // 岗位: vacancies with the gig posting rules (minimum wage from settings), recommended from the registration.
  const vacancies = new VacancyService({
    conn, pii, notifier, employers, content, logger, now: deps.now, registrations,
    rules: async () => ({ minWageMonthly: (await settings.insuranceStandard()).minWageMonthly, minWageHourly: gigConfig.MIN_WAGE_HOURLY, area: gigConfig.SERVICE_AREA, dailyPostCap: config.GIG_DAILY_POST_CAP }),
    homeOf: (userId) => gigs.savedHome(userId), phoneOf: (userId) => auth.phoneOf(userId),
  });
  const referrals = new ReferralService({ vacancies, registrations, audit, notifier, logger, onReferred: (actor, userId, r) => assistance.recordVacancyReferral(actor, userId, r) });
  // 好差评: each owning module says whether a case is handled, whose it is and its center.
  const ratings = new RatingService({
    conn, pii, audit, calendar, notifier, content, logger, now: deps.now, maskedNameOfUser: (id) => registrations.maskedNameOfUser(id),
    cases: {
      registration: (id) => registrations.handledCaseOf(id),
      insurance: (id) => insurance.handledCaseOf(id),
      policy: (id) => policies.handledCaseOf(id),
      booking: (id) => serviceDesk.handledCaseOf(id),
      referral: (id) => referrals.handledCaseOf(id),
    },
  });
  const workbench = new WorkbenchService({ conn, pii, audit, calendar, notifier, registrations, employers, gigs, policies, insurance, assistance, ratings, households, vacancies, now: deps.now });
  void workbench.backfillDistricts().then((n) => { if (n) logger.info({ n }, 'stored districts of older records'); }, (err) => logger.warn({ err: (err as Error).message }, 'district backfill failed'));
  districtOfUser = async (id) => (await workbench.applicantDistricts([id])).get(id) ?? null;
  // The district each center-owned record belongs to (the routing rule in workbench/routing.ts).
  const recordDistrict: RecordDistrict = async (kind, id) => {
    if (kind !== 'registration') return workbench.districtOf(kind, id);
    const reg = await registrations.Registration.findById(id).select({ district: 1 }).lean().catch(() => null);
    return reg ? ((reg as { district?: string | null }).district ?? null) : undefined;
  };
  const scheduler = new Scheduler(conn, [
    ...reminderJobs({ conn, notices: notifier, calendar }),
    retirementJob(registrations),
    // A recognition past its validity stops counting once a day (facts derived again, the person told).
    { name: 'households-reconcile', slot: (now) => toChinaDateString(new Date(now)), run: () => households.reconcile() },
    { name: 'vacancies-expire', slot: (now) => toChinaDateString(new Date(now)), run: () => vacancies.expireDue() },
    { name: 'assistance-expiry', slot: (now) => toChinaDateString(new Date(now)), run: () => assistance.expireDue() },
  ], { now: deps.now, logger, intervalMs: config.SCHEDULER_INTERVAL_SECONDS * 1000 });
  const stats = new StatsService({ conn, audit, registrations, gigs, policies, workbench, ratings, households, referrals, now: deps.now });
  const privacy = new PrivacyService({ conn, pii, audit, gigs, now: deps.now, sessionsEnded: (userId) => sessions.forget(userId) });

  const readiness = new Readiness();
  const caseNotices: CaseNotices = (type, id) => notifier.forSubject(subjectOf(type, id));
  const devEndpoints = config.NODE_ENV === 'development' || config.NODE_ENV === 'test';
  const routes: RouteDef[] = [
    ...healthRoutes(conn, readiness),
    ...authRoutes(auth),
    ...privacyRoutes(privacy),
    ...regionRoutes(conn),
    ...notificationRoutes(notifier),
    ...policyRoutes(policies, recordDistrict, caseNotices),
    ...registrationRoutes(registrations, recordDistrict, employment, caseNotices),
    ...insuranceRoutes(insurance, caseNotices),
    ...assistanceRoutes(assistance),
    ...householdRoutes(households),
    ...auditRoutes(audit),
    ...calendarRoutes(calendar),
    ...staffRoutes(auth),
    ...employerRoutes(employers, recordDistrict),
    ...gigRoutes(gigs, recordDistrict),
    ...stationRoutes(() => settings.stations()),
    ...serviceRoutes(serviceDesk),
    ...ratingRoutes(ratings),
    ...vacancyRoutes(vacancies, referrals),
    ...workbenchRoutes(workbench),
    ...statsRoutes(stats),
    ...settingsRoutes(settings),
    ...(devEndpoints && outbox ? devRoutes(outbox) : []),
  ];
  const openapi = buildOpenApi(routes);
  const router = buildRouter(routes, signer, { limits: new RouteLimits(routeLimitSettings(config)), sessions, resolveStaff: (id) => staffDirectory.resolve(id), audit });
  router.get('/api/openapi.json', (ctx) => { ctx.body = openapi; });

  // Behind a proxy only the address the proxy itself appended counts (the rightmost X-Forwarded-For
  // entry); whatever a client put in front of it is ignored, so it cannot pick its own rate-limit key.
  const app = new Koa<AppState>({ proxy: config.TRUST_PROXY, maxIpsCount: config.TRUST_PROXY ? 1 : 0 });
  app.silent = true; // errors are logged by errorHandler, scrubbed
  const h5Dir = config.H5_DIR ? path.resolve(config.H5_DIR) : null;
  const h5Index = h5Dir ? path.join(h5Dir, 'index.html') : null;
  const h5Present = Boolean(h5Index && fs.existsSync(h5Index));
  app.use(requestLog(logger));
  app.use(errorHandler(logger));
  app.use(helmet(securityHeaders(config.isProduction, h5Present ? inlineScriptHashes(fs.readFileSync(h5Index!, 'utf8')) : [])));
  app.use(async (ctx, next) => {
    // Development endpoints: checked before validation, so other hosts cannot even tell they exist.
    if (ctx.path.startsWith('/api/dev/')) requireLoopback(ctx);
    await next();
  });
  app.use(async (ctx, next) => {
    // Only JSON bodies are accepted on the API; anything else is a clear 415 rather than a silent empty body.
    if (ctx.path.startsWith('/api') && BODY_METHODS.includes(ctx.method.toLowerCase() as HttpMethod) && ctx.request.length && !ctx.is('application/json')) {
      throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '只接受 JSON 格式的请求（Content-Type: application/json）');
    }
    await next();
  });
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: config.BODY_LIMIT, jsonStrict: true, onError: (err) => { throw err; } }));
  app.use(async (ctx, next) => {
    await next();
    // A known path with a method it does not have (TRACE, QUERY, PUT on a GET route…) is the client's
    // mistake: 405 with Allow, never koa-router's 501.
    if ((ctx.status === 501 || ctx.status === 405) && ctx.body === undefined) {
      if (!ctx.response.get('Allow')) throw new AppError(404, 'NOT_FOUND', '接口不存在');
      throw new AppError(405, 'METHOD_NOT_ALLOWED', `接口不支持 ${ctx.method} 请求`);
    }
  });
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: false }));

  if (h5Dir && h5Present) {
    app.use(h5Static(h5Dir));
  }
  return { app, routes, scheduler, readiness, services: { auth, pii, notifier, policies, audit, calendar, registrations, employers, gigs, workbench, stats, insurance, employment, assistance, serviceDesk, ratings, households, vacancies, referrals } };
}

/** sha256 sources of the inline <script> blocks of the H5 index.html (Taro inlines its rem/viewport script). */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (m[1]) hashes.add(`'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

/**
 * koa-helmet settings. CSP fits the H5 app served from this origin: its own scripts plus the hashes
 * of index.html's inline scripts; inline styles (Taro components set style attributes and inject
 * <style>); data: images (the registration record's QR code is a PNG data URL); API calls to this
 * origin only; no framing by anyone (frame-ancestors 'none'). HSTS only in production (HTTPS there).
 */
export function securityHeaders(production: boolean, scriptHashes: string[]): Parameters<typeof helmet>[0] {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...scriptHashes],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: production ? { maxAge: 180 * 86400, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  };
}
