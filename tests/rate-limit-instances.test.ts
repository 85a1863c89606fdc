import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const children: ChildProcess[] = [];

async function startInstance(env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/limit-server.ts'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '5', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk) => {
      buffer += String(chunk);
      const line = buffer.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line).port);
    });
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}`)));
  });
  return `http://127.0.0.1:${port}/limited`;
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

async function hitAlternately(urls: string[], total: number) {
  const ip = `203.0.113.${crypto.randomInt(1, 254)}-${crypto.randomUUID()}`;
  const statuses: number[] = [];
  for (let i = 0; i < total; i++) {
    const res = await fetch(urls[i % urls.length]!, { headers: { 'x-msp-client-ip': ip } });
    statuses.push(res.status);
    if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  }
  return statuses;
}

describe('rate limits across app instances', () => {
  it.runIf(!!process.env.TEST_REDIS_URL)('share one budget through Redis between two instances', async () => {
    const redis = { REDIS_URL: process.env.TEST_REDIS_URL! };
    const urls = [await startInstance(redis), await startInstance(redis)];
    const statuses = await hitAlternately(urls, 8);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
  });

  it('without Redis each instance keeps its own budget', async () => {
    const urls = [await startInstance({}), await startInstance({})];
    const statuses = await hitAlternately(urls, 8);
    expect(statuses.filter((s) => s === 200)).toHaveLength(8);
  });

  it('falls back to a per-process limit when Redis is unreachable, never failing requests', async () => {
    const url = await startInstance({ REDIS_URL: 'redis://127.0.0.1:1' });
    const statuses = await hitAlternately([url], 7);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
