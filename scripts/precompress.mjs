#!/usr/bin/env node
// Writes brotli (.br, quality 11) and gzip (.gz, level 9) siblings of the H5 build's text assets once,
// so the BFF serves them without compressing per request (bff/src/http/static.ts).
// Usage: node scripts/precompress.mjs [dir]   (default: miniapp/dist/h5, or $TARO_OUTPUT_DIR)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.resolve(process.argv[2] ?? process.env.TARO_OUTPUT_DIR ?? path.join(root, 'miniapp', 'dist', 'h5'));
const TEXT = /\.(html|js|css|svg|json|ttf|wasm)$/i;
const MIN_BYTES = 512;

function* files(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (TEXT.test(e.name)) yield p;
  }
}

if (!fs.existsSync(path.join(dir, 'index.html'))) {
  console.error(`precompress: no H5 build in ${dir}`);
  process.exit(2);
}
let raw = 0, br = 0, n = 0;
for (const file of files(dir)) {
  const buf = fs.readFileSync(file);
  for (const ext of ['.br', '.gz']) fs.rmSync(file + ext, { force: true });
  if (buf.length < MIN_BYTES) continue;
  const b = zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length } });
  const g = zlib.gzipSync(buf, { level: 9 });
  // Keep a sibling only when it is smaller; the original's mtime, so Last-Modified stays the build's.
  const st = fs.statSync(file);
  if (b.length < buf.length) { fs.writeFileSync(file + '.br', b); fs.utimesSync(file + '.br', st.atime, st.mtime); }
  if (g.length < buf.length) { fs.writeFileSync(file + '.gz', g); fs.utimesSync(file + '.gz', st.atime, st.mtime); }
  raw += buf.length; br += Math.min(b.length, buf.length); n++;
}
console.log(`precompress: ${n} files, ${(raw / 1024).toFixed(0)} KB → ${(br / 1024).toFixed(0)} KB brotli`);
