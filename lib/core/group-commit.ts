// Group commit: requests that arrive together share one database commit.
// Items gathered within `windowMs` of the first (or while the previous
// commit is still running) are handed to `commit` at once, up to `maxItems`;
// each caller is answered with its own result only after that commit, so an
// answer still means "durably stored". Commits run one at a time and in the
// order their items arrived, so what arrived first is committed first.
//
// When a commit of several items fails, each item is committed again on its
// own: one bad item fails only its caller.

export type GroupCommitOptions = {
  /** How long the first item of a group waits for company. */
  windowMs: number;
  /** The most items one commit takes; a full group is committed at once. */
  maxItems: number;
};

type Waiting<I, R> = { item: I; resolve: (result: R) => void; reject: (error: unknown) => void };

/**
 * A function that stores one item through `commit`, together with whatever
 * other items arrive at the same time. `commit` answers one result per item,
 * in the order of the items.
 */
export function groupCommitter<I, R>(commit: (items: I[]) => Promise<R[]>, options: GroupCommitOptions): (item: I) => Promise<R> {
  const queue: Waiting<I, R>[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;

  async function commitGroup(group: Waiting<I, R>[]): Promise<void> {
    try {
      const results = await commit(group.map((w) => w.item));
      if (results.length !== group.length) throw new Error(`group commit answered ${results.length} results for ${group.length} items`);
      group.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (group.length === 1) {
        group[0]!.reject(error);
        return;
      }
      for (const waiting of group) await commitGroup([waiting]);
    }
  }

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    if (running || queue.length === 0) return;
    running = true;
    try {
      await commitGroup(queue.splice(0, options.maxItems));
    } finally {
      running = false;
      // Whatever arrived during the commit has waited long enough.
      if (queue.length > 0) void flush();
    }
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (running) return;
      if (queue.length >= options.maxItems) void flush();
      else timer ??= setTimeout(() => void flush(), options.windowMs);
    });
}
