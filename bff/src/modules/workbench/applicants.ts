import { Types, type Model } from 'mongoose';
import type { Employer } from '../employers/model';
import type { WorkerProfile } from '../gigs/model';
import type { Registration } from '../registration/model';
import { districtOfText } from '@doorstep/shared';

export interface ApplicantSources {
  Registration: Model<Registration>;
  WorkerProfile: Model<WorkerProfile>;
  Employer: Model<Employer>;
}

/** Ids per `$in`: FerretDB scans the whole collection for each query, so fewer, larger batches are much cheaper. */
const CHUNK = 5000;

function chunks<T>(xs: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

/**
 * District of each applicant (see routing.ts): latest registration with a district, else the home
 * district given for gig work, else the district named in their employer's address; null if none.
 * Batched lookups by user id (no $lookup on either database).
 */
export async function applicantDistricts(src: ApplicantSources, userIds: string[]): Promise<Map<string, string | null>> {
  const ids = [...new Set(userIds)].filter((id) => Types.ObjectId.isValid(id));
  const out = new Map<string, string | null>(userIds.map((id) => [id, null]));
  let left = ids;
  for (const part of chunks(left)) {
    const rows = await src.Registration.find({ userId: { $in: part }, district: { $ne: null } }).select({ userId: 1, district: 1, createdAt: 1 }).sort({ createdAt: -1 }).lean();
    for (const r of rows) {
      if (!r.userId) continue;
      const id = r.userId.toString();
      if (out.get(id) == null && r.district) out.set(id, r.district);
    }
  }
  left = left.filter((id) => out.get(id) == null);
  for (const part of chunks(left)) {
    const rows = await src.WorkerProfile.find({ userId: { $in: part }, homeDistrict: { $ne: null } }).select({ userId: 1, homeDistrict: 1 }).lean();
    for (const r of rows) if (r.homeDistrict) out.set(r.userId.toString(), r.homeDistrict);
  }
  left = left.filter((id) => out.get(id) == null);
  for (const part of chunks(left)) {
    const rows = await src.Employer.find({ userId: { $in: part } }).select({ userId: 1, address: 1 }).lean();
    for (const r of rows) out.set(r.userId.toString(), districtOfText(r.address));
  }
  return out;
}
