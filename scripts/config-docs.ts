/**
 * `npm run docs:config`: writes docs/configuration.md from the configuration schema.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { renderReferencePage } from '../src/config/reference-page.js';

const page = new URL('../docs/configuration.md', import.meta.url);
await mkdir(new URL('.', page), { recursive: true });
await writeFile(page, renderReferencePage());
console.log(`wrote ${page.pathname}`);
