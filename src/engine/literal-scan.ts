/**
 * Finds which of many literal strings occur in a text, in one pass over it (an Aho–Corasick
 * automaton, compiled to a table of transitions): each literal carries a bit, and a scan returns the
 * bits of every literal found. The rules' triggers use it to skip the sentences that hold none of
 * their required fragments (see required-literals.ts).
 */
export class LiteralScanner {
  /** Characters of the literals, numbered from 1; every other character is 0. */
  private readonly symbols = new Map<number, number>();
  private readonly asciiSymbols = new Uint8Array(128);
  private readonly symbolCount: number;
  /** `transitions[state * symbolCount + symbol]`: the next state. */
  private readonly transitions: Int32Array;
  /** The bits of the literals that end at each state, its suffixes' included. */
  private readonly found: Int32Array;

  constructor(literals: ReadonlyArray<{ literal: string; bit: number }>) {
    for (const { literal } of literals) {
      for (let at = 0; at < literal.length; at += 1) {
        const code = literal.charCodeAt(at);
        if (!this.symbols.has(code)) this.symbols.set(code, this.symbols.size + 1);
      }
    }
    this.symbolCount = this.symbols.size + 1;
    for (const [code, symbol] of this.symbols) if (code < 128) this.asciiSymbols[code] = symbol;

    // The trie: goto[state] maps a symbol to the next state.
    const goto: Array<Map<number, number>> = [new Map()];
    const found: number[] = [0];
    for (const { literal, bit } of literals) {
      let state = 0;
      for (let at = 0; at < literal.length; at += 1) {
        const symbol = this.symbols.get(literal.charCodeAt(at))!;
        let next = goto[state]!.get(symbol);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map());
          found.push(0);
          goto[state]!.set(symbol, next);
        }
        state = next;
      }
      found[state]! |= bit;
    }

    // Breadth first, each state's missing transitions are its failure state's: a full table.
    this.transitions = new Int32Array(goto.length * this.symbolCount);
    this.found = Int32Array.from(found);
    const failure = new Int32Array(goto.length);
    const queue: number[] = [];
    for (let symbol = 0; symbol < this.symbolCount; symbol += 1) {
      const next = goto[0]!.get(symbol) ?? 0;
      this.transitions[symbol] = next;
      if (next !== 0) queue.push(next);
    }
    for (let head = 0; head < queue.length; head += 1) {
      const state = queue[head]!;
      this.found[state]! |= this.found[failure[state]!]!;
      for (let symbol = 0; symbol < this.symbolCount; symbol += 1) {
        const next = goto[state]!.get(symbol);
        const fallback = this.transitions[failure[state]! * this.symbolCount + symbol]!;
        if (next === undefined) {
          this.transitions[state * this.symbolCount + symbol] = fallback;
        } else {
          this.transitions[state * this.symbolCount + symbol] = next;
          failure[next] = fallback;
          queue.push(next);
        }
      }
    }
  }

  /** The bits of every literal that occurs in `text`. */
  scan(text: string): number {
    let state = 0;
    let bits = 0;
    const { transitions, found, symbolCount, asciiSymbols, symbols } = this;
    for (let at = 0; at < text.length; at += 1) {
      const code = text.charCodeAt(at);
      const symbol = code < 128 ? asciiSymbols[code]! : (symbols.get(code) ?? 0);
      state = transitions[state * symbolCount + symbol]!;
      bits |= found[state]!;
    }
    return bits;
  }
}
