import { z } from 'zod';

/** 零就业家庭 as the staff pages and the worker's own view read it (names, ID numbers and the address masked). */

export const HOUSEHOLD_STATUSES = ['open', 'cleared', 'employed'] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];

export const householdMemberViewSchema = z.object({
  id: z.string(), nameMasked: z.string(), idNumberMasked: z.string(), relation: z.string(), ableToWork: z.boolean(), wantsWork: z.boolean(), employed: z.boolean(),
  /** The signed-in worker is this member (GET /api/household only). */
  self: z.boolean(),
});

export const householdViewSchema = z.object({
  id: z.string(), district: z.string(), districtName: z.string(), street: z.string(), addressMasked: z.string(),
  status: z.enum(HOUSEHOLD_STATUSES), zeroEmployment: z.boolean(), zeroSince: z.string().nullable(), daysAtZero: z.number().nullable(),
  clearedAt: z.string().nullable(), clearedAfterDays: z.number().nullable(), clearedBy: z.object({ memberId: z.string(), employmentId: z.string().nullable() }).nullable(),
  members: z.array(householdMemberViewSchema),
});
export type HouseholdView = z.infer<typeof householdViewSchema>;

export const householdOneSchema = z.object({ household: householdViewSchema });
export const householdMineSchema = z.object({ household: householdViewSchema.nullable() });
export const householdListSchema = z.object({ items: z.array(householdViewSchema) });
