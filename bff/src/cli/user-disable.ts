import { parseArgs } from 'node:util';
import { phoneSchema } from '@doorstep/shared';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { createLogger } from '../http/logger';
import { connectForCli } from './db';

/**
 * `npm run user:disable -- --phone 13800000000`
 * Disables an account (a staff member who left, an abused account): every login of it ends within
 * SESSION_CHECK_SECONDS on every instance, and it cannot sign in again. An operator action, like
 * creating staff: there is deliberately no API route for it.
 */
async function main() {
  const { values } = parseArgs({ options: { phone: { type: 'string' } } });
  const phone = phoneSchema.safeParse(values.phone);
  if (!phone.success) {
    process.stderr.write('用法: npm run user:disable -- --phone <11位手机号>\n');
    process.exit(2);
  }
  const { conn, close } = await connectForCli();
  try {
    const { services } = createApp({ config: loadConfig(), conn, logger: createLogger('silent') });
    await Promise.all(Object.values(conn.models).map((m) => m.init()));
    const user = await services.auth.models.User.findOne({ phoneHash: services.pii.blindIndex('phone', phone.data) }).lean();
    if (!user) {
      process.stderr.write('没有这个手机号的账号\n');
      process.exit(1);
    }
    await services.auth.disableUser(user._id.toString());
    process.stdout.write('账号已停用：它的所有登录已结束，不能再登录。\n');
  } finally {
    await close();
  }
}

main().catch((err) => { process.stderr.write(`user:disable failed: ${err.message}\n`); process.exit(1); });
