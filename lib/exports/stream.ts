import type { Readable } from 'node:stream';

// Streams built on demand: rows are read from the source only when the
// consumer asks for more bytes, so memory stays bounded whatever the size.

const ROWS_PER_PULL = 200;

export function iterate<Row>(rows: AsyncIterable<Row> | Iterable<Row>): AsyncIterator<Row> {
  if (Symbol.asyncIterator in rows) return rows[Symbol.asyncIterator]();
  const it = rows[Symbol.iterator]();
  return { next: async () => it.next(), return: async () => it.return?.() ?? { done: true, value: undefined } };
}

export interface ByteWriter<Row> {
  /** Where the library writes its bytes. */
  output: Readable;
  write: (row: Row) => void | Promise<void>;
  /** Writes what follows the rows and ends `output`. */
  finish: () => void | Promise<void>;
}

/**
 * A web stream fed by a library that writes into a Node stream (exceljs,
 * pdfkit): each pull writes a batch of rows, and the bytes they produce are
 * forwarded as they come.
 */
export function pullThroughLibrary<Row>(rows: AsyncIterable<Row> | Iterable<Row>, open: () => ByteWriter<Row>): ReadableStream<Uint8Array> {
  const source = iterate(rows);
  let writer: ByteWriter<Row>;
  let ended: Promise<void>;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      writer = open();
      writer.output.on('data', (chunk: Buffer | string) => controller.enqueue(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk)));
      ended = new Promise<void>((resolve, reject) => {
        writer.output.on('end', resolve);
        writer.output.on('error', reject);
      });
    },
    async pull(controller) {
      for (let i = 0; i < ROWS_PER_PULL; i++) {
        const next = await source.next();
        if (next.done) {
          await writer.finish();
          await ended;
          controller.close();
          return;
        }
        await writer.write(next.value);
      }
      // Let the library flush what the batch produced before the next pull.
      await new Promise((resolve) => setImmediate(resolve));
    },
    async cancel() {
      await source.return?.();
      writer.output.destroy();
    },
  });
}

/** A web stream of text chunks produced one batch of rows at a time. */
export function pullText<Row>(rows: AsyncIterable<Row> | Iterable<Row>, chunks: { head: () => string; row: (row: Row) => string }): ReadableStream<Uint8Array> {
  const source = iterate(rows);
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let text = started ? '' : chunks.head();
      started = true;
      for (let i = 0; i < ROWS_PER_PULL; i++) {
        const next = await source.next();
        if (next.done) {
          if (text) controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        text += chunks.row(next.value);
      }
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await source.return?.();
    },
  });
}

/** Reads a whole web stream (tests, small exports such as e-mail attachments). */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return Buffer.concat(parts);
}
