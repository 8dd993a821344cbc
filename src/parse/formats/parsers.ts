import type { Root as HtmlRoot } from 'hast';
import type { Root as MarkdownRoot } from 'mdast';

// The HTML and Markdown parsers are imported on first use, by the adapters that need them: loading
// them costs about 0.3 s, which a run over plain-text replies should not pay at every start.

let htmlParser: ((html: string) => HtmlRoot) | undefined;
let markdownParser: ((markdown: string) => MarkdownRoot) | undefined;

/** Imports rehype once; `parseHtml` works after it. */
export async function loadHtmlParser(): Promise<void> {
  if (htmlParser) return;
  const [{ unified }, { default: rehypeParse }] = await Promise.all([import('unified'), import('rehype-parse')]);
  const processor = unified().use(rehypeParse).freeze();
  htmlParser = (html) => processor.parse(html) as HtmlRoot;
}

/** Imports remark (GitHub-flavoured, with front matter) once; `parseMarkdown` works after it. */
export async function loadMarkdownParser(): Promise<void> {
  if (markdownParser) return;
  const [{ unified }, { default: remarkParse }, { default: remarkGfm }, { default: remarkFrontmatter }] = await Promise.all([
    import('unified'),
    import('remark-parse'),
    import('remark-gfm'),
    import('remark-frontmatter'),
  ]);
  // GitHub-flavoured (tables, strikethrough, autolinks), and front matter is metadata, not the reply.
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).freeze();
  markdownParser = (markdown) => processor.parse(markdown) as MarkdownRoot;
}

/** The hast tree of `html`; `loadHtmlParser` must have run. */
export function parseHtml(html: string): HtmlRoot {
  if (!htmlParser) throw new Error('tactful: the HTML parser is not loaded (await loadHtmlParser() first)');
  return htmlParser(html);
}

/** The mdast tree of `markdown`; `loadMarkdownParser` must have run. */
export function parseMarkdown(markdown: string): MarkdownRoot {
  if (!markdownParser) throw new Error('tactful: the Markdown parser is not loaded (await loadMarkdownParser() first)');
  return markdownParser(markdown);
}
