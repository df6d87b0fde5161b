import { z } from 'zod';
import { EMPLOYER_KINDS, type EmployerKind } from '@doorstep/shared';

/** Development defaults; production refuses to start with any of them. */
export const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-in-production-0000';
export const DEV_ENCRYPTION_KEY = 'ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM='; // base64 of a 32-byte dev string

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** Unset: 127.0.0.1 in development and test (not reachable from other hosts), 0.0.0.0 in production. */
    HOST: z.string().min(1).optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    MONGODB_URI: z.string().url().optional(),
    JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').default(DEV_JWT_SECRET),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86400).default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** A login (refresh-token family) ends this many days after it began, however often it was refreshed. */
    REFRESH_TOKEN_ABSOLUTE_DAYS: z.coerce.number().int().min(1).max(365).default(90),
    /** A refresh answer lost on a weak network: the same refresh token again within this window gets the same new pair. */
    REFRESH_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    /** How long one instance trusts a checked session (logout and disabling reach other instances within this). */
    SESSION_CHECK_SECONDS: z.coerce.number().int().min(0).max(60).default(3),
    ENCRYPTION_KEY: z
      .string()
      .default(DEV_ENCRYPTION_KEY)
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)'),
    BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/).default('64kb'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TRUST_PROXY: bool.default('false'),
    H5_DIR: z.string().optional(),
    /** Public address of this service, used in QR codes that people scan (electronic registration record). */
    PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
    WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
    WECHAT_APPID: z.string().default('wx-dev-appid'),
    WECHAT_SECRET: z.string().default('wx-dev-secret'),
    /** JSON map of notification kind → subscription template id; "default" applies to unlisted kinds. */
    WECHAT_TEMPLATES: z
      .string()
      .default('{}')
      .transform((v, ctx) => {
        try {
          const parsed = JSON.parse(v) as unknown;
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && Object.values(parsed).every((x) => typeof x === 'string')) return parsed as Record<string, string>;
        } catch { /* reported below */ }
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object of kind → template id' });
        return z.NEVER;
      }),
    /** Most notice texts (SMS fallback of important notices) one person gets per China day. */
    SMS_NOTICE_DAILY_CAP: z.coerce.number().int().min(0).max(50).default(3),
    /** The reminder scheduler (runs once across instances): on/off and how often each instance looks for due work. */
    SCHEDULER_ENABLED: bool.default('true'),
    SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    WECHAT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(5000),
    /**
     * Content security of user texts shown to others (gig postings, employer names, reports):
     * `wechat` checks with msgSecCheck (pass → published, review / no answer / no openid → staff review,
     * risky → refused); `review` holds every such text for staff review without calling WeChat (H5-only
     * deployments); `off` accepts them unchecked (development only). Unset: `wechat` in production, else `off`.
     */
    CONTENT_CHECK: z.enum(['wechat', 'review', 'off']).optional(),
    SMS_PROVIDER: z.enum(['outbox', 'http']).default('outbox'),
    SMS_API_BASE: z.string().url().optional(),
    SMS_API_KEY: z.string().optional(),
    SMS_CODE_TTL_SECONDS: z.coerce.number().int().min(60).max(1800).default(300),
    SMS_PHONE_COOLDOWN_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
    SMS_PHONE_HOURLY_LIMIT: z.coerce.number().int().min(1).max(100).default(5),
    SMS_IP_HOURLY_LIMIT: z.coerce.number().int().min(1).max(10000).default(30),
    /** Wrong codes: one client address locks itself out of a code after this many; others can still use it. */
    SMS_CODE_MAX_ATTEMPTS_PER_CLIENT: z.coerce.number().int().min(1).max(100).default(5),
    /** Wrong codes for one phone per day, from all addresses together; then SMS login of that phone waits for tomorrow. */
    SMS_LOGIN_FAILS_PER_PHONE_DAILY: z.coerce.number().int().min(1).max(1000).default(20),
    SMS_LOGIN_IP_HOURLY_LIMIT: z.coerce.number().int().min(1).max(100000).default(60),
    /** Per client address a minute, counted by each BFF instance (in memory). */
    RATE_WECHAT_LOGIN_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(20),
    RATE_POLICY_CALCULATOR_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(60),
    RATE_NEARBY_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(300),
    RATE_QR_VERIFY_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(30),
    DB_SERVER_SELECTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(2000),
    /**
     * Gig market. Minimum wage defaults: 黑龙江省 一类地区 standard (hourly 18 元; monthly 1860 元 ÷ 21.75
     * working days ≈ 86 元/day) as published in 2021 — a labelled default, set the current figures per city.
     */
    MIN_WAGE_HOURLY: z.coerce.number().positive().max(1000).default(18),
    MIN_WAGE_DAILY: z.coerce.number().positive().max(10000).default(86),
    /**
     * 失业保险金 standard defaults (city administrator's settings override them): monthly minimum wage
     * (黑龙江 一类 2021: 1860 元), the share of it paid as benefit (percent) and the city 低保 line it never goes below.
     */
    MIN_WAGE_MONTHLY: z.coerce.number().positive().max(100000).default(1860),
    UNEMPLOYMENT_BENEFIT_SHARE_PERCENT: z.coerce.number().min(1).max(100).default(90),
    DIBAO_MONTHLY: z.coerce.number().positive().max(100000).default(739),
    /** Service area of the demo city (Harbin's administrative extent, a lat/lng box): "minLat,minLng,maxLat,maxLng". */
    SERVICE_AREA: z
      .string()
      .default('44.0,125.6,46.7,130.3')
      .transform((v, ctx) => {
        const n = v.split(',').map(Number);
        if (n.length !== 4 || n.some((x) => !Number.isFinite(x)) || n[0]! >= n[2]! || n[1]! >= n[3]!) {
          ctx.addIssue({ code: 'custom', message: 'must be "minLat,minLng,maxLat,maxLng"' });
          return z.NEVER;
        }
        return { minLat: n[0]!, minLng: n[1]!, maxLat: n[2]!, maxLng: n[3]! };
      }),
    /** Quick hiring: radius of workers notified and the most quick-hire notices one worker gets per day. */
    QUICK_HIRE_RADIUS_KM: z.coerce.number().positive().max(50).default(5),
    QUICK_HIRE_DAILY_CAP: z.coerce.number().int().min(1).max(50).default(3),
    /** Most gigs one employer may post per China day (abuse limit); more answers 429. */
    GIG_DAILY_POST_CAP: z.coerce.number().int().min(1).max(1000).default(20),
    /** Employer kinds that may choose 承诺制 (publish at once on the 经办人's written commitment), comma-separated. */
    EMPLOYER_COMMITMENT_KINDS: z
      .string()
      .default('enterprise,individual_business,household')
      .transform((v, ctx) => {
        const kinds = v.split(',').map((x) => x.trim()).filter(Boolean);
        const bad = kinds.filter((k) => !(EMPLOYER_KINDS as readonly string[]).includes(k));
        if (bad.length) {
          ctx.addIssue({ code: 'custom', message: `unknown employer kinds: ${bad.join(', ')} (use ${EMPLOYER_KINDS.join(', ')})` });
          return z.NEVER;
        }
        return kinds as EmployerKind[];
      }),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (env.JWT_SECRET === DEV_JWT_SECRET) ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'must be set to a secret of your own in production' });
    if (env.ENCRYPTION_KEY === DEV_ENCRYPTION_KEY) ctx.addIssue({ code: 'custom', path: ['ENCRYPTION_KEY'], message: 'must be set to a key of your own in production' });
    if (env.SMS_PROVIDER === 'outbox') ctx.addIssue({ code: 'custom', path: ['SMS_PROVIDER'], message: 'the development outbox cannot be used in production; set SMS_PROVIDER=http' });
    if (env.CONTENT_CHECK === 'off') ctx.addIssue({ code: 'custom', path: ['CONTENT_CHECK'], message: 'user texts cannot go unchecked in production; use wechat, or review (every text waits for staff)' });
    if (env.WECHAT_APPID === 'wx-dev-appid' || env.WECHAT_SECRET === 'wx-dev-secret') ctx.addIssue({ code: 'custom', path: ['WECHAT_APPID'], message: 'WECHAT_APPID and WECHAT_SECRET must be set in production' });
  })
  .superRefine((env, ctx) => {
    if (env.SMS_PROVIDER === 'http' && !env.SMS_API_BASE) ctx.addIssue({ code: 'custom', path: ['SMS_API_BASE'], message: 'required when SMS_PROVIDER=http' });
  });

export type ContentCheckMode = 'wechat' | 'review' | 'off';
export type Config = Omit<z.infer<typeof envSchema>, 'HOST' | 'CONTENT_CHECK'> & { HOST: string; CONTENT_CHECK: ContentCheckMode; isProduction: boolean };

export class ConfigError extends Error {}

/** The only place that reads process.env. Throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const isProduction = parsed.data.NODE_ENV === 'production';
  return {
    ...parsed.data, HOST: parsed.data.HOST ?? (isProduction ? '0.0.0.0' : '127.0.0.1'),
    CONTENT_CHECK: parsed.data.CONTENT_CHECK ?? (isProduction ? 'wechat' : 'off'), isProduction,
  };
}
