import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { startTestApp, type TestApp } from './support/harness';

// The H5 app's files as a weak-network phone receives them: precompressed, hashed files cached for a
// year, index.html revalidated (bff/src/http/static.ts, scripts/precompress.mjs).
const repoRoot = path.resolve(__dirname, '..', '..');
let t: TestApp;
let dir: string;
const js = `console.log(${JSON.stringify('家门口就业'.repeat(400))});\n`;
const html = `<!doctype html><html><head><title>家门口就业</title><script src="/js/app.1a2b3c4d.js"></script></head><body>${'<div></div>'.repeat(100)}</body></html>`;

function get(p: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(t.url + p, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h5-static-'));
  fs.mkdirSync(path.join(dir, 'js'));
  fs.writeFileSync(path.join(dir, 'index.html'), html);
  fs.writeFileSync(path.join(dir, 'js', 'app.1a2b3c4d.js'), js);
  fs.writeFileSync(path.join(dir, 'js', 'tiny.5e6f7a8b.js'), 'let a=1;');
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'precompress.mjs'), dir]);
  t = await startTestApp({ env: { H5_DIR: dir } });
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('precompress writes smaller .br and .gz siblings and skips tiny files', () => {
  const br = fs.readFileSync(path.join(dir, 'js', 'app.1a2b3c4d.js.br'));
  expect(br.length).toBeLessThan(Buffer.byteLength(js) / 4);
  expect(zlib.brotliDecompressSync(br).toString()).toBe(js);
  expect(zlib.gunzipSync(fs.readFileSync(path.join(dir, 'js', 'app.1a2b3c4d.js.gz'))).toString()).toBe(js);
  expect(fs.existsSync(path.join(dir, 'js', 'tiny.5e6f7a8b.js.br'))).toBe(false);
});

test('a brotli client gets the .br bytes, a gzip-only client the .gz, others the plain file', async () => {
  const b = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': 'gzip, deflate, br' });
  expect(b.status).toBe(200);
  expect(b.headers['content-encoding']).toBe('br');
  expect(b.headers['content-type']).toMatch(/javascript/);
  expect(b.headers.vary).toMatch(/Accept-Encoding/i);
  expect(zlib.brotliDecompressSync(b.body).toString()).toBe(js);
  const g = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': 'gzip' });
  expect(g.headers['content-encoding']).toBe('gzip');
  expect(zlib.gunzipSync(g.body).toString()).toBe(js);
  const plain = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': 'identity' });
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.toString()).toBe(js);
});

test('hashed files are immutable for a year; index.html is revalidated and answers 304 when unchanged', async () => {
  const hashed = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': 'br' });
  expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  const index = await get('/', { 'accept-encoding': 'br' });
  expect(index.status).toBe(200);
  expect(index.headers['cache-control']).toBe('no-cache');
  expect(zlib.brotliDecompressSync(index.body).toString()).toBe(html);
  const again = await get('/', { 'accept-encoding': 'br', 'if-modified-since': index.headers['last-modified']! });
  expect(again.status).toBe(304);
  expect(again.body.length).toBe(0);
  const named = await get('/index.html', { 'if-modified-since': new Date(0).toUTCString() });
  expect(named.status).toBe(200);
  expect(named.headers['cache-control']).toBe('no-cache');
});

test('API paths and files outside the build are not served from disk', async () => {
  const api = await get('/api/nope');
  expect(api.status).toBe(404);
  expect(JSON.parse(api.body.toString()).error.code).toBeDefined();
  expect((await get('/../package.json')).status).toBe(404);
  expect((await get('/%2e%2e/%2e%2e/package.json')).status).toBeGreaterThanOrEqual(400);
  expect((await get('/missing.js')).status).toBe(404);
});
