// Bundles the CLI — dist/cli/main.js and everything it imports up front — into one file,
// dist/cli/tactful.js, which bin/tactful.js runs. Unbundled, Node resolves and loads about 170
// small modules at every start, which took longer than linting a short reply (a start went from
// ~480 ms to ~230 ms). Dependencies a run loads only when it needs them stay outside, so they are
// still loaded lazily: compromise, the HTML, Markdown and MIME parsers, liquidjs, recheck and yaml.
// The library (dist/index.js and the modules under it) is not bundled: importers bundle it their way.
// The licences of the packages bundled in are written next to the bundle, as their terms ask.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'cli', 'tactful.js');
const LOADED_ON_DEMAND = [
  'compromise', 'postal-mime', 'rehype-parse', 'remark-parse', 'remark-gfm', 'remark-frontmatter', 'liquidjs', 'recheck', 'yaml',
];

const result = await build({
  entryPoints: [join(root, 'dist', 'cli', 'main.js')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: LOADED_ON_DEMAND,
  // Bundled CommonJS packages (commander, ignore) call require for Node's own modules.
  banner: { js: "import { createRequire as __tactfulCreateRequire } from 'node:module';\nconst require = __tactfulCreateRequire(import.meta.url);" },
  // Without whitespace, comments and non-ASCII text (escaped), the bundle is 1.24 MB → 0.94 MB, and V8
  // reads and compiles it faster at every start. Names are kept, for errors and stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  charset: 'ascii',
  metafile: true,
  logLevel: 'warning',
});

const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
  if (name) packages.add(name);
}
const notices = [...packages].sort().map((name) => {
  const dir = join(root, 'node_modules', name);
  const { version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const file = existsSync(dir) ? readdirSync(dir).find((entry) => /^(?:licen[cs]e|copying)(?:\.|$)/i.test(entry)) : undefined;
  const text = file ? readFileSync(join(dir, file), 'utf8').trim() : `License: ${license}`;
  return `${name}@${version} (${license})\n\n${text}\n`;
});
writeFileSync(
  `${outfile}.LICENSES.txt`,
  `dist/cli/tactful.js bundles tactful's CLI with the following packages; their licences follow.\n\n${notices.join(`\n${'-'.repeat(72)}\n\n`)}`,
);
console.log(`tactful: bundled the CLI and ${packages.size} packages into dist/cli/tactful.js`);
