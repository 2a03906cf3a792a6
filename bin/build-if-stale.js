#!/usr/bin/env node
// `npm start` and `npm run bench` run this first: it compiles src/ with tsc only when dist/ is not
// current, so an unchanged tree starts without the ~10 s compile. dist/ is current when the stamp
// tsc's last successful run left (dist/.build-stamp) names the same source files, tsconfig.json and
// package.json, none modified since. Any doubt (no stamp, an unreadable file) means compile.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const stampFile = path.join(root, 'dist', '.build-stamp');

function sources(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

function signature() {
  const files = [...sources(path.join(root, 'src'), []), path.join(root, 'tsconfig.json'), path.join(root, 'package.json')].sort();
  return files.map((f) => { const st = fs.statSync(f); return `${path.relative(root, f)} ${st.size} ${st.mtimeMs}`; }).join('\n');
}

let sig = null;
try {
  sig = signature();
  if (fs.existsSync(path.join(root, 'dist', 'cli', 'main.js')) && fs.readFileSync(stampFile, 'utf8') === sig) process.exit(0);
} catch {
  /* no stamp or an unreadable file: compile */
}
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit', cwd: root });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
try {
  if (sig) fs.writeFileSync(stampFile, sig);
} catch {
  /* without a stamp the next run compiles again */
}
