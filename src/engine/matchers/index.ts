import type { Matcher } from '../context.js';
import { agreement } from './agreement.js';
import { apology } from './apology.js';
import { shouting } from './shouting.js';

/** The named matchers a rule file may refer to with `matcher: <name>`. */
export const MATCHERS: Readonly<Record<string, Matcher>> = { apology, agreement, shouting };

/** Names of the matchers, for validating rule files. */
export const MATCHER_NAMES: ReadonlySet<string> = new Set(Object.keys(MATCHERS));
