import { parseArgs } from 'node:util';
import { phoneSchema } from '@doorstep/shared';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { createLogger } from '../http/logger';
import { connectForCli } from './db';

/**
 * `npm run staff:create -- --phone 13800000000 --name 王经办 --center 道里区公共就业服务中心`
 * The only way to create a staff account: there is deliberately no API route for it.
 */
async function main() {
  const { values } = parseArgs({ options: { phone: { type: 'string' }, name: { type: 'string' }, center: { type: 'string' } } });
  const phone = phoneSchema.safeParse(values.phone);
  if (!phone.success || !values.name || !values.center) {
    process.stderr.write('用法: npm run staff:create -- --phone <11位手机号> --name <姓名> --center <所属服务中心>\n');
    process.exit(2);
  }
  const { conn, close } = await connectForCli();
  try {
    const { services } = createApp({ config: loadConfig(), conn, logger: createLogger('silent') });
    await Promise.all(Object.values(conn.models).map((m) => m.init()));
    const user = await services.auth.upsertStaff(phone.data, values.name, values.center);
    process.stdout.write(`经办账号已就绪: ${user.displayName} ${user.phoneMasked} (${values.center}); 用该手机号短信登录即可。\n`);
  } finally {
    await close();
  }
}

main().catch((err) => { process.stderr.write(`staff:create failed: ${err.message}\n`); process.exit(1); });
