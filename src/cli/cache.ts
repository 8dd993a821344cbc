import { readFile, stat } from 'node:fs/promises';
import { VERSION } from '../generated/version.js';
import { join, resolve } from 'node:path';
import { rules, type Finding } from '../library.js';
import { sha256, writeFileAtomic } from './atomic-write.js';

/** Where `--cache` keeps its file when `--cache-location` is not given: in the working directory. */
export const DEFAULT_CACHE_FILE = '.tactfulcache';

// Bumped when the layout of the cache file changes, so an old file is simply started afresh.
const CACHE_FORMAT = 1;

interface CacheEntry {
  /** SHA-256 of the text that was linted. */
  content: string;
  /** Hash of everything else the findings depend on: the format and the effective options. */
  options: string;
  findings: Finding[];
}

interface CacheFile {
  cacheFormat: number;
  /** tactful's version and the built-in rule set; a different one empties the cache. */
  fingerprint: string;
  files: Record<string, CacheEntry>;
}

/**
 * The findings of earlier runs, by absolute file path, valid while the file's text, its format, the
 * options and config that applied to it, tactful's version and the rule set are all unchanged. It
 * lives in one JSON file, replaced atomically when saved; a file that cannot be read as a cache is
 * ignored with a notice and rewritten.
 */
export class LintCache {
  /** How many files were served from the cache and how many were linted, in this run. */
  readonly stats = { hits: 0, misses: 0 };
  private changed = false;

  private constructor(
    private readonly path: string,
    private readonly data: CacheFile,
  ) {}

  /**
   * Opens the cache at `location` (a file, or a directory to hold `.tactfulcache`). `fingerprint`
   * names tactful's version and rule set; `notice` receives a one-line message about a bad file.
   */
  static async open(location: string, fingerprint: string, notice: (message: string) => void): Promise<LintCache> {
    const path = await cacheFilePath(location);
    const empty: CacheFile = { cacheFormat: CACHE_FORMAT, fingerprint, files: {} };
    let raw: string;
    try {
      raw = await readFile(path, 'utf8');
    } catch {
      return new LintCache(path, empty);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      notice(`ignoring the cache file '${location}': it is not valid JSON; it will be rewritten`);
      return withChange(new LintCache(path, empty));
    }
    if (!isCacheFile(parsed)) {
      notice(`ignoring the cache file '${location}': it is not a tactful cache; it will be rewritten`);
      return withChange(new LintCache(path, empty));
    }
    // Another version or rule set: nothing in it can be trusted, start afresh without a fuss.
    if (parsed.cacheFormat !== CACHE_FORMAT || parsed.fingerprint !== fingerprint) return withChange(new LintCache(path, empty));
    return new LintCache(path, parsed);
  }

  /** The cached findings for `file` when its `text` and `optionsKey` are what they were. */
  get(file: string, text: string, optionsKey: string): Finding[] | undefined {
    const entry = this.data.files[resolve(file)];
    if (entry && entry.content === sha256(text) && entry.options === optionsKey) {
      this.stats.hits += 1;
      return entry.findings.map(restoreUndefined);
    }
    this.stats.misses += 1;
    return undefined;
  }

  /** Records the findings of `file` for its `text` and `optionsKey`. */
  set(file: string, text: string, optionsKey: string, findings: readonly Finding[]): void {
    this.data.files[resolve(file)] = { content: sha256(text), options: optionsKey, findings: [...findings] };
    this.changed = true;
  }

  /**
   * Writes the cache back when anything changed, dropping entries of files that no longer exist. A
   * cache that cannot be written costs only speed: `notice` gets one line and the run goes on.
   */
  async save(notice: (message: string) => void): Promise<void> {
    try {
      await this.write();
    } catch (error) {
      notice(`cannot write the cache file '${this.path}': ${(error as Error).message.split('\n')[0]}`);
    }
  }

  private async write(): Promise<void> {
    for (const file of Object.keys(this.data.files)) {
      if (!(await exists(file))) {
        delete this.data.files[file];
        this.changed = true;
      }
    }
    if (!this.changed) return;
    // Findings may carry `fatal: undefined` (suggestions); keep the key, as null, so they come back alike.
    const json = JSON.stringify(this.data, (_, value: unknown) => (value === undefined ? null : value));
    await writeFileAtomic(this.path, Buffer.from(json, 'utf8'));
    this.changed = false;
  }

  /** Marks the cache as needing a write. */
  touch(): void {
    this.changed = true;
  }
}

/** The cache switches of the lint command. */
export interface CacheOptions {
  /** `--cache`: reuse the findings of files unchanged since the last run. */
  cache?: boolean;
  /** `--cache-location PATH`: the cache file, or a directory to hold `.tactfulcache`. */
  cacheLocation?: string;
}

/** Opens the cache when `--cache` is given; `notice` receives one-line messages for stderr. */
export async function openCache(options: CacheOptions, notice: (message: string) => void): Promise<LintCache | undefined> {
  if (!options.cache) return undefined;
  return LintCache.open(options.cacheLocation ?? DEFAULT_CACHE_FILE, sha256(`${VERSION}\n${JSON.stringify(rules)}`), notice);
}

/** A hash of everything a file's findings depend on besides its text, for `LintCache.get`/`set`. */
export function optionsKey(parts: unknown): string {
  return sha256(stableJson(parts));
}

/** JSON with object keys sorted, so equal options always give the same text. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

function withChange(cache: LintCache): LintCache {
  cache.touch();
  return cache;
}

async function cacheFilePath(location: string): Promise<string> {
  if (/[/\\]$/.test(location)) return join(location, DEFAULT_CACHE_FILE);
  try {
    if ((await stat(location)).isDirectory()) return join(location, DEFAULT_CACHE_FILE);
  } catch {
    // Not there yet: it names the file.
  }
  return location;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function isCacheFile(value: unknown): value is CacheFile {
  if (!value || typeof value !== 'object') return false;
  const { cacheFormat, fingerprint, files } = value as Partial<CacheFile>;
  if (typeof cacheFormat !== 'number' || typeof fingerprint !== 'string' || !files || typeof files !== 'object') return false;
  return Object.values(files).every(
    (entry) =>
      !!entry && typeof entry.content === 'string' && typeof entry.options === 'string' && Array.isArray(entry.findings),
  );
}

/** Turns the nulls `save` wrote for undefined fields back into undefined, keeping the key order. */
function restoreUndefined(finding: Finding): Finding {
  const copy = { ...finding } as Record<string, unknown>;
  for (const key of Object.keys(copy)) if (copy[key] === null) copy[key] = undefined;
  return copy as unknown as Finding;
}
