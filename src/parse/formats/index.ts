import { emailFormat } from './email.js';
import { htmlFormat } from './html.js';
import { markdownFormat } from './markdown.js';
import { textFormat } from './text.js';
import { csvFormat } from './csv.js';
import { zendeskFormat } from './zendesk.js';
import type { FormatAdapter, SourceFormat } from './types.js';

export type { FormatAdapter, SourceFormat, TextUnit, UnitLabel } from './types.js';
export { SourceFormatError } from './types.js';

/** Every supported format, by name. Add an adapter here to support a new kind of file. */
export const FORMATS: ReadonlyMap<SourceFormat, FormatAdapter> = new Map([textFormat, markdownFormat, htmlFormat, emailFormat, zendeskFormat, csvFormat].map((adapter) => [adapter.name, adapter]));

/** The format for a file name or bare extension (`draft.md`, `.md`, `md`); plain text when unknown. */
export function formatForName(name: string): SourceFormat {
  const extension = /(?:^|\.)([^./\\]+)$/.exec(name.toLowerCase())?.[1] ?? '';
  for (const adapter of FORMATS.values()) if (adapter.extensions.includes(extension)) return adapter.name;
  return 'text';
}

/** Every extension that selects a format, for expanding directories. */
export function knownExtensions(): string[] {
  return [...FORMATS.values()].flatMap((adapter) => adapter.extensions);
}
