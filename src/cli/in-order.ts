/**
 * Runs `task` on `items` with up to `ahead` of them under way at once, and returns a function that
 * gives their results one by one in the items' order (call it once per item). With `ahead` 1 an item
 * starts only when the previous result has been taken, as in a plain loop.
 */
export function inOrder<T, R>(items: readonly T[], ahead: number, task: (item: T) => Promise<R>): () => Promise<R> {
  const started: Array<Promise<R>> = [];
  let next = 0;
  return () => {
    while (next < items.length && started.length < ahead) {
      const result = task(items[next++]!);
      // Awaited in its turn; until then a rejection must not count as unhandled.
      result.catch(() => undefined);
      started.push(result);
    }
    const first = started.shift();
    if (!first) throw new Error('inOrder: asked for more results than there are items');
    return first;
  };
}
