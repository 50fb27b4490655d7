#!/usr/bin/env python3
"""Writes hatches.dxf with ezdxf (https://github.com/mozman/ezdxf, MIT): pieces drawn as a
drawing program exports filled shapes, in millimetres, R2018.
  1. an edge-path HATCH alone (no line draws it): three lines and a clockwise arc cut into
     the left side (ezdxf writes the arc by the format's complementary angles);
  2. an edge-path HATCH alone: a line, a counter-clockwise half ellipse, a spline through
     three fit points with end tangents, a line;
  3. a LWPOLYLINE with a bulge and a polyline-path HATCH with the same outline (the fill of
     a drawn outline: one piece).
The areas ezdxf itself gives each boundary (its path flattened to 0.01 mm, shapely's area)
are printed; ImportTests.hatchesAreReadAsOutlines compares against them."""
import ezdxf
from ezdxf import path as ezpath
from shapely.geometry import Polygon

doc = ezdxf.new("R2018")
doc.units = 4  # mm
msp = doc.modelspace()
h1 = msp.add_hatch(dxfattribs={"layer": "1"})
e = h1.paths.add_edge_path()
e.add_line((0, 0), (100, 0))
e.add_line((100, 0), (100, 60))
e.add_line((100, 60), (0, 60))
e.add_arc(center=(0, 30), radius=30, start_angle=270, end_angle=90, ccw=False)
h2 = msp.add_hatch(dxfattribs={"layer": "1"})
e = h2.paths.add_edge_path()
e.add_line((200, 0), (300, 0))
e.add_ellipse(center=(300, 40), major_axis=(0, 40), ratio=0.5, start_angle=180, end_angle=360, ccw=True)
e.add_spline(fit_points=[(300, 80), (250, 100), (200, 80)], start_tangent=(-1, 0.5), end_tangent=(-1, -0.5))
e.add_line((200, 80), (200, 0))
msp.add_lwpolyline([(400, 0, 0, 0, 0), (500, 0, 0, 0, 0.5), (500, 60, 0, 0, 0), (400, 60, 0, 0, 0)],
                   format="xyseb", close=True, dxfattribs={"layer": "1"})
h3 = msp.add_hatch(dxfattribs={"layer": "1"})
h3.paths.add_polyline_path([(400, 0, 0), (500, 0, 0.5), (500, 60, 0), (400, 60, 0)], is_closed=True)
doc.saveas("hatches.dxf")
for h in (h1, h2, h3):
    for p in ezpath.from_hatch(h):
        print(round(Polygon([(v.x, v.y) for v in p.flattening(0.01)]).area, 1))
