/** The per-field details of a 400 answer ({ field, message }[] in `details`), malformed entries left out. */
export interface FieldDetail { field: string; message: string }

export function detailsOf(details: unknown): FieldDetail[] {
  if (!Array.isArray(details)) return []
  return (details as { field?: unknown; message?: unknown }[])
    .filter((d) => typeof d?.field === 'string' && typeof d?.message === 'string')
    .map((d) => ({ field: d.field as string, message: d.message as string }))
}

const firstSegment = (field: string) => field.split('.')[0]!

/**
 * The first message per form key. `keyOf` maps the server's field path to the form's key (null: the detail
 * belongs to no field of this form); by default the first path segment ('place.address' → 'place').
 */
export function fieldErrorsOf(details: unknown, keyOf: (field: string) => string | null = firstSegment): Record<string, string> {
  const out: Record<string, string> = {}
  for (const d of detailsOf(details)) {
    const key = keyOf(d.field)
    if (key && !out[key]) out[key] = d.message
  }
  return out
}
