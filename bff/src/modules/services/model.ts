import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { BOOKING_KINDS, BOOKING_STATUSES, type BookingKind, type BookingStatus, type ServiceGuide } from '@doorstep/shared';

/** 服务事项清单: one row per center and service, with its 办事指南; edited by the center's staff. */
export interface CenterService {
  centerCode: string;
  key: string;
  name: string;
  category: string;
  bookingKind: BookingKind | null;
  published: boolean;
  order: number;
  guide: ServiceGuide;
  updatedBy: string | null;
  rev: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A bookable time slot of a center (at its hall or one of its stations). */
export interface BookingSlot {
  centerCode: string;
  /** The center's (first) district: the staff scope of the slot and its bookings. */
  district: string;
  kind: BookingKind;
  serviceKey: string | null;
  serviceName: string | null;
  date: string;
  startTime: string;
  endTime: string;
  capacity: number;
  /** 优先名额 for recognised 就业困难人员 and veterans (rule: shared/src/rules/booking.ts); missing on older slots: 0. */
  reservedSeats?: number;
  place: { id: string; name: string; address: string };
  note: string | null;
  createdBy: string;
  /** Stepped by every booking and cancellation (fenced): two holders of a lost lease cannot both decide on one state of the seats. */
  rev: number;
  createdAt: Date;
}

/**
 * One person's seat in a slot. While the booking holds a seat (booked, attended, no_show) it carries
 * `seatKey` = `<slotId>#<seatNo>` and `activeKey` = `<slotId>|<userId>`, both unique: two bookings can
 * never hold one seat, nor one person two seats of a slot, even if the slot lease were lost. A
 * cancellation removes both keys, so the seat is free again.
 */
export interface Booking {
  slotId: Types.ObjectId;
  userId: Types.ObjectId;
  centerCode: string;
  district: string;
  date: string;
  startTime: string;
  status: BookingStatus;
  seatNo: number | null;
  /** The person was priority (recognised 就业困难人员 or veteran) when booking: the seat counts towards the slot's 优先名额. */
  priority?: boolean;
  seatKey?: string;
  activeKey?: string;
  /** 预约号 shown at the counter. */
  code: string;
  bookedAt: Date;
  cancelledAt: Date | null;
  attendanceAt: Date | null;
  attendanceBy: string | null;
  rev: number;
  createdAt: Date;
  updatedAt: Date;
}

const guideSchema = new Schema<ServiceGuide>({
  conditions: [String], materials: [String], timeLimit: String, where: String, online: Boolean, onlineHow: { type: String, default: null }, inPerson: Boolean, fee: String, basis: String,
}, { _id: false });

const centerServiceSchema = new Schema<CenterService>({
  centerCode: { type: String, required: true },
  key: { type: String, required: true },
  name: { type: String, required: true },
  category: { type: String, required: true },
  bookingKind: { type: String, enum: [...BOOKING_KINDS, null], default: null },
  published: { type: Boolean, default: true },
  order: { type: Number, default: 0 },
  guide: { type: guideSchema, required: true },
  updatedBy: { type: String, default: null },
  rev: { type: Number, default: 0 },
}, { timestamps: true, collection: 'center_services' });
centerServiceSchema.index({ centerCode: 1, key: 1 }, { unique: true });

const slotSchema = new Schema<BookingSlot>({
  centerCode: { type: String, required: true },
  district: { type: String, required: true },
  kind: { type: String, enum: BOOKING_KINDS, required: true },
  serviceKey: { type: String, default: null },
  serviceName: { type: String, default: null },
  date: { type: String, required: true },
  startTime: { type: String, required: true },
  endTime: { type: String, required: true },
  capacity: { type: Number, required: true },
  reservedSeats: { type: Number, default: 0 },
  place: { type: new Schema({ id: String, name: String, address: String }, { _id: false }), required: true },
  note: { type: String, default: null },
  createdBy: { type: String, required: true },
  rev: { type: Number, default: 0 },
}, { timestamps: { createdAt: true, updatedAt: false }, collection: 'booking_slots' });
// The same slot (center, place, kind, service, day and times) exists once: a repeated create is refused.
slotSchema.index({ centerCode: 1, date: 1, startTime: 1, endTime: 1, kind: 1, serviceKey: 1, 'place.id': 1 }, { unique: true });
slotSchema.index({ centerCode: 1, date: 1 });

const bookingSchema = new Schema<Booking>({
  slotId: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  centerCode: { type: String, required: true },
  district: { type: String, required: true },
  date: { type: String, required: true },
  startTime: { type: String, required: true },
  status: { type: String, enum: BOOKING_STATUSES, required: true },
  seatNo: { type: Number, default: null },
  priority: { type: Boolean, default: false },
  seatKey: { type: String },
  activeKey: { type: String },
  code: { type: String, required: true },
  bookedAt: { type: Date, required: true },
  cancelledAt: { type: Date, default: null },
  attendanceAt: { type: Date, default: null },
  attendanceBy: { type: String, default: null },
  rev: { type: Number, default: 0 },
}, { timestamps: true, collection: 'bookings' });
bookingSchema.index({ seatKey: 1 }, { unique: true, sparse: true });
bookingSchema.index({ activeKey: 1 }, { unique: true, sparse: true });
bookingSchema.index({ slotId: 1, status: 1 });
bookingSchema.index({ userId: 1, date: -1 });
bookingSchema.index({ date: 1, status: 1 });

export function serviceModels(conn: Connection): { CenterService: Model<CenterService>; Slot: Model<BookingSlot>; Booking: Model<Booking> } {
  return {
    CenterService: (conn.models.CenterService as Model<CenterService>) ?? conn.model<CenterService>('CenterService', centerServiceSchema),
    Slot: (conn.models.BookingSlot as Model<BookingSlot>) ?? conn.model<BookingSlot>('BookingSlot', slotSchema),
    Booking: (conn.models.Booking as Model<Booking>) ?? conn.model<Booking>('Booking', bookingSchema),
  };
}
