import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkCallbackUrl, isPrivateAddress, signPayload } from './callback';

describe('callback URLs', () => {
  it('recognises private, loopback and link-local addresses', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
    for (const ip of ['8.8.8.8', '203.0.113.10', '172.32.0.1', '2001:4860:4860::8888']) expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it('accepts public http(s) URLs and refuses the rest unless private hosts are allowed', () => {
    expect(checkCallbackUrl('https://hooks.example.com/x', { allowPrivate: false }).host).toBe('hooks.example.com');
    for (const bad of ['ftp://example.com/', 'http://localhost:8080/', 'http://127.0.0.1/', 'http://[::1]/', 'http://10.0.0.5/hook', 'https://user:pw@example.com/', 'not a url']) {
      expect(() => checkCallbackUrl(bad, { allowPrivate: false }), bad).toThrow();
    }
    expect(checkCallbackUrl('http://127.0.0.1:9999/hook', { allowPrivate: true }).port).toBe('9999');
  });

  it('signs timestamp and body with HMAC-SHA256', () => {
    const expected = crypto.createHmac('sha256', 'secret-secret-123').update('1700000000.{"a":1}').digest('hex');
    expect(signPayload('secret-secret-123', '1700000000', '{"a":1}')).toBe(`sha256=${expected}`);
  });
});
