import { Map } from '@tarojs/components'
import type { GigMapProps } from './GigMap'

/** weapp only (Taro picks this file for the weapp build): the native map with a marker per gig (system marker icon). */
export default function GigMap({ center, gigs, onOpen }: GigMapProps) {
  const markers = gigs.map((g, i) => ({
    id: i,
    latitude: g.lat,
    longitude: g.lng,
    callout: { content: `${g.title} ${g.payText}`, display: 'BYCLICK' as const, padding: 6, borderRadius: 6, fontSize: 14, color: '#1a1a1a', bgColor: '#ffffff' },
  }))
  return (
    <Map
      id='gig-map'
      className='map'
      latitude={center.lat}
      longitude={center.lng}
      scale={13}
      showLocation
      markers={markers as never}
      onCalloutTap={(e) => {
        const g = gigs[Number((e.detail as { markerId?: number }).markerId)]
        if (g) onOpen(g.id)
      }}
      onError={() => {}}
    />
  )
}
