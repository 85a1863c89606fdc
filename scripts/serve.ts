import http from 'node:http';
import next from 'next';
import { env } from '../lib/core/env';

// The production HTTP server: Next.js behind a plain Node server that stamps
// each request with the socket's address (x-msp-client-ip), overwriting any
// value a client sent, so rate limits and audit entries get the real address.

export async function serve(dir: string): Promise<http.Server> {
  const port = env().PORT;
  const app = next({ dev: false, dir, port, hostname: '0.0.0.0' });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer((req, res) => {
    req.headers['x-msp-client-ip'] = req.socket.remoteAddress ?? '';
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, resolve);
  });
  const shutdown = () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return server;
}
