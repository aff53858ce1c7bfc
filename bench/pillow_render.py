#!/usr/bin/python3
"""Pillow baseline for the glyph rendering benchmark (see glyph-render.sh).

Does the work Glyphwright's GlyphRenderer does, with Pillow (FreeType):
for each line, fit the text into its pixel box at the largest integer size whose ink fits
(measured at a reference size, then checked and shrunk one pixel at a time at the final size),
centre it by ink, set tall narrow CJK boxes vertically (one character per cell), draw an
antialiased 8-bit mask, take each character's ink box from its rendered glyph bitmap, and draw
a character map (mode I, then I;16) with each character's index, not antialiased.

It draws with the primitives ImageDraw.text itself uses (font.getmask2 + draw.draw_bitmap), so
that each glyph is rasterised once for the mask (whose bitmap also gives the ink box) and once
for the character map, as in the Java renderer, instead of once more for a separate getbbox.
Font objects are cached per (file, index, size), reference-size metrics per (face, character).

Usage: pillow_render.py LAYOUTS.jsonl PASSES WORKERS...   (prints one JSON line per worker count)
Run with Debian's /usr/bin/python3 (python3-pil).
"""

import functools
import json
import math
import multiprocessing
import statistics
import sys
import time

from PIL import Image, ImageDraw, ImageFont

REF = 256  # reference size in pixels, as in the Java renderer
MAX_EM = 1.4  # em <= 1.4 x the box side across the text
VERTICAL_ASPECT = 1.5

FONTS = {}  # face id -> (file, index)
LAYOUTS = []  # (layout dict, faces per line)


def load(path):
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    header = rows[0]
    FONTS.update({k: (v[0], v[1]) for k, v in header["fonts"].items()})
    LAYOUTS.extend((r["layout"], r["faces"]) for r in rows[1:])


@functools.lru_cache(maxsize=512)
def font_at(face, size):
    path, index = FONTS[face]
    return ImageFont.truetype(path, size, index=index, layout_engine=ImageFont.Layout.BASIC)


@functools.lru_cache(maxsize=None)
def ref_metrics(face, ch):
    """(advance, ink box (l, t, r, b) relative to the baseline origin, or None) at REF."""
    font = font_at(face, REF)
    mask, offset = font.getmask2(ch, "L", anchor="ls")
    bbox = mask.getbbox()
    ink = None if bbox is None else (bbox[0] + offset[0], bbox[1] + offset[1],
                                     bbox[2] + offset[0], bbox[3] + offset[1])
    return font.getlength(ch), ink


def is_cjk(ch):
    c = ord(ch)
    return (0x4E00 <= c <= 0x9FFF or 0x3400 <= c <= 0x4DBF or 0x20000 <= c <= 0x3FFFF
            or 0xF900 <= c <= 0xFAFF or 0x3040 <= c <= 0x30FF or 0x31F0 <= c <= 0x31FF
            or 0xAC00 <= c <= 0xD7AF or 0x1100 <= c <= 0x11FF or 0x3130 <= c <= 0x318F
            or 0x3100 <= c <= 0x312F or 0x31A0 <= c <= 0x31BF or 0x3000 <= c <= 0x303F
            or 0xFF00 <= c <= 0xFFEF or 0xFE10 <= c <= 0xFE1F or 0xFE30 <= c <= 0xFE4F)


