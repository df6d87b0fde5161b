// The benchmark server process (hot-server.ts) started from a benchmark script, so the load generator
// does not share the server's event loop.
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export interface Ports { hello: number; helloLog: number; helloRouter: number; bff: number; control: number; gigs: number; policiesLoaded: number; routes: number; warmMs: number }

/** Starts hot-server.ts over the benchmark database; `env` adds to its environment (e.g. BENCH_CONFIG). */
export function startServer(uri: string, env: Record<string, string> = {}): Promise<{ ports: Ports; stop(): void; exited: Promise<void> }> {
  const tsx = path.resolve(__dirname, '../../node_modules/.bin/tsx');
  // BENCH_CPU_PROF_DIR: the server writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
  // Node runs it directly (tsx as its loader), so the profile is of the server itself, not of a wrapper.
  const prof = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];
  const file = path.join(__dirname, 'hot-server.ts');
  const [cmd, args] = prof.length ? [process.execPath, [...prof, '--import', 'tsx', file]] : [tsx, [file]];
  const child = spawn(cmd, args, { env: { ...process.env, ...env, BENCH_MONGODB_URI: uri }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      if (line.startsWith('READY ')) resolve({ ports: JSON.parse(line.slice(6)) as Ports, stop: () => child.kill('SIGTERM'), exited: new Promise((r) => child.once('exit', () => r())) });
      else process.stdout.write(`[server] ${line}\n`);
    });
    child.on('exit', (code) => reject(new Error(`hot-server exited with ${code}`)));
  });
}

