import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestApp } from './support/harness';

/**
 * Runs against a FerretDB of its own so it can stop and restart the database under a live BFF.
 * Skipped only when MONGODB_URI points at an external server that this test cannot stop.
 */
const external = Boolean(process.env.MONGODB_URI);

describe('readiness waits for start-up work', () => {
  it('answers 503 STARTING, naming what it waits for, until migrations and warm-up are done; a failed step stops blocking', async () => {
    const t = await startTestApp();
    try {
      expect((await t.request('GET', '/readyz')).status).toBe(200);
      let finish!: () => void;
      let fail!: (e: Error) => void;
      const migrations = t.readiness.track('数据迁移', new Promise<void>((r) => { finish = r; }));
      const warm = t.readiness.track('附近零工索引', new Promise<void>((_, j) => { fail = j; })).catch((e: Error) => e.message);
      const starting = await t.request('GET', '/readyz');
      expect([starting.status, starting.body.error.code, starting.headers.get('retry-after')]).toEqual([503, 'STARTING', '2']);
      expect(starting.body.error.message).toBe('正在启动（数据迁移、附近零工索引），请稍后');
      finish();
      await migrations;
      expect((await t.request('GET', '/readyz')).body.error.message).toBe('正在启动（附近零工索引），请稍后');
      fail(new Error('index load failed'));
      expect(await warm).toBe('index load failed');
      expect((await t.request('GET', '/readyz')).status).toBe(200);
      expect(t.readiness.failures()).toEqual(['附近零工索引']);
    } finally {
      await t.close();
    }
  });
});

(external ? describe.skip : describe)('readiness follows the database', () => {
  it('answers 503 while the database is down and 200 once it is back, without the BFF restarting', async () => {
     
    const { startFerretDB } = require('../../scripts/lib/ferretdb.js');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-readyz-'));
    let db = await startFerretDB({ dataDir });
    const t = await startTestApp({ dbUri: `${db.uri}/readyz` });
    try {
      expect((await t.request('GET', '/readyz')).status).toBe(200);
      await db.stop();
      const down = await t.request('GET', '/readyz');
      expect(down.status).toBe(503);
      expect(down.body.error.code).toBe('DB_UNAVAILABLE');
      expect((await t.request('GET', '/healthz')).status).toBe(200);
      // A request that needs the database gets a clean 503, not a crash or a hang.
      const login = await t.request('POST', '/api/auth/sms/send', { body: { phone: '13800000001' } });
      expect(login.status).toBe(503);

      db = await startFerretDB({ dataDir, port: db.port });
      let status = 0;
      for (let i = 0; i < 60 && status !== 200; i++) {
        status = (await t.request('GET', '/readyz')).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 500));
      }
      expect(status).toBe(200);
    } finally {
      await t.close().catch(() => undefined);
      await db.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
