import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';

// Every test process gets its own data folder and a fixed signing secret,
// and never touches a developer's ./.data or their DATABASE_URL.
(process.env as Record<string, string>).NODE_ENV = 'test';
process.env.AUTH_SECRET ??= 'test-secret-that-is-long-enough-for-hkdf-0123456789';
process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'msp-test-'));
delete process.env.DATABASE_URL;
delete process.env.REDIS_URL;
delete process.env.DEMO;
