import { z } from 'zod';

/** Mainland mobile number: 11 digits starting with 1[3-9]. */
export const phoneSchema = z
  .string({ required_error: '请填写手机号', invalid_type_error: '手机号必须是文字' })
  .trim()
  .regex(/^1[3-9]\d{9}$/, '手机号格式不正确，应为 11 位数字');

export const objectIdSchema = z
  .string({ invalid_type_error: '编号必须是文字' })
  .regex(/^[0-9a-f]{24}$/i, '编号格式不正确');

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

export const regionViewSchema = z.object({
  code: z.string(),
  name: z.string(),
  center: z.object({ lat: z.number(), lng: z.number() }),
  streets: z.array(z.string()),
});
export const regionListSchema = z.object({ city: z.object({ code: z.string(), name: z.string() }), districts: z.array(regionViewSchema) });
export type RegionList = z.infer<typeof regionListSchema>;
