import { getBatch, getBatchRuns, isOpen, runDto } from '@/db/queries/inventory/runs';
import { authorize } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { AppError } from '@/lib/core/errors';

// A batch's progress as server-sent events for the UI: a `progress` event
// whenever something changed (polled once a second), then `end`.

const POLL_MS = 1000;
const MAX_STREAM_MS = 60 * 60 * 1000;

export async function streamBatchProgress(ctx: RequestContext, batchId: string, signal: AbortSignal, pollMs = POLL_MS): Promise<Response> {
  authorize(ctx.actor, 'jobs:read');
  if (!(await getBatch(ctx.db, batchId))) throw new AppError('not_found', 'Batch not found');
  const encoder = new TextEncoder();
  const started = Date.now();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: string, data: unknown) => controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      let last = '';
      try {
        while (!signal.aborted) {
          const batch = await getBatch(ctx.db, batchId);
          if (!batch) break;
          const runs = (await getBatchRuns(ctx.db, batchId)).map(runDto);
          const payload = { batch_id: batchId, status: batch.status, progress_percent: Number(batch.progress_percent), message: batch.message, error: batch.error, collectors: runs };
          const text = JSON.stringify(payload);
          if (text !== last) send('progress', payload);
          last = text;
          if (!isOpen(batch.status) || Date.now() - started > MAX_STREAM_MS) {
            send('end', { batch_id: batchId, status: batch.status });
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, pollMs));
        }
      } catch (error) {
        ctx.log.warn({ err: error }, 'progress stream stopped');
      }
      controller.close();
    },
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' },
  });
}
