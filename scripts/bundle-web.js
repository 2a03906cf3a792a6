#!/usr/bin/env node
// Bundles the self-check page's scripts for the browser (esbuild, IIFE) into
// dist/browser/: run by `npm run build:web` and by `prepare`, after tsc, so
// `npm pack` ships them. The bundling itself lives in src/web/bundle.ts.
require('../dist/web/bundle.js').bundleBrowser();
