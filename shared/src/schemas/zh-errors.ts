import { z, type ZodErrorMap } from 'zod';

const typeNames: Record<string, string> = {
  string: '文字', number: '数字', integer: '整数', boolean: '是/否', object: '对象', array: '列表',
  date: '日期', null: '空值', undefined: '未填写', bigint: '数字', nan: '非数字',
};
const tn = (t: string) => typeNames[t] ?? t;

/** Chinese messages for zod's built-in checks; schemas' own messages take precedence over these. */
export const zhErrorMap: ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === 'undefined') return { message: '此项必填' };
      return { message: `应为${tn(issue.expected)}，收到的是${tn(issue.received)}` };
    case z.ZodIssueCode.unrecognized_keys:
      return { message: `不认识的字段：${issue.keys.join('、')}` };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: `只能是以下之一：${issue.options.join('、')}` };
    case z.ZodIssueCode.invalid_literal:
      return { message: `取值不正确` };
    case z.ZodIssueCode.too_small:
      if (issue.type === 'string') return { message: issue.minimum === 1 ? '不能为空' : `至少 ${issue.minimum} 个字` };
      if (issue.type === 'array') return { message: `至少选择 ${issue.minimum} 项` };
      return { message: `不能小于 ${issue.minimum}` };
    case z.ZodIssueCode.too_big:
      if (issue.type === 'string') return { message: `最多 ${issue.maximum} 个字` };
      if (issue.type === 'array') return { message: `最多 ${issue.maximum} 项` };
      return { message: `不能大于 ${issue.maximum}` };
    case z.ZodIssueCode.invalid_string:
      return { message: '格式不正确' };
    case z.ZodIssueCode.invalid_date:
      return { message: '日期不正确' };
    case z.ZodIssueCode.not_multiple_of:
      return { message: `应为 ${issue.multipleOf} 的倍数` };
    default:
      return { message: ctx.defaultError === 'Required' ? '此项必填' : '填写不正确' };
  }
};

export interface FieldIssue { field: string; message: string }

/** Flattens zod issues into [{ field, message }] with a dotted field path ('' for the whole body). */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
}
