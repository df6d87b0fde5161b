// Typed calls for the staff side of booking. Type-only imports from shared: no zod in the bundle.
import type { z } from 'zod'
import type { BookingView, dayBookingsSchema } from '@doorstep/shared'
import { client, messageOf, call as apiCall } from '../../../../services/api'

export { messageOf }
export type DayBookings = z.infer<typeof dayBookingsSchema>

/** `call` with a plain silent flag, as this module's callers pass it. */
const call = <T>(run: () => Promise<T>, silent = false): Promise<T> => apiCall(run, { silent })

export const staffBookingApi = {
  /** The staff member's center (from the workbench, which knows it). */
  myCenter: () => call(() => client.get<{ center: { code: string; name: string } | null }>('/api/staff/workbench'), true),
  day: (center: string, date: string, silent = false) => call(() => client.get<DayBookings>(`/api/staff/centers/${encodeURIComponent(center)}/bookings?date=${date}`), silent),
  mark: (id: string, attended: boolean) => call(() => client.post<{ booking: BookingView }>(`/api/staff/bookings/${encodeURIComponent(id)}/attendance`, { attended })),
}
