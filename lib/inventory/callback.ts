import crypto from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

// Signed webhooks for finished collector batches. A callback URL is a
// request the server makes on a caller's behalf, so it may only reach public
// http(s) hosts: loopback, private and link-local addresses are refused
// (checked again on the resolved addresses when sending).

export class CallbackUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CallbackUrlError';
  }
}

function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

const PRIVATE_V4: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

/** True for addresses a webhook must never reach (loopback, private, link-local, multicast, reserved). */
export function isPrivateAddress(ip: string): boolean {
  const address = ip.replace(/^\[|\]$/g, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]!);
  if (isIP(address) === 4) {
    const n = ipv4ToNumber(address);
    return PRIVATE_V4.some(([base, bits]) => {
      const size = 2 ** (32 - bits);
      const start = ipv4ToNumber(base);
      return n >= start && n < start + size;
    });
  }
  if (isIP(address) === 6) {
    return address === '::' || address === '::1' || /^f[cd]/.test(address) || /^fe[89ab]/.test(address) || address.startsWith('ff');
  }
  return false;
}

/** Checks a callback URL's form; returns it normalised. */
export function checkCallbackUrl(raw: string, options: { allowPrivate: boolean }): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CallbackUrlError('callback_url is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CallbackUrlError('callback_url must use http or https');
  if (url.username || url.password) throw new CallbackUrlError('callback_url must not carry credentials');
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (!options.allowPrivate && (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host))) {
    throw new CallbackUrlError('callback_url must point to a public address');
  }
  return url;
}

/** Refuses a host name that resolves to a private address (DNS can point anywhere). */
export async function assertPublicHost(url: URL, options: { allowPrivate: boolean }): Promise<void> {
  if (options.allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true });
  if (addresses.some((a) => isPrivateAddress(a.address))) throw new CallbackUrlError(`callback_url host ${host} resolves to a private address`);
}

/** `sha256=<hex>` over `<timestamp>.<body>`: the receiver recomputes it with the shared secret. */
export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export async function sendSignedCallback(
  url: URL,
  payload: unknown,
  options: { secret: string; allowPrivate: boolean; timeoutMs?: number },
): Promise<number> {
  await assertPublicHost(url, options);
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await fetch(url, {
    method: 'POST',
    redirect: 'error',
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    headers: {
      'content-type': 'application/json',
      'user-agent': 'msp-ops-hub-webhook',
      'x-signature-timestamp': timestamp,
      'x-signature': signPayload(options.secret, timestamp, body),
    },
    body,
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`Callback to ${url.host} answered ${response.status}`);
  return response.status;
}
