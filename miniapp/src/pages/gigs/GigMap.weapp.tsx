import { Map } from '@tarojs/components'
import type { GigMapProps } from './GigMap'

/**
 * Bundled marker (60×80 px PNG, shown at 30×40), copied to the package root by config/index.ts
 * (copy.patterns); <map> wants a package path, not an inlined data URL.
 */
const MARKER_ICON = '/assets/map/marker.png'

/**
 * weapp only (Taro picks this file for the weapp build): the native map, GCJ-02 like every stored
 * coordinate, one marker per gig. Tapping a marker (or its callout) opens the gig; the callout
 * always shows title and pay so nothing needs two taps.
 */
export default function GigMap({ center, gigs, onOpen }: GigMapProps) {
  const markers = gigs.map((g, i) => ({
    id: i,
    latitude: g.lat,
    longitude: g.lng,
    iconPath: MARKER_ICON,
    width: 30,
    height: 40,
    title: g.title,
    callout: { content: `${g.title}\n${g.payText}`, display: 'ALWAYS' as const, padding: 6, borderRadius: 6, fontSize: 14, color: '#1a1a1a', bgColor: '#ffffff', textAlign: 'center' as const },
  }))
  const open = (e: { detail: unknown }) => {
    const g = gigs[Number((e.detail as { markerId?: number }).markerId)]
    if (g) onOpen(g.id)
  }
  return (
    <Map
      id='gig-map'
      className='map'
      latitude={center.lat}
      longitude={center.lng}
      scale={13}
      showLocation
      markers={markers as never}
      onMarkerTap={open}
      onCalloutTap={open}
      onError={() => {}}
    />
  )
}
