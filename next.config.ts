import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native, WASM and worker-spawning packages must be loaded by Node at run
  // time, not bundled.
  serverExternalPackages: [
    '@electric-sql/pglite',
    'pg',
    'pg-boss',
    'pino',
    'ioredis',
    '@node-rs/argon2',
    'prom-client',
    'nodemailer',
    'pdfkit',
    'exceljs',
  ],
  typedRoutes: false,
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
