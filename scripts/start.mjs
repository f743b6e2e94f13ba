#!/usr/bin/env node
// `npm start`: build the web app when it is missing or older than its sources, then serve
// (migrating, and seeding the demo portfolio into an empty embedded database).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'packages/web');
const built = path.join(web, 'dist/index.html');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (!existsSync(built) || newest(path.join(web, 'src')) > statSync(built).mtimeMs) {
  console.log('Building the web app…');
  const r = spawnSync('npm', ['run', 'build', '-w', '@bursar/web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const args = [path.join(root, 'packages/server/bin/bursar.mjs'), 'serve', ...process.argv.slice(2)];
const child = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
process.exit(child.status ?? 0);
