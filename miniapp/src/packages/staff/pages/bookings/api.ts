// Typed calls for the staff side of booking. Type-only imports from shared: no zod in the bundle.
import type { z } from 'zod'
import type { BookingView, dayBookingsSchema } from '@doorstep/shared'
import { client, messageOf, showError } from '../../../../services/api'

export { messageOf }
export type DayBookings = z.infer<typeof dayBookingsSchema>

async function call<T>(run: () => Promise<T>, silent = false): Promise<T> {
  try {
    return await run()
  } catch (err) {
    if (!silent) showError(err)
    throw err
  }
}

export const staffBookingApi = {
  /** The staff member's center (from the workbench, which knows it). */
  myCenter: () => call(() => client.get<{ center: { code: string; name: string } | null }>('/api/staff/workbench'), true),
  day: (center: string, date: string, silent = false) => call(() => client.get<DayBookings>(`/api/staff/centers/${encodeURIComponent(center)}/bookings?date=${date}`), silent),
  mark: (id: string, attended: boolean) => call(() => client.post<{ booking: BookingView }>(`/api/staff/bookings/${encodeURIComponent(id)}/attendance`, { attended })),
}
