#!/usr/bin/env node
import { main } from '../dist/cli/tactful.js';

await main();
