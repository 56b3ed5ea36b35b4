// Draws the toolbar icon (a white play triangle on a blue rounded square) as PNGs, so that no
// binary files live in the sources.
import { writeFile } from 'node:fs/promises';
import { deflateSync, crc32 } from 'node:zlib';

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function inside(x, y, s) {
  const r = s / 5;
  const cx = Math.min(Math.max(x, r), s - r);
  const cy = Math.min(Math.max(y, r), s - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inTriangle(x, y, s) {
  const left = s * 0.38;
  const right = s * 0.74;
  if (x < left || x > right) return false;
  const half = (s * 0.25) * (1 - (x - left) / (right - left));
  return Math.abs(y - s / 2) <= half;
}

export function iconPng(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const rgba = !inside(px, py, size) ? [0, 0, 0, 0] : inTriangle(px, py, size) ? [255, 255, 255, 255] : [59, 91, 219, 255];
      Buffer.from(rgba).copy(row, 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

export async function writeIcons(dir) {
  for (const size of [16, 48, 128]) await writeFile(`${dir}/icon${size}.png`, iconPng(size));
}