def to_pixels(layout, box):
    w, h, g = layout["width"], layout["height"], layout["grid"]
    l, t, r, b = box
    return (-((-l * w) // g), -((-t * h) // g), (r * w) // g, (b * h) // g)


def place(chars, faces, size, vertical):
    """Glyph origins (x, y) at `size` (float), for non-space characters, from reference metrics
    scaled (for the first guess) or from the font at `size` (for the check)."""
    out = []
    if not vertical:
        pen = 0.0
        for ch, face in zip(chars, faces):
            font = font_at(face, size)
            if not ch.isspace():
                out.append((ch, face, pen, 0.0))
            pen += font.getlength(ch)
        return out
    scale = size / REF
    pitch = size
    for ch, face in zip(chars, faces):
        ink = ref_metrics(face, ch)[1]
        if ink is not None:
            pitch = max(pitch, (ink[3] - ink[1]) * scale)
    for i, (ch, face) in enumerate(zip(chars, faces)):
        if ch.isspace():
            continue
        ink = ref_metrics(face, ch)[1]
        cy = (i + 0.5) * pitch
        if ink is None:
            out.append((ch, face, 0.0, cy))
        else:
            out.append((ch, face, -(ink[0] + ink[2]) * scale / 2, cy - (ink[1] + ink[3]) * scale / 2))
    return out


def ref_fit(chars, faces, pb, vertical):
    """Scale from REF that makes the reference ink fit pb, capped."""
    w, h = pb[2] - pb[0], pb[3] - pb[1]
    ink = None
    placed = place(chars, faces, REF, vertical)
    for ch, face, x, y in placed:
        g = ref_metrics(face, ch)[1]
        if g is None:
            continue
        box = (x + g[0], y + g[1], x + g[2], y + g[3])
        ink = box if ink is None else (min(ink[0], box[0]), min(ink[1], box[1]),
                                       max(ink[2], box[2]), max(ink[3], box[3]))
    cap = MAX_EM * (w if vertical else h) / REF
    if ink is None:
        return cap
    return min(w / (ink[2] - ink[0]), h / (ink[3] - ink[1]), cap)


def set_line(chars, faces, pb, vertical):
    """Largest integer size whose rendered ink fits pb.

    Returns (size, [(ch, face, mask, mask_x, mask_y, origin_x, origin_y, ink box)]).
    """
    size = max(1, int(math.floor(REF * ref_fit(chars, faces, pb, vertical))))
    w, h = pb[2] - pb[0], pb[3] - pb[1]
    while True:
        glyphs = []
        ink = None
        for ch, face, x, y in place(chars, faces, size, vertical):
            mask, offset = font_at(face, size).getmask2(ch, "L", anchor="ls")
            bbox = mask.getbbox()
            xi, yi = int(round(x)), int(round(y))
            box = None
            if bbox is not None:
                box = (xi + offset[0] + bbox[0], yi + offset[1] + bbox[1],
                       xi + offset[0] + bbox[2], yi + offset[1] + bbox[3])
                ink = box if ink is None else (min(ink[0], box[0]), min(ink[1], box[1]),
                                               max(ink[2], box[2]), max(ink[3], box[3]))
            glyphs.append((ch, face, mask, offset, xi, yi, box))
        if ink is None:
            dx, dy = pb[0], pb[1]
        elif (ink[2] - ink[0] <= w and ink[3] - ink[1] <= h) or size == 1:
            dx = pb[0] + (w - (ink[2] - ink[0])) // 2 - ink[0]
            dy = pb[1] + (h - (ink[3] - ink[1])) // 2 - ink[1]
        else:
            size -= 1
            continue
        return size, [(ch, face, m, xi + dx + off[0], yi + dy + off[1], xi + dx, yi + dy,
                       None if b is None else (b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy))
                      for ch, face, m, off, xi, yi, b in glyphs]


def render(index):
    """Mask (L), character map (I;16) and per-line [(character, ink box)] for one layout."""
    layout, faces = LAYOUTS[index]
    size = (layout["width"], layout["height"])
    mask = Image.new("L", size, 0)
    seg = Image.new("I", size, 0)
    mask_draw = ImageDraw.Draw(mask).draw
    seg_draw = ImageDraw.Draw(seg).draw
    k = 0
    lines = []
    for line, line_faces in zip(layout["lines"], faces):
        chars = list(line["text"])
        pb = to_pixels(layout, line["box"])
        vertical = (pb[3] - pb[1]) >= VERTICAL_ASPECT * (pb[2] - pb[0]) and any(map(is_cjk, chars))
        fsize, glyphs = set_line(chars, line_faces, pb, vertical)
        boxes = []
        for ch, face, m, mx, my, x, y, box in glyphs:
            k += 1
            mask_draw.draw_bitmap((mx, my), m, 255)
            bitmap, off = font_at(face, fsize).getmask2(ch, "1", anchor="ls")
            seg_draw.draw_bitmap((x + off[0], y + off[1]), bitmap, k)
            boxes.append((ch, box))
        lines.append(boxes)
    return mask, seg.convert("I;16"), lines


def timed(indices):
    out = []
    chars = 0
    for i in indices:
        t0 = time.perf_counter()
        _, _, lines = render(i)
        out.append(time.perf_counter() - t0)
        chars += sum(len(b) for b in lines)
    return out, chars


def init_worker(path):
    load(path)


def main():
    path, passes, workers = sys.argv[1], int(sys.argv[2]), [int(w) for w in sys.argv[3:]]
    load(path)
    n = len(LAYOUTS)
    for nw in workers:
        times = []
        wall = 0.0
        chars = 0
        if nw == 1:
            timed(range(n))  # warm-up: font objects and reference metrics
            for _ in range(passes):
                t0 = time.perf_counter()
                t, chars = timed(range(n))
                wall += time.perf_counter() - t0
                times += t
        else:
            with multiprocessing.Pool(nw, initializer=init_worker, initargs=(path,)) as pool:
                chunks = [range(i, min(n, i + 10)) for i in range(0, n, 10)]
                pool.map(timed, chunks)  # warm-up in every worker
                for _ in range(passes):
                    t0 = time.perf_counter()
                    results = pool.map(timed, chunks)
                    wall += time.perf_counter() - t0
                    for t, _ in results:
                        times += t
                    chars = sum(c for _, c in results)
        times.sort()
        print(json.dumps({
            "impl": "pillow", "workers": nw, "layouts": n, "passes": passes,
            "median_ms": round(statistics.median(times) * 1000, 3),
            "p90_ms": round(times[int(len(times) * 0.9)] * 1000, 3),
            "throughput": round(n * passes / wall, 1), "chars": chars}), flush=True)


if __name__ == "__main__":
    main()
