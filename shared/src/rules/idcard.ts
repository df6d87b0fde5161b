/**
 * Identity documents accepted for unemployment registration (失业登记).
 *
 * 《人力资源社会保障部关于进一步加强就业失业登记管理工作的通知》(人社部发〔2018〕77号) lets
 * people register with a 居民身份证, and lets 港澳台 residents register with a 港澳台居民居住证 or
 * their 港澳居民来往内地通行证 / 台湾居民来往大陆通行证. Number formats:
 *
 * - 居民身份证: GB 11643-1999 公民身份号码 — 6-digit address code, 8-digit birth date, 3-digit
 *   sequence (17th digit odd = male, even = female), 1 check character computed with
 *   ISO 7064:1983 MOD 11-2 (value 10 written as X). The 15-digit first-generation cards stopped
 *   being valid on 2013-01-01 and are rejected with an explanation.
 * - 港澳台居民居住证 (《港澳台居民居住证申领发放办法》, 2018): the same 18-character structure;
 *   the address code is 810000 (Hong Kong), 820000 (Macau) or 830000 (Taiwan).
 * - 港澳居民来往内地通行证 (回乡证): H (Hong Kong) or M (Macau) followed by 8 digits on the card
 *   issued since 2013; older cards carry H/M + 10 digits (8-digit lifetime number + 2-digit
 *   renewal count, per the Ministry of Public Security's 2010 number rules). Both accepted.
 * - 台湾居民来往大陆通行证 (台胞证): the card issued since 2015 carries an 8-digit number. The old
 *   booklet numbers (10 digits with a bracketed suffix) are not accepted: those booklets are no
 *   longer issued and the card number is what other systems record.
 *
 * Input is forgiving about what phones produce: surrounding/inner spaces are dropped, full-width
 * characters (ＩＭＥ) become half-width, and letters are upper-cased (x → X, h → H).
 */
import { z } from 'zod';
import { parseCalendarDate, toChinaDateString } from './workdays';

export type IdDocType = 'resident_id' | 'hmt_residence_permit' | 'hk_macau_permit' | 'taiwan_permit';

export const ID_DOC_TYPES = ['resident_id', 'hmt_residence_permit', 'hk_macau_permit', 'taiwan_permit'] as const satisfies readonly IdDocType[];

export const ID_DOC_TYPE_LABELS: Record<IdDocType, string> = {
  resident_id: '居民身份证',
  hmt_residence_permit: '港澳台居民居住证',
  hk_macau_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
};

export type IdValidationResult =
  | { ok: true; normalized: string; birthDate?: string; sex?: 'male' | 'female' }
  | { ok: false; message: string };

/** Province-level codes of mainland China (GB/T 2260), the first two digits of a 居民身份证. */
const MAINLAND_PROVINCES = new Set([
  '11', '12', '13', '14', '15', // 京 津 冀 晋 蒙
  '21', '22', '23', //             辽 吉 黑
  '31', '32', '33', '34', '35', '36', '37', // 沪 苏 浙 皖 闽 赣 鲁
  '41', '42', '43', '44', '45', '46', // 豫 鄂 湘 粤 桂 琼
  '50', '51', '52', '53', '54', // 渝 川 贵 云 藏
  '61', '62', '63', '64', '65', // 陕 甘 青 宁 新
]);

const HMT_PREFIXES: Record<string, string> = { '810000': '香港', '820000': '澳门', '830000': '台湾' };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]; // 2^(17-i) mod 11
const CHECK_CHARS = '10X98765432'; // index = weighted sum mod 11

/** ISO 7064 MOD 11-2 check character for the first 17 digits of a 公民身份号码. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Drops spaces, turns full-width ASCII into half-width, upper-cases letters. */
export function normalizeIdInput(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toUpperCase();
}

const fail = (message: string): IdValidationResult => ({ ok: false, message });

/** Shared checks for the 18-character 公民身份号码 used by both 身份证 and 居住证. */
function check18(id: string, label: string, today: Date): IdValidationResult {
  if (id.length !== 18) return fail(`${label}应为18位（最后一位可能是X），当前为${id.length}位`);
  if (!/^\d{17}[\dX]$/.test(id)) return fail(`${label}只能包含数字，只有最后一位可以是X`);
  const ymd = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!parseCalendarDate(ymd)) return fail(`${label}中的出生日期不存在（${ymd}）`);
  if (ymd > toChinaDateString(today)) return fail(`${label}中的出生日期晚于今天（${ymd}）`);
  if (ymd < '1900-01-01') return fail(`${label}中的出生日期早于1900年（${ymd}）`);
  if (idCheckChar(id) !== id[17]) return fail(`${label}校验位不正确，请核对最后一位`);
  return { ok: true, normalized: id, birthDate: ymd, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}

/**
 * Validates a document number for its type. `today` (default: now) bounds the birth date and is
 * read as a China (UTC+8) calendar date. Messages are Chinese and say what to fix.
 */
export function validateIdDocument(type: IdDocType, number: string, today: Date = new Date()): IdValidationResult {
  const id = normalizeIdInput(typeof number === 'string' ? number : '');
  const label = ID_DOC_TYPE_LABELS[type];
  if (!label) return fail('请选择证件类型');
  if (id === '') return fail(`请填写${label}号码`);

  switch (type) {
    case 'resident_id': {
      if (/^\d{15}$/.test(id)) return fail('15位的第一代身份证已停止使用，请填写18位身份证号');
      if (id.length === 18 && HMT_PREFIXES[id.slice(0, 6)]) {
        return fail('这是港澳台居民居住证号码，请将证件类型选为“港澳台居民居住证”');
      }
      if (id.length === 18 && /^\d{2}/.test(id) && !MAINLAND_PROVINCES.has(id.slice(0, 2))) {
        return fail('身份证号前两位地区码不正确，请核对');
      }
      return check18(id, '身份证号', today);
    }
    case 'hmt_residence_permit': {
      if (id.length === 18 && !HMT_PREFIXES[id.slice(0, 6)]) {
        return fail('港澳台居民居住证号码应以810000（香港）、820000（澳门）或830000（台湾）开头');
      }
      return check18(id, '居住证号码', today);
    }
    case 'hk_macau_permit': {
      if (!/^[HM]/.test(id)) return fail('港澳居民来往内地通行证号码应以H（香港）或M（澳门）开头');
      if (!/^[HM](\d{8}|\d{10})$/.test(id)) {
        return fail('港澳居民来往内地通行证号码应为H或M加8位数字（旧版证件为10位数字）');
      }
      return { ok: true, normalized: id };
    }
    case 'taiwan_permit': {
      if (!/^\d{8}$/.test(id)) return fail('台湾居民来往大陆通行证号码应为8位数字（卡式台胞证上的号码）');
      return { ok: true, normalized: id };
    }
  }
}

export const idDocTypeSchema = z.enum(ID_DOC_TYPES, {
  errorMap: () => ({ message: '请选择证件类型：居民身份证、港澳台居民居住证、港澳居民来往内地通行证或台湾居民来往大陆通行证' }),
});

/**
 * `{ type, number }` form field pair: on success the number is replaced by its normalized form;
 * on failure the issue sits on `number` with the Chinese message from `validateIdDocument`.
 */
export const idDocumentSchema = z
  .object({ type: idDocTypeSchema, number: z.string({ required_error: '请填写证件号码' }) })
  .transform((v, ctx) => {
    const r = validateIdDocument(v.type, v.number);
    if (!r.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['number'], message: r.message });
      return z.NEVER;
    }
    return { type: v.type, number: r.normalized };
  });
