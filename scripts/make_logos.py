#!/usr/bin/env python3
"""Draw the Assay mark into kernelspec/: logo-32x32.png, logo-64x64.png and logo-svg.svg.

The mark is a slate rounded square holding a light "A" whose crossbar is a teal bar: a
measurement, which is what an assay is. One geometry, in a unit square, feeds both the SVG and
the PNGs; the PNGs are rasterised here with 4x4 supersampling and written with zlib and struct
only, so the logos can be rebuilt anywhere Python runs.

    python3 scripts/make_logos.py
"""

from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kernelspec"

SLATE = (30, 41, 59)  # the square
IVORY = (241, 245, 249)  # the letter's legs
TEAL = (45, 212, 191)  # the crossbar

CORNER = 0.2  # corner radius of the square
APEX, LEFT_FOOT, RIGHT_FOOT = (0.5, 0.2), (0.26, 0.8), (0.74, 0.8)
LEG_WIDTH = 0.13
BAR = ((0.34, 0.6), (0.66, 0.6))
BAR_WIDTH = 0.1


def in_rounded_square(x: float, y: float) -> bool:
    cx = min(max(x, CORNER), 1 - CORNER)
    cy = min(max(y, CORNER), 1 - CORNER)
    return 0 <= x <= 1 and 0 <= y <= 1 and math.hypot(x - cx, y - cy) <= CORNER


def near_segment(x: float, y: float, a: tuple[float, float], b: tuple[float, float],
                 width: float) -> bool:
    """Inside the stroke of width `width` from a to b, with round caps."""
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= width / 2


def colour_at(x: float, y: float) -> tuple[int, int, int, int]:
    """The mark's colour at (x, y) in the unit square, y pointing down; transparent outside."""
    if not in_rounded_square(x, y):
        return (0, 0, 0, 0)
    if near_segment(x, y, *BAR, BAR_WIDTH):
        return (*TEAL, 255)
    if near_segment(x, y, APEX, LEFT_FOOT, LEG_WIDTH) or near_segment(
        x, y, APEX, RIGHT_FOOT, LEG_WIDTH
    ):
        return (*IVORY, 255)
    return (*SLATE, 255)


def raster(size: int, samples: int = 4) -> list[bytes]:
    """Rows of RGBA pixels, each the average of samples x samples points (premultiplied)."""
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            r = g = b = a = 0
            for sy in range(samples):
                for sx in range(samples):
                    x = (px + (sx + 0.5) / samples) / size
                    y = (py + (sy + 0.5) / samples) / size
                    cr, cg, cb, ca = colour_at(x, y)
                    r, g, b, a = r + cr * ca, g + cg * ca, b + cb * ca, a + ca
            if a:
                row += bytes((round(r / a), round(g / a), round(b / a), round(a / samples**2)))
            else:
                row += bytes(4)
        rows.append(bytes(row))
    return rows


def png(rows: list[bytes]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    height, width = len(rows), len(rows[0]) // 4
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    pixels = b"".join(b"\x00" + row for row in rows)  # filter type 0 on every row
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(pixels, 9)) + chunk(b"IEND", b""))


def svg() -> str:
    def hexa(rgb: tuple[int, int, int]) -> str:
        return "#%02x%02x%02x" % rgb

    s = 64  # the SVG's own unit square, scaled from the geometry above

    def p(point: tuple[float, float]) -> str:
        return f"{point[0] * s:g} {point[1] * s:g}"

    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="{s}" height="{s}" viewBox="0 0 {s} {s}">
  <title>Assay</title>
  <rect width="{s}" height="{s}" rx="{CORNER * s:g}" fill="{hexa(SLATE)}"/>
  <path d="M {p(LEFT_FOOT)} L {p(APEX)} L {p(RIGHT_FOOT)}" fill="none" stroke="{hexa(IVORY)}"
        stroke-width="{LEG_WIDTH * s:g}" stroke-linecap="round" stroke-linejoin="round"/>
  <path d="M {p(BAR[0])} L {p(BAR[1])}" stroke="{hexa(TEAL)}"
        stroke-width="{BAR_WIDTH * s:g}" stroke-linecap="round"/>
</svg>
"""


def main() -> None:
    for size in (32, 64):
        (OUT / f"logo-{size}x{size}.png").write_bytes(png(raster(size)))
    (OUT / "logo-svg.svg").write_text(svg())


if __name__ == "__main__":
    main()
