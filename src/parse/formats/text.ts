import type { FormatAdapter } from './types.js';

/** Plain text (and Liquid/Handlebars templates kept as text): the file is the reply. */
export const textFormat: FormatAdapter = {
  name: 'text',
  extensions: ['txt', 'text', 'liquid', 'hbs', 'handlebars', 'mustache', 'tmpl'],
  extract: (source) => [{ text: source }],
};
