"""Density against time as an SVG line chart (no plotting library needed).

write_svg(series, path, title): series is {label: [(seconds, density_percent), ...]}; the
time axis is logarithmic (the benchmarks run at 5, 15 and 60 s), the density axis linear
and fitted to the data. Used by long_marker.py --plot.
"""
import math

COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]
DASHES = ["", "4,2", "1,1.5", "6,2,1,2"]


def write_svg(series, path, title):
    w, h = 200.0, 120.0
    left, right, bottom, top = 18.0, 78.0, 14.0, 12.0
    pw, ph = w - left - right, h - bottom - top
    xs = [t for pts in series.values() for t, _ in pts]
    ys = [d for pts in series.values() for _, d in pts]
    x0, x1 = math.log10(min(xs)), math.log10(max(xs))
    if x1 - x0 < 1e-9:
        x0, x1 = x0 - 0.5, x1 + 0.5
    y0, y1 = math.floor(min(ys)) - 0.5, math.ceil(max(ys)) + 0.5

    def px(t):
        return left + pw * (math.log10(t) - x0) / (x1 - x0)

    def py(d):
        return top + ph * (1 - (d - y0) / (y1 - y0))

    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<svg xmlns="http://www.w3.org/2000/svg" width="{w:g}mm" height="{h:g}mm" viewBox="0 0 {w:g} {h:g}" '
           'font-family="DejaVu Sans, sans-serif">',
           f'<rect width="{w:g}" height="{h:g}" fill="#ffffff"/>',
           f'<text x="{w / 2:g}" y="7" font-size="4" text-anchor="middle" fill="#222">{escape(title)}</text>']
    step = 1 if y1 - y0 <= 12 else 2
    d = math.ceil(y0)
    while d <= y1:
        out.append(f'<path d="M{left:g},{py(d):.2f} H{left + pw:g}" stroke="#dddddd" stroke-width="0.2"/>')
        out.append(f'<text x="{left - 1.5:g}" y="{py(d) + 1:.2f}" font-size="3" text-anchor="end" fill="#222">{d}</text>')
        d += step
    for t in sorted(set(xs)):
        out.append(f'<path d="M{px(t):.2f},{top:g} V{top + ph:g}" stroke="#dddddd" stroke-width="0.2"/>')
        out.append(f'<text x="{px(t):.2f}" y="{top + ph + 4:g}" font-size="3" text-anchor="middle" fill="#222">{t:g} s</text>')
    out.append(f'<text x="{left + pw / 2:g}" y="{h - 2:g}" font-size="3" text-anchor="middle" fill="#222">'
               'time limit (log scale)</text>')
    out.append(f'<text transform="translate(5 {top + ph / 2:g}) rotate(-90)" font-size="3" text-anchor="middle" '
               'fill="#222">density %</text>')
    out.append(f'<rect x="{left:g}" y="{top:g}" width="{pw:g}" height="{ph:g}" fill="none" stroke="#888" stroke-width="0.3"/>')
    for k, (label, pts) in enumerate(series.items()):
        color, dash = COLORS[k % len(COLORS)], DASHES[(k // 2) % len(DASHES)]
        pts = sorted(pts)
        line = " ".join(("M" if i == 0 else "L") + f"{px(t):.2f},{py(v):.2f}" for i, (t, v) in enumerate(pts))
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<path d="{line}" fill="none" stroke="{color}" stroke-width="0.6"{dashes}/>')
        for t, v in pts:
            out.append(f'<circle cx="{px(t):.2f}" cy="{py(v):.2f}" r="0.8" fill="{color}"/>')
        ly = top + 4 + 6 * k
        out.append(f'<path d="M{left + pw + 4:g},{ly:g} h8" stroke="{color}" stroke-width="0.6"{dashes}/>')
        out.append(f'<text x="{left + pw + 14:g}" y="{ly + 1:g}" font-size="3" fill="#222">{escape(label)}</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
