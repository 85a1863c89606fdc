import path from 'node:path';
import { z } from 'zod';

// The only reader of process.env. Every setting is parsed once, here, so that
// a typo or a missing secret fails at start with a clear message.

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v === '1' || v === 'true'));

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const optionalUrl = optionalString.pipe(z.url().optional());

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: optionalUrl,
  DATABASE_URL: optionalString,
  DATA_DIR: z.string().default('./.data'),
  AUTH_SECRET: optionalString.pipe(z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional()),
  ADMIN_EMAIL: optionalString.pipe(z.email().optional()),
  ADMIN_PASSWORD: optionalString.pipe(z.string().min(12, 'ADMIN_PASSWORD must be at least 12 characters').optional()),
  REDIS_URL: optionalString,
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  TRUST_PROXY: flag,
  METRICS_TOKEN: optionalString,
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  RETENTION_DAYS: z.coerce.number().int().min(1).default(90),
  SNAPSHOT_RETENTION_DAYS: z.coerce.number().int().min(1).default(65),
  SCHEDULE_TZ: z.string().default('America/Chicago'),
  DEMO: flag,
  DEMO_PASSWORD: optionalString.pipe(z.string().min(12, 'DEMO_PASSWORD must be at least 12 characters').optional()),
  HOME_ORG_NAME: z.string().trim().min(1).default('Our MSP'),
  RUN_JOBS_IN_WEB: flag,
  /** Enables the bare baseline endpoint the ingestion benchmark compares against; never set in production. */
  BENCH: flag,
  SMTP_URL: optionalString,
  MAIL_FROM: z.string().default('MSP Ops Hub <no-reply@localhost>'),
  DRUPAL_RELEASE_HISTORY_URL: z.url().default('https://updates.drupal.org/release-history'),
  NINJAONE_BASE_URL: optionalUrl,
  NINJAONE_CLIENT_ID: optionalString,
  NINJAONE_CLIENT_SECRET: optionalString,
  NINJAONE_REFRESH_TOKEN: optionalString,
  THREATLOCKER_BASE_URL: optionalUrl,
  THREATLOCKER_API_KEY: optionalString,
  THREATLOCKER_ORG_ID: optionalString,
  CONNECTWISE_SERVER: optionalString,
  CONNECTWISE_COMPANY_ID: optionalString,
  CONNECTWISE_CLIENT_ID: optionalString,
  CONNECTWISE_PUBLIC_KEY: optionalString,
  CONNECTWISE_PRIVATE_KEY: optionalString,
  QUICKBOOKS_BASE_URL: optionalUrl,
  QUICKBOOKS_CLIENT_ID: optionalString,
  QUICKBOOKS_CLIENT_SECRET: optionalString,
  QUICKBOOKS_REFRESH_TOKEN: optionalString,
  QUICKBOOKS_REALM_ID: optionalString,
  /** Signs collector-batch callbacks (HMAC-SHA256); callbacks are refused while unset. */
  WEBHOOK_SECRET: optionalString.pipe(z.string().min(16, 'WEBHOOK_SECRET must be at least 16 characters').optional()),
});

export type Env = Omit<z.infer<typeof schema>, 'LOG_LEVEL'> & {
  LOG_LEVEL: NonNullable<z.infer<typeof schema>['LOG_LEVEL']>;
  /** Absolute data folder (embedded database, generated secrets). */
  dataDir: string;
  /** True when the embedded PGlite database is used. */
  isEmbedded: boolean;
  /** True when DRUPAL_RELEASE_HISTORY_URL was set (demo mode otherwise uses the built-in simulator). */
  drupalReleaseHistoryConfigured: boolean;
};

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${problems}`);
  }
  const value = parsed.data;
  if (value.NODE_ENV === 'production' && value.DATABASE_URL && !value.AUTH_SECRET) {
    throw new Error('Invalid environment:\n  AUTH_SECRET: required when DATABASE_URL is set in production');
  }
  cached = {
    ...value,
    // Tests are quiet unless a level is asked for.
    LOG_LEVEL: value.LOG_LEVEL ?? (value.NODE_ENV === 'test' ? 'silent' : 'info'),
    dataDir: path.resolve(value.DATA_DIR),
    isEmbedded: !value.DATABASE_URL,
    drupalReleaseHistoryConfigured: Boolean(process.env.DRUPAL_RELEASE_HISTORY_URL?.trim()),
  };
  return cached;
}

/** Tests change variables between suites; production never calls this. */
export function resetEnvForTests(): void {
  cached = undefined;
}
