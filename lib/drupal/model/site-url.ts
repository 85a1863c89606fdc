// Site URLs are compared in one canonical form, so that
// "HTTPS://Example.com:443/" and "https://example.com" are the same site.

export type SiteUrlResult = { ok: true; url: string } | { ok: false; message: string };

/** Lowercases scheme and host, drops default ports, query, fragment and trailing slashes. */
export function normalizeSiteUrl(input: string): SiteUrlResult {
  const trimmed = input.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return { ok: false, message: 'Not a URL; include the scheme, e.g. https://www.example.com' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, message: 'Only http and https URLs are accepted' };
  }
  if (parsed.username || parsed.password) return { ok: false, message: 'The URL must not contain credentials' };
  if (!parsed.hostname) return { ok: false, message: 'The URL has no host' };
  // URL already lowercases scheme and host and drops :80 / :443.
  const host = parsed.hostname.replace(/\.$/, '');
  const port = parsed.port ? `:${parsed.port}` : '';
  const path = parsed.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${parsed.protocol}//${host}${port}${path}` };
}
