import { z } from 'zod';

export const healthSchema = z.object({ status: z.literal('ok'), uptimeSeconds: z.number() });
export const readySchema = z.object({ status: z.enum(['ready', 'unavailable']), database: z.enum(['up', 'down']) });
export type Ready = z.infer<typeof readySchema>;
