import { Schema, type Connection, type Model } from 'mongoose';

export interface Region { code: string; name: string; cityCode: string; center: { lat: number; lng: number }; streets: string[] }

const regionSchema = new Schema<Region>(
  { code: { type: String, required: true }, name: { type: String, required: true }, cityCode: { type: String, required: true }, center: { lat: Number, lng: Number }, streets: [String] },
  { collection: 'regions', timestamps: true },
);
regionSchema.index({ code: 1 }, { unique: true });
regionSchema.index({ cityCode: 1 });

export function regionModel(conn: Connection): Model<Region> {
  return (conn.models.Region as Model<Region>) ?? conn.model<Region>('Region', regionSchema);
}
