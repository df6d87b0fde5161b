import crypto from 'node:crypto';

/**
 * Personal identifiers at rest: AES-256-GCM ciphertext plus an HMAC-SHA256 blind index.
 * The blind index (keyed, per kind) lets us enforce uniqueness and look people up by phone or ID
 * number without storing the number; the ciphertext is decrypted only when a person must see it.
 * Both keys are derived from the one configured ENCRYPTION_KEY with HKDF so they never coincide.
 */
export type PiiKind = 'phone' | 'idNumber' | 'name' | 'other';

export interface Pii {
  /** v1 ciphertext without associated data (phone numbers on users, older records). */
  encrypt(plaintext: string): string;
  decrypt(token: string): string;
  /**
   * v2 ciphertext bound to the record it belongs to: `aad` (e.g. `registrations/<id>/realName`) is
   * AES-GCM associated data, so a value copied into another record or field does not decrypt.
   */
  encryptFor(plaintext: string, aad: string): string;
  /** Reads v2 with the same `aad`; still reads v1 (written before associated data) for existing records. */
  decryptFor(token: string, aad: string): string;
  blindIndex(kind: PiiKind, value: string): string;
}

const VERSION = 'v1';
const VERSION_AAD = 'v2';

export function createPii(base64Key: string): Pii {
  const master = Buffer.from(base64Key, 'base64');
  if (master.length !== 32) throw new Error('ENCRYPTION_KEY must be 32 bytes');
  const derive = (info: string) => Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  const encKey = derive('doorstep/pii/aes-256-gcm');
  const indexKey = derive('doorstep/pii/blind-index');

  const seal = (version: string, plaintext: string, aad: string | null) => {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', encKey, iv);
    if (aad !== null) cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [version, iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join('.');
  };
  const open = (token: string, aad: string | null) => {
    const [version, iv, tag, ct] = token.split('.');
    const expected = aad === null ? VERSION : VERSION_AAD;
    if (version !== expected || !iv || !tag || ct === undefined) throw new Error('unrecognised ciphertext');
    const decipher = crypto.createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
    if (aad !== null) decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  };

  return {
    encrypt: (plaintext) => seal(VERSION, plaintext, null),
    decrypt: (token) => open(token, null),
    encryptFor: (plaintext, aad) => seal(VERSION_AAD, plaintext, aad),
    decryptFor: (token, aad) => open(token, token.startsWith(`${VERSION}.`) ? null : aad),
    blindIndex(kind, value) {
      // Normalise so 23010219900101123x and …123X index the same.
      const normalised = value.trim().toUpperCase();
      return crypto.createHmac('sha256', indexKey).update(`${kind}:${normalised}`).digest('base64url');
    },
  };
}

/** Hash for secrets we only compare (refresh tokens, SMS codes): never reversible. */
export function sha256(value: string): string {
  return crypto.createHash('sha256').update(value).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}
