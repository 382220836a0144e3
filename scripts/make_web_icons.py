#!/usr/bin/env python3
"""Draws the web app's icons (web/public/icon-192.png, icon-512.png) without any image library:
a rounded square in the app's accent colour with three white steps going down, a taper. The SVG
(web/public/icon.svg) draws the same shapes. Run again after changing either; the PNGs are a few
KB because they are flat colours, compressed with zlib."""
import struct
import sys
import zlib
from pathlib import Path

ACCENT = (0x2F, 0x66, 0x90)
WHITE = (0xFF, 0xFF, 0xFF)
# In a 512-unit square, as in icon.svg: the rounded square and the three steps (x, y, w, h).
CORNER = 96
STEPS = [(96, 136, 112, 280), (208, 216, 104, 200), (312, 296, 104, 120)]


def inside_rounded(x, y, size, r):
    cx = min(max(x, r), size - r)
    cy = min(max(y, r), size - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def pixel(x, y, size):
    s = 512 / size
    ux, uy = (x + 0.5) * s, (y + 0.5) * s
    if not inside_rounded(ux, uy, 512, CORNER):
        return None  # transparent
    for sx, sy, w, h in STEPS:
        if sx <= ux < sx + w and sy <= uy < sy + h:
            return WHITE
    return ACCENT


def png(size):
    rows = bytearray()
    for y in range(size):
        rows.append(0)  # filter: none
        for x in range(size):
            c = pixel(x, y, size)
            rows.extend((*c, 255) if c else (0, 0, 0, 0))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) +
            chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent.parent / "web" / "public")
    for size in (192, 512):
        (out / f"icon-{size}.png").write_bytes(png(size))


if __name__ == "__main__":
    main()
