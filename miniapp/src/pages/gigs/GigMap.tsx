import type { GigSummary, LatLng } from './api'

export interface GigMapProps {
  center: LatLng
  gigs: GigSummary[]
  onOpen: (id: string) => void
}

/** H5 (and other builds): no map library is bundled; the list shows distances instead. See GigMap.weapp.tsx. */
export default function GigMap(_props: GigMapProps) {
  return null
}
