#!/usr/bin/env python3
"""Throughput vs number of rules, one line per engine, as a dependency-free SVG.

Usage: chart.py scaling.csv out.svg  (the CSV that `cep bench --csv` appends to)."""
import csv
import math
import sys

rows = list(csv.DictReader(open(sys.argv[1])))
series = {}
for r in rows:
    label = r["engine"] + ("" if r["engine"] != "beam" else " (" + r["runner"] + ")")
    series.setdefault(label, []).append((int(r["rules"]), float(r["events_per_s"])))
W, H, L, B, T, R = 640, 400, 70, 50, 40, 170
xs = sorted({x for s in series.values() for x, _ in s})
ymax = max(y for s in series.values() for _, y in s) * 1.1
lx = lambda x: L + (math.log10(x) - math.log10(xs[0])) / max(1e-9, math.log10(xs[-1]) - math.log10(xs[0])) * (W - L - R)
ly = lambda y: H - B - y / ymax * (H - B - T)
colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]
out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="white"/>',
       f'<text x="{W/2}" y="20" text-anchor="middle" font-size="14">Throughput vs number of rules ({rows[0]["events"]} events, {rows[0]["users"]} users, parallelism {rows[0]["parallelism"]})</text>',
       f'<line x1="{L}" y1="{H-B}" x2="{W-R}" y2="{H-B}" stroke="black"/>',
       f'<line x1="{L}" y1="{T}" x2="{L}" y2="{H-B}" stroke="black"/>',
       f'<text x="{(L+W-R)/2}" y="{H-10}" text-anchor="middle">rules (log scale)</text>',
       f'<text x="15" y="{(T+H-B)/2}" transform="rotate(-90 15 {(T+H-B)/2})" text-anchor="middle">events/s (wall clock, start-up included)</text>']
for x in xs:
    out.append(f'<text x="{lx(x)}" y="{H-B+18}" text-anchor="middle">{x}</text>')
for i in range(6):
    y = ymax * i / 5
    out.append(f'<text x="{L-6}" y="{ly(y)+4}" text-anchor="end">{y:,.0f}</text>')
    out.append(f'<line x1="{L}" y1="{ly(y)}" x2="{W-R}" y2="{ly(y)}" stroke="#ddd"/>')
for i, (label, pts) in enumerate(sorted(series.items())):
    c = colors[i % len(colors)]
    pts.sort()
    out.append(f'<polyline fill="none" stroke="{c}" stroke-width="2" points="' + " ".join(f"{lx(x)},{ly(y)}" for x, y in pts) + '"/>')
    for x, y in pts:
        out.append(f'<circle cx="{lx(x)}" cy="{ly(y)}" r="3" fill="{c}"/>')
    out.append(f'<text x="{W-R+10}" y="{T+20+18*i}" fill="{c}">{label}</text>')
out.append("</svg>")
open(sys.argv[2], "w").write("\n".join(out) + "\n")
