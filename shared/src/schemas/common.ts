import { z } from 'zod';

/** Mainland mobile number: 11 digits starting with 1[3-9]. */
export const phoneSchema = z
  .string({ required_error: '请填写手机号', invalid_type_error: '手机号必须是文字' })
  .trim()
  .regex(/^1[3-9]\d{9}$/, '手机号格式不正确，应为 11 位数字');

export const objectIdSchema = z
  .string({ invalid_type_error: '编号必须是文字' })
  .regex(/^[0-9a-f]{24}$/i, '编号格式不正确');

/**
 * Characters user text never needs: C0 controls (a line break only where `multiline`), DEL, zero-width
 * characters (U+200B–U+200F), bidi embeddings/overrides (U+202A–U+202E) and isolates (U+2066–U+2069),
 * and the BOM (U+FEFF). They hide or reorder what staff and other people see (spoofed names, titles).
 */
export const SINGLE_LINE_TEXT = /^[^\u0000-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]*$/;
export const MULTI_LINE_TEXT = /^[^\u0000-\u0009\u000B-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]*$/;

export interface UserTextOptions {
  min?: number;
  max: number;
  /** Allows line breaks (\n), for descriptions, reasons and notes. */
  multiline?: boolean;
  required?: string;
  minMessage?: string;
  maxMessage?: string;
}

/**
 * The one schema for text a person types (names, titles, addresses, requirements, reasons, notes…):
 * trimmed, length-checked, and refused with a Chinese message naming the field when it carries control,
 * zero-width or bidi-override characters. Stays a ZodString, so `.min/.regex/.optional/.default` chain on.
 */
export function userText(label: string, o: UserTextOptions) {
  let s = z.string({ required_error: o.required ?? `请填写${label}`, invalid_type_error: `${label}必须是文字` }).trim();
  if (o.min !== undefined) s = s.min(o.min, o.minMessage ?? `${label}至少 ${o.min} 个字`);
  s = s.max(o.max, o.maxMessage ?? `${label}最多 ${o.max} 个字`);
  return s.regex(o.multiline ? MULTI_LINE_TEXT : SINGLE_LINE_TEXT, `${label}含有控制字符或不可见字符（如零宽字符、文字方向控制符），请删除后重试`);
}

/** Every error the BFF returns has this shape. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const okSchema = z.object({ ok: z.literal(true) });

/** OpenAPI text of every coordinate: one datum on the wire and in the database (see rules/datum.ts). */
export const GCJ02_LAT = '纬度，GCJ-02（国测局坐标：微信 getLocation type=gcj02、chooseLocation、地图组件和高德/腾讯地图用的坐标；浏览器的 WGS-84 定位须先转换）';
export const GCJ02_LNG = '经度，GCJ-02（同纬度）';

export const regionViewSchema = z.object({
  code: z.string(),
  name: z.string(),
  center: z.object({ lat: z.number().describe(GCJ02_LAT), lng: z.number().describe(GCJ02_LNG) }).describe('区的代表点（用户不给定位时的搜索中心），GCJ-02 坐标（国测局坐标，与微信地图、高德/腾讯地图一致）'),
  streets: z.array(z.string()),
});
export const regionListSchema = z.object({ city: z.object({ code: z.string(), name: z.string() }), districts: z.array(regionViewSchema) });
export type RegionList = z.infer<typeof regionListSchema>;
