/**
 * 优先名额 of a booking slot: staff hold `reservedSeats` of a slot's seats for recognised 就业困难人员 and
 * veterans (the people who also come first in the staff inbox). The rule, one place for the BFF's booking
 * check (run under the slot's lease) and the slot's label:
 * - the reservation is a quota: seats that priority people already hold count towards it, so
 *   `reservedLeft = reservedSeats − seats held by priority people` (never below 0);
 * - an ordinary person may book only while the free seats are more than `reservedLeft` (they never take
 *   the last `reservedLeft` seats); a priority person may take any free seat;
 * - our choice: from 00:00 (China time) of the day before the slot, reserved seats nobody claimed open to
 *   everyone (`reservedLeft` = 0), so a seat is not left empty for want of a priority booking.
 */

export const RESERVED_FOR = '就业困难人员、退役军人';

/** The day before a slot's date ('YYYY-MM-DD'): from then on its reserved seats are open to everyone. */
export function reservedOpenFrom(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

export interface SlotSeats {
  date: string;
  capacity: number;
  reservedSeats?: number | null;
  /** Seats held now (booked, attended, no-show), and how many of them by priority people. */
  held: number;
  priorityHeld: number;
}

/** Free seats, and how many of them are still held back for priority people today (China date). */
export function slotSeats(s: SlotSeats, today: string): { remaining: number; reservedLeft: number; openToAll: number } {
  const remaining = Math.max(0, s.capacity - s.held);
  const quota = today >= reservedOpenFrom(s.date) ? 0 : Math.max(0, (s.reservedSeats ?? 0) - s.priorityHeld);
  const reservedLeft = Math.min(remaining, quota);
  return { remaining, reservedLeft, openToAll: remaining - reservedLeft };
}

/** Why this person cannot take a seat now (null: they can): the slot is full, or what is left is reserved. */
export function seatRefusal(s: SlotSeats, today: string, priority: boolean): 'full' | 'reserved' | null {
  const { remaining, openToAll } = slotSeats(s, today);
  if (!remaining) return 'full';
  return priority || openToAll > 0 ? null : 'reserved';
}

/** 剩 3 个名额（含 2 个就业困难人员、退役军人优先名额） — what a person reads on the slot. */
export function seatsLabel(remaining: number, reservedLeft: number): string {
  if (!remaining) return '已约满';
  if (!reservedLeft) return `剩 ${remaining} 个名额`;
  if (reservedLeft >= remaining) return `剩 ${remaining} 个名额（均为${RESERVED_FOR}优先名额）`;
  return `剩 ${remaining} 个名额（含 ${reservedLeft} 个${RESERVED_FOR}优先名额）`;
}
