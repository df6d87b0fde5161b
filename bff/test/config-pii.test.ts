import { ConfigError, DEV_ENCRYPTION_KEY, loadConfig } from '../src/config';
import { createPii } from '../src/security/pii';

describe('config', () => {
  it('has working development defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.isProduction).toBe(false);
  });

  it('refuses to start in production with default or missing secrets', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: 'production', SMS_PROVIDER: 'http', SMS_API_BASE: 'http://sms.local', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' });
    } catch (err) {
      expect((err as Error).message).toContain('JWT_SECRET');
      expect((err as Error).message).toContain('ENCRYPTION_KEY');
    }
  });

  it('starts in production once real secrets are given', () => {
    const c = loadConfig({
      NODE_ENV: 'production', JWT_SECRET: 'a-real-secret-that-is-long-enough-123456', ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      SMS_PROVIDER: 'http', SMS_API_BASE: 'http://sms.local', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's',
    });
    expect(c.isProduction).toBe(true);
  });

  it('names each bad variable', () => {
    expect(() => loadConfig({ PORT: 'abc', ENCRYPTION_KEY: 'short' })).toThrow(/PORT[\s\S]*ENCRYPTION_KEY|ENCRYPTION_KEY[\s\S]*PORT/);
  });
});

describe('personal identifier encryption', () => {
  const pii = createPii(DEV_ENCRYPTION_KEY);

  it('round-trips and never repeats a ciphertext', () => {
    const a = pii.encrypt('23010219900101123X');
    const b = pii.encrypt('23010219900101123X');
    expect(a).not.toBe(b);
    expect(a).not.toContain('1990');
    expect(pii.decrypt(a)).toBe('23010219900101123X');
  });

  it('detects tampering', () => {
    const token = pii.encrypt('13812345678');
    const parts = token.split('.');
    const ct = Buffer.from(parts[3]!, 'base64url');
    ct[0] = ct[0]! ^ 1;
    parts[3] = ct.toString('base64url');
    expect(() => pii.decrypt(parts.join('.'))).toThrow();
  });

  it('gives a stable, normalised blind index per kind, different under another key', () => {
    expect(pii.blindIndex('idNumber', '23010219900101123x')).toBe(pii.blindIndex('idNumber', '23010219900101123X'));
    expect(pii.blindIndex('phone', '13812345678')).not.toBe(pii.blindIndex('idNumber', '13812345678'));
    const other = createPii(Buffer.alloc(32, 1).toString('base64'));
    expect(other.blindIndex('phone', '13812345678')).not.toBe(pii.blindIndex('phone', '13812345678'));
    expect(() => other.decrypt(pii.encrypt('x'))).toThrow();
  });
});
