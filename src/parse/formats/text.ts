import { expandTemplate } from '../template.js';
import type { FormatAdapter } from './types.js';

/**
 * Plain text (and Liquid/Handlebars templates kept as text): the file is the reply, or, when it has
 * control tags, each variant of the template is (see `expandTemplate`).
 */
export const textFormat: FormatAdapter = {
  name: 'text',
  extensions: ['txt', 'text', 'liquid', 'hbs', 'handlebars', 'mustache', 'tmpl'],
  extract: (source) => expandTemplate({ text: source }),
};
