// Generates the tiny tab-bar PNG icons in src/assets/tabbar (no dependencies).
// Run: node miniapp/scripts/gen-tabbar-icons.mjs
import { deflateSync } from 'node:zlib'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const OUT = join(dirname(fileURLToPath(import.meta.url)), '../src/assets/tabbar')
const SIZE = 81
const SS = 4 // supersampling per axis

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf) => {
  let c = 0xffffffff
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type, data) => {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(td))
  return Buffer.concat([len, td, crc])
}
function png(size, alphaAt, [r, g, b]) {
  const raw = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0
    for (let x = 0; x < size; x++) {
      const o = y * (size * 4 + 1) + 1 + x * 4
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = alphaAt(x, y)
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

// Shape helpers on a 0..1 coordinate space.
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r
const tri = (ax, ay, bx, by, cx, cy) => (x, y) => {
  const s = (px, py, qx, qy) => (x - qx) * (py - qy) - (px - qx) * (y - qy)
  const d1 = s(ax, ay, bx, by), d2 = s(bx, by, cx, cy), d3 = s(cx, cy, ax, ay)
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0))
}
const union = (...fs) => (x, y) => fs.some((f) => f(x, y))
const minus = (a, ...bs) => (x, y) => a(x, y) && !bs.some((f) => f(x, y))

const icons = {
  home: minus(
    union(tri(0.5, 0.1, 0.06, 0.5, 0.94, 0.5), rect(0.18, 0.45, 0.82, 0.9)),
    rect(0.41, 0.62, 0.59, 0.9),
  ),
  gigs: union(
    minus(rect(0.34, 0.14, 0.66, 0.34), rect(0.42, 0.21, 0.58, 0.34)),
    minus(rect(0.08, 0.3, 0.92, 0.86), rect(0.08, 0.52, 0.92, 0.56)),
  ),
  policy: minus(
    rect(0.18, 0.08, 0.82, 0.92),
    rect(0.3, 0.24, 0.7, 0.3),
    rect(0.3, 0.42, 0.7, 0.48),
    rect(0.3, 0.6, 0.56, 0.66),
  ),
  mine: union(circle(0.5, 0.3, 0.19), (x, y) => y >= 0.56 && y <= 0.92 && ((x - 0.5) / 0.38) ** 2 + ((y - 0.92) / 0.36) ** 2 <= 1),
}

const colors = { normal: [0x55, 0x55, 0x55], active: [0x15, 0x57, 0xb0] }
mkdirSync(OUT, { recursive: true })
for (const [name, shape] of Object.entries(icons)) {
  const alphaAt = (px, py) => {
    let hit = 0
    for (let sy = 0; sy < SS; sy++)
      for (let sx = 0; sx < SS; sx++) if (shape((px + (sx + 0.5) / SS) / SIZE, (py + (sy + 0.5) / SS) / SIZE)) hit++
    return Math.round((hit / (SS * SS)) * 255)
  }
  for (const [variant, rgb] of Object.entries(colors)) {
    const file = join(OUT, `${name}${variant === 'active' ? '-active' : ''}.png`)
    const buf = png(SIZE, alphaAt, rgb)
    writeFileSync(file, buf)
    console.log(file, buf.length, 'bytes')
  }
}
