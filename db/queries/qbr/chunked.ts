// Inserts in chunks, so that a long history stays under the parameter limit of one statement.
const CHUNK = 1000;

export async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}
