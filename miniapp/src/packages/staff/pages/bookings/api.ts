// Typed calls for the staff side of booking. Type-only imports from shared: no zod in the bundle.
import type { z } from 'zod'
import type { BookingView, SlotCreateBody, SlotOptions, SlotView, dayBookingsSchema } from '@doorstep/shared'
import { client, fieldErrors, messageOf, call as apiCall } from '../../../../services/api'

export { fieldErrors, messageOf }
export type { SlotOptions }
export type DayBookings = z.infer<typeof dayBookingsSchema>

/** `call` with a plain silent flag, as this module's callers pass it. */
const call = <T>(run: () => Promise<T>, silent = false): Promise<T> => apiCall(run, { silent })
const enc = encodeURIComponent

export const staffBookingApi = {
  /** The staff member's center (from the workbench, which knows it). */
  myCenter: () => call(() => client.get<{ center: { code: string; name: string } | null }>('/api/staff/workbench'), true),
  day: (center: string, date: string, silent = false) => call(() => client.get<DayBookings>(`/api/staff/centers/${enc(center)}/bookings?date=${date}`), silent),
  mark: (id: string, attended: boolean) => call(() => client.post<{ booking: BookingView }>(`/api/staff/bookings/${enc(id)}/attendance`, { attended })),
  /** The places and bookable services the slot form offers. */
  slotOptions: (center: string) => call(() => client.get<SlotOptions>(`/api/staff/centers/${enc(center)}/slot-options`), true),
  /** Numbers the person typed that are not whole numbers go as typed: the server names the field in Chinese. */
  createSlot: (center: string, body: Omit<SlotCreateBody, 'capacity' | 'reservedSeats'> & { capacity: number | string; reservedSeats: number | string }) =>
    call(() => client.post<{ slot: SlotView }>(`/api/staff/centers/${enc(center)}/slots`, body), true),
}
