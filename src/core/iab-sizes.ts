/**
 * IAB standard ad unit sizes (the IAB New Ad Portfolio, 2017, plus the legacy units still sold):
 * an iframe of one of these sizes from a known ad host is almost certainly an ad.
 */
const SIZES: ReadonlyArray<readonly [number, number]> = [
  [300, 250], [336, 280], [728, 90], [970, 90], [970, 250], [300, 600], [160, 600], [120, 600],
  [300, 1050], [320, 50], [300, 50], [320, 100], [320, 480], [480, 320], [468, 60], [234, 60],
  [250, 250], [200, 200], [180, 150], [125, 125], [120, 240], [240, 400], [300, 100], [88, 31],
  [970, 66], [980, 120], [930, 180], [580, 400], [768, 1024], [1024, 768], [120, 90], [120, 60],
];

/** " 300x250 336x280 … ", made on first use: nothing is built when the script starts in a frame. */
let keys: string | null = null;

export function isIabSize(width: number, height: number): boolean {
  keys ??= ` ${SIZES.map(([w, h]) => `${w}x${h}`).join(' ')} `;
  return keys.includes(` ${width}x${height} `);
}
