// One macro with disable comments, as plain text and as Markdown, that the score and report tests
// read through the spawned CLI, and a reader for the findings `tactful --format json` keeps.

/**
 * A reply whose directives silence an `asks-to-repeat` (which costs the listen step) and the shouting on
 * "PLEASE KEEP THE BOX!!"; the bare "Sorry.", the tone-policing and the shouting on the next line stay.
 */
export const DIRECTIVE_MACRO_TEXT = [
  'Hi Priya,',
  '',
  'tactful-disable-next-line asks-to-repeat -- the returns form needs it',
  'Could you explain the problem again? Sorry.',
  "I'm sorry the blender arrived with a cracked jug.",
  '# tactful-disable-next-line shouting',
  'PLEASE KEEP THE BOX!!',
  "Calm down, it's just a jug!!",
  "I'll send a new jug today.",
  '',
  'Marta',
  '',
].join('\n');

/** The same reply in Markdown, its directives as HTML comments. */
export const DIRECTIVE_MACRO_MARKDOWN = DIRECTIVE_MACRO_TEXT.replace(/^#? ?(tactful-disable-next-line .*)$/gm, '<!-- $1 -->');

/** What a test compares of a finding: its rule and the words it flags. */
export interface FlaggedWords {
  ruleId: string;
  actual: string;
}

/** Every finding of the first file of a lint run's JSON report (`tactful --format json`). */
export function lintedFindings(stdout: string): Array<FlaggedWords & { line: number; column: number }> {
  const [first] = JSON.parse(stdout) as Array<{ messages: Array<FlaggedWords & { line: number; column: number }> }>;
  return (first?.messages ?? []).map(({ ruleId, actual, line, column }) => ({ ruleId, actual, line, column }));
}

/** `ruleId “actual”` of each finding, sorted: the same set whatever order two commands list them in. */
export function flagged(findings: readonly FlaggedWords[]): string[] {
  return findings.map(({ ruleId, actual }) => `${ruleId} “${actual}”`).sort();
}
