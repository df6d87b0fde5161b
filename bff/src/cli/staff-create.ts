import { parseArgs } from 'node:util';
import { centerByName, phoneSchema, SERVICE_CENTERS } from '@doorstep/shared';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { createLogger } from '../http/logger';
import { CITY_SCOPE_LABEL } from '../modules/staff/actor';
import { connectForCli } from './db';

const USAGE = [
  '用法: npm run staff:create -- --phone <11位手机号> --name <姓名> --center <所属服务中心>',
  `      npm run staff:create -- --phone <11位手机号> --name <姓名> --city      （${CITY_SCOPE_LABEL}：全市设置与政策目录）`,
  `服务中心: ${SERVICE_CENTERS.map((c) => c.name).join('、')}`,
].join('\n');

/**
 * `npm run staff:create -- --phone 13800000000 --name 王经办 --center 道里区公共就业服务中心`
 * `npm run staff:create -- --phone 13800000009 --name 李管理 --city`
 * The only way to create a staff account or a city administrator: there is deliberately no API route for it.
 */
async function main() {
  const { values } = parseArgs({ options: { phone: { type: 'string' }, name: { type: 'string' }, center: { type: 'string' }, city: { type: 'boolean' } } });
  const phone = phoneSchema.safeParse(values.phone);
  const ok = phone.success && values.name && (values.city ? !values.center : !!values.center);
  if (!ok) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  if (values.center && !centerByName(values.center)) {
    process.stderr.write(`没有这个服务中心：${values.center}\n${USAGE}\n`);
    process.exit(2);
  }
  const { conn, close } = await connectForCli();
  try {
    const { services } = createApp({ config: loadConfig(), conn, logger: createLogger('silent') });
    await Promise.all(Object.values(conn.models).map((m) => m.init()));
    const user = await services.auth.upsertStaff(phone.data!, values.name!, values.city ? null : values.center!, values.city ? 'city' : 'center');
    process.stdout.write(`经办账号已就绪: ${user.displayName} ${user.phoneMasked} (${values.city ? CITY_SCOPE_LABEL : values.center}); 用该手机号短信登录即可。\n`);
  } finally {
    await close();
  }
}

main().catch((err) => { process.stderr.write(`staff:create failed: ${err.message}\n`); process.exit(1); });
