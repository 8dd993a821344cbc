import type nlpLibrary from 'compromise';

// compromise is loaded only for what needs real part-of-speech tagging (the customer's concern, a
// custom rule's `nlp` pattern): importing it costs 0.3–1 s, more than a whole short lint.
export type Compromise = typeof nlpLibrary;

let loaded: Compromise | undefined;

/** Hands the engine an already-imported compromise (the public entry does, so its API stays synchronous). */
export function provideCompromise(library: Compromise): void {
  loaded = library;
}

/** Imports compromise on first call; later calls return at once. */
export async function loadCompromise(): Promise<void> {
  loaded ??= (await import('compromise')).default;
}

/** The loaded compromise; throws when nothing loaded it, which is a bug in the caller. */
export function compromise(): Compromise {
  if (!loaded) throw new Error('tactful: compromise is not loaded; await loadCompromise() before linting with a context or an nlp pattern');
  return loaded;
}
