import http from 'node:http';
import { methods, publicRoute } from '@/lib/http/route';
import { connectRedis } from '@/lib/http/redis';

// One "app instance" for the shared rate-limit test: a plain HTTP server in
// its own process running the real route wrapper with its real limiter.
const handlers = methods('/limited', {
  GET: publicRoute({ database: false, rateLimit: 'api', handler: async () => ({ ok: true, pid: process.pid }) }),
});

const server = http.createServer(async (req, res) => {
  const request = new Request(`http://localhost${req.url}`, { headers: req.headers as Record<string, string> });
  const response = await handlers.GET(request, { params: Promise.resolve({}) });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(await response.text());
});
await connectRedis();
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as { port: number }).port })}\n`);
});
