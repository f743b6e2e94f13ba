// Configuration comes from the environment with sane defaults; the CLI may override some.
import path from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Serve cookies with `Secure`; turn on behind TLS. */
  SECURE_COOKIES: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Hex-encoded 32-byte key for personal-data encryption; otherwise a key file under DATA_DIR. */
  BURSAR_DATA_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters')
    .optional(),
  SESSION_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(8 * 60),
  /** Consecutive failed logins before an account is locked, and for how long. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Requests per minute per client to the login route. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  /** Where `bursar audit anchor` appends head hashes for an operator to ship elsewhere. */
  AUDIT_ANCHOR_FILE: z.string().optional(),
  /** Directory of the built web app; empty to serve the API only. */
  WEB_DIST: z.string().optional(),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /** Cron (UTC) of the nightly close of business, or `off`. */
  COB_SCHEDULE: z.string().min(1).default('30 16 * * *'),
  /** The lender's offset from UTC: the business date the nightly run closes is yesterday there. */
  COB_UTC_OFFSET_HOURS: z.coerce.number().min(-12).max(14).default(8),
  /** Run background jobs in `bursar serve` (`off` when separate `bursar worker` processes run them). */
  BURSAR_JOBS: z.enum(['on', 'off']).default('on'),
  /** How often the job queue looks for jobs whose worker died (expired) to retry them, in seconds. */
  BURSAR_JOB_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  /** A read replica for analytics and reports (read-only queries); the primary when unset. */
  DATABASE_READ_URL: z.string().url().optional(),
  /** Roles that must sign in with a second factor (comma-separated; `none` for none). */
  BURSAR_REQUIRE_TOTP_ROLES: z.string().default('admin'),
  /** Region of the database holding personal data (cn, us, eu); the database declares it on first start. */
  DATA_REGION: z.enum(['cn', 'us', 'eu']).optional(),
  /** Other regions personal-data exports and regulator extracts may go to (comma-separated). */
  DATA_EXPORT_ALLOWED_REGIONS: z
    .string()
    .regex(/^((cn|us|eu)(,(cn|us|eu))*)?$/, 'comma-separated list of cn, us, eu')
    .optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  secureCookies: boolean;
  dataKeyHex: string | undefined;
  sessionTtlMinutes: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginRateLimit: number;
  auditAnchorFile: string;
  webDist: string | undefined;
  bodyLimitBytes: number;
  cobSchedule: string;
  cobUtcOffsetHours: number;
  runJobs: boolean;
  jobMaintenanceSeconds: number;
  databaseReadUrl: string | undefined;
  requireTotpRoles: string[];
  /** Data residency (compliance): the declared region and where personal data may be exported. */
  dataRegion?: 'cn' | 'us' | 'eu' | undefined;
  dataExportAllowedRegions?: readonly string[];
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    secureCookies: e.SECURE_COOKIES,
    dataKeyHex: e.BURSAR_DATA_KEY,
    sessionTtlMinutes: e.SESSION_TTL_MINUTES,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    auditAnchorFile: path.resolve(e.AUDIT_ANCHOR_FILE ?? path.join(dataDir, 'audit-anchors.log')),
    webDist: e.WEB_DIST === '' ? undefined : path.resolve(e.WEB_DIST ?? defaultWebDist()),
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    cobSchedule: e.COB_SCHEDULE,
    cobUtcOffsetHours: e.COB_UTC_OFFSET_HOURS,
    runJobs: e.BURSAR_JOBS === 'on',
    jobMaintenanceSeconds: e.BURSAR_JOB_MAINTENANCE_SECONDS,
    databaseReadUrl: e.DATABASE_READ_URL,
    requireTotpRoles: e.BURSAR_REQUIRE_TOTP_ROLES.split(',')
      .map((r) => r.trim())
      .filter((r) => r && r !== 'none'),
    dataRegion: e.DATA_REGION,
    dataExportAllowedRegions: e.DATA_EXPORT_ALLOWED_REGIONS ? e.DATA_EXPORT_ALLOWED_REGIONS.split(',') : [],
    ...overrides,
  };
}

function defaultWebDist(): string {
  return path.resolve(import.meta.dirname, '../../web/dist');
}
