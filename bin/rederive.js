#!/usr/bin/env node
// Entry point of the `rederive` command: runs the compiled CLI in dist/.
require('../dist/cli/main.js').main(process.argv.slice(2));
