/**
 * tactful: lints customer-service replies for phrasing that empathy guidance warns against and
 * suggests rewrites. This module touches no files and no process: pass text, get findings.
 */
import nlp from 'compromise';
import { provideCompromise } from './parse/compromise.js';

// Loaded here so that every function of the public API works synchronously, a context included.
provideCompromise(nlp);

export * from './library.js';
