import { z } from 'zod';
import { HOUSEHOLD_STATUSES, householdListSchema, householdMineSchema, householdOneSchema, ID_DOC_TYPES, objectIdSchema } from '@doorstep/shared';
import { route, type RouteDef } from '../../http/api';
import type { HouseholdService } from './service';

const idParams = z.object({ id: objectIdSchema }).strict();
const text = (label: string, max: number) => z.string({ required_error: `请填写${label}`, invalid_type_error: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}不能超过${max}个字`);
const flag = (label: string) => z.boolean({ required_error: `请选择${label}`, invalid_type_error: `请选择${label}` });

const memberSchema = z.object({
  name: text('成员姓名', 30),
  idType: z.enum(ID_DOC_TYPES, { errorMap: () => ({ message: '证件类型不正确' }) }).optional(),
  idNumber: text('证件号码', 20),
  relation: text('与户主关系', 10),
  ableToWork: flag('是否有劳动能力'),
  wantsWork: flag('是否有就业意愿'),
  employed: flag('是否已就业'),
}).strict();

export const householdBodySchema = z.object({
  district: text('所在区', 6),
  street: text('所在街道', 20),
  address: text('家庭住址', 80),
  members: z.array(memberSchema, { required_error: '请填写家庭成员', invalid_type_error: '请填写家庭成员' }).min(1, '至少填写一位家庭成员').max(12, '家庭成员最多 12 位'),
}).strict();

const one = householdOneSchema;
const mine = householdMineSchema;
const list = householdListSchema;
const listQuery = z.object({ status: z.enum(HOUSEHOLD_STATUSES, { errorMap: () => ({ message: '状态不正确' }) }).optional() }).strict();

export function householdRoutes(svc: HouseholdService): RouteDef[] {
  const staffTags = ['经办', '零就业家庭'];
  const staffRecord = (p: { id: string }) => svc.districtOf(p.id);
  return [
    route({
      method: 'get', path: '/api/household', summary: '我的家庭（本人证件号码是登记的家庭成员时）：零就业家庭状态', tags: ['零就业家庭'], access: ['worker'], response: mine,
      handler: ({ user }) => svc.mine(user!.id),
    }),
    route({
      method: 'get', path: '/api/staff/households', summary: '经办：本中心登记的家庭（零就业家庭在前，按归零时间）', tags: staffTags, access: ['staff'], query: listQuery, response: list,
      handler: ({ staff, query }) => svc.list(staff!, query),
    }),
    route({
      method: 'post', path: '/api/staff/households', summary: '经办：登记一户家庭及成员（无人就业即认定为零就业家庭）', tags: staffTags, access: ['staff'], body: householdBodySchema, response: one, status: 201, errors: [400],
      handler: ({ staff, body }) => svc.create(staff!, body),
    }),
    route({
      method: 'get', path: '/api/staff/households/:id', summary: '经办：家庭详情', tags: staffTags, access: ['staff'], params: idParams, staffRecord, response: one, errors: [404],
      handler: ({ staff, params }) => svc.detail(staff!, params.id),
    }),
    route({
      method: 'put', path: '/api/staff/households/:id', summary: '经办：修改家庭及成员（全部成员都未就业时重新计算归零日期）', tags: staffTags, access: ['staff'], params: idParams, staffRecord, body: householdBodySchema, response: one, errors: [400, 404, 409],
      handler: ({ staff, params, body }) => svc.update(staff!, params.id, body),
    }),
  ];
}
