/**
 * Draws the toolbar icon (a magnifying glass over a badge) at every size the manifest lists and
 * writes PNGs to public/icons. Run by maintainers: `npx tsx scripts/make-icons.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BRAND: [number, number, number] = [0x8a, 0x15, 0x38];
const SIZES = [16, 32, 48, 128];
const SAMPLES = 4;

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0;
    Buffer.from(rgba.subarray(y * size * 4, (y + 1) * size * 4)).copy(rows, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** 0 transparent, 1 brand, 2 white, in a unit square. */
function shade(x: number, y: number): 0 | 1 | 2 {
  const r = 0.2;
  const dx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
  const dy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
  if (dx * dx + dy * dy > r * r) return 0;
  const cx = 0.44;
  const cy = 0.44;
  const d = Math.hypot(x - cx, y - cy);
  if (d > 0.17 && d < 0.27) return 2; // the lens
  // The handle: a thick segment from the lens towards the bottom right.
  const t = ((x - cx) + (y - cy)) / 2;
  const off = Math.abs((x - cx) - (y - cy)) / Math.SQRT2;
  if (t > 0.17 && t < 0.33 && off < 0.07) return 2;
  return 1;
}

mkdirSync('public/icons', { recursive: true });
for (const size of SIZES) {
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let brand = 0;
      let white = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const v = shade((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size);
          if (v === 1) brand++;
          if (v === 2) white++;
        }
      }
      const n = SAMPLES * SAMPLES;
      const alpha = (brand + white) / n;
      const i = (py * size + px) * 4;
      const w = brand + white ? white / (brand + white) : 0;
      rgba[i] = Math.round(BRAND[0] * (1 - w) + 255 * w);
      rgba[i + 1] = Math.round(BRAND[1] * (1 - w) + 255 * w);
      rgba[i + 2] = Math.round(BRAND[2] * (1 - w) + 255 * w);
      rgba[i + 3] = Math.round(alpha * 255);
    }
  }
  writeFileSync(`public/icons/icon-${size}.png`, png(size, rgba));
}
process.stdout.write(`wrote ${SIZES.length} icons to public/icons\n`);
