import { describe, expect, it } from 'vitest';
import { normalizeSiteUrl } from './site-url';

describe('normalizeSiteUrl', () => {
  it.each([
    ['https://Example.COM/', 'https://example.com'],
    ['HTTPS://www.Example.com:443', 'https://www.example.com'],
    ['http://example.com:80/', 'http://example.com'],
    ['http://example.com:8080/', 'http://example.com:8080'],
    ['https://example.com/Sub/Site//', 'https://example.com/Sub/Site'],
    ['  https://example.com/?q=1#top ', 'https://example.com'],
    ['https://example.com./', 'https://example.com'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeSiteUrl(input)).toEqual({ ok: true, url: expected });
  });

  it.each(['example.com', 'ftp://example.com', 'https://user:pw@example.com', 'not a url', ''])('refuses %j', (input) => {
    expect(normalizeSiteUrl(input).ok).toBe(false);
  });
});
