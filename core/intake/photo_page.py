"""A photographed page made flat with numpy and Pillow: the sheet's four edges found in the pixels,
the picture warped so the sheet fills it.

Each edge is found by walking in from its side of the picture to the first sharp change of colour
(the desk ends, the paper begins), row by row, and fitting one straight line through those points
robustly; the corners are where neighbouring lines cross. Colour, not only brightness, marks the
edge, so a page whose header or sidebar is as dark as the desk still shows its outline.
"""

from __future__ import annotations

from typing import Any

WORK_SIDE = 800  # the outline is looked for on a picture this large; the warp uses the full one
STEP_PX = 3  # colours compared over this many pixels either side of a candidate edge
ROW_STRIDE = 2  # every other row is looked at
ROW_SMOOTH = 4  # rows averaged either side (noise and JPEG blocks average out along an edge)
EDGE_TOLERANCE_PX = 1.5
MAX_EDGE_SLANT = 0.3  # an edge leaning more than this (about 17 degrees) is not the sheet's
PAPER_SHAPES = (1.15, 1.6)  # long side over short side of sheets of paper (A4, Letter, either way up)


def flatten_photo(image: Any) -> Any:
    """A photographed page warped flat: the sheet's outline becomes the picture.

    Returns the image unchanged when no sheet on a background covering most of the picture is
    found (a scan, or a photo cropped to the page).
    """
    found = page_corners(image)
    if found is None:
        return image
    corners, (out_w, out_h) = found
    return warp_quad(image.convert("RGB"), corners, (out_w, out_h))


def page_corners(image: Any) -> tuple[Any, tuple[int, int]] | None:
    """The sheet's corners in pixels (top-left, top-right, bottom-right, bottom-left) and the
    size of the flat page, or None when the picture shows no sheet lying on a background."""
    import numpy as np
    from PIL import Image

    rgb_image = image.convert("RGB")
    w, h = rgb_image.size
    factor = max(w, h) / WORK_SIDE
    if factor > 1:
        rgb_image = rgb_image.resize((max(1, round(w / factor)), max(1, round(h / factor))), Image.Resampling.BOX)
    else:
        factor = 1.0
    rgb = np.asarray(rgb_image, dtype=np.float32)
    if not _on_background(rgb.mean(axis=2)):
        return None
    views = {  # every side seen as the left side of a view, and how to map view points back
        "left": rgb,
        "right": rgb[:, ::-1],
        "top": rgb.transpose(1, 0, 2),
        "bottom": rgb.transpose(1, 0, 2)[:, ::-1],
    }
    sh, sw = rgb.shape[:2]
    lines = {}
    for side, view in views.items():
        fit = _edge_line(view)
        if fit is None:
            return None
        lines[side] = _to_picture(side, fit, view.shape[0], sw, sh)
    corners = np.array(
        [
            _cross(lines["left"], lines["top"]),
            _cross(lines["right"], lines["top"]),
            _cross(lines["right"], lines["bottom"]),
            _cross(lines["left"], lines["bottom"]),
        ]
    )
    if not np.isfinite(corners).all():
        return None
    area = _area(corners)
    if not 0.35 * sw * sh <= area <= 0.985 * sw * sh:
        return None  # no sheet on a background, or the sheet fills the picture already
    if (corners < -0.05 * max(sw, sh)).any() or (corners[:, 0] > 1.05 * sw).any() or (corners[:, 1] > 1.05 * sh).any():
        return None
    corners = corners * factor
    out_w = int(max(np.linalg.norm(corners[1] - corners[0]), np.linalg.norm(corners[2] - corners[3])))
    out_h = int(max(np.linalg.norm(corners[3] - corners[0]), np.linalg.norm(corners[2] - corners[1])))
    if out_w < 200 or out_h < 200:
        return None
    if not PAPER_SHAPES[0] <= max(out_w, out_h) / min(out_w, out_h) <= PAPER_SHAPES[1]:
        return None  # not shaped like a sheet of paper: a part of one
    return corners, (out_w, out_h)


def _on_background(grey: Any) -> bool:
    """Whether the picture's rim is mostly darker than its paper: a sheet lying on a desk."""
    import numpy as np

    histogram = np.bincount(np.clip(grey, 0, 255).astype(np.int64).ravel(), minlength=256).astype(np.float64)
    threshold = _otsu(histogram)
    rim = max(2, int(0.015 * min(grey.shape)))
    border = np.concatenate([grey[:rim].ravel(), grey[-rim:].ravel(), grey[:, :rim].ravel(), grey[:, -rim:].ravel()])
    return bool((border > threshold).mean() <= 0.35)


def _otsu(histogram: Any) -> float:
    """The grey level that best splits a histogram in two (Otsu's method)."""
    import numpy as np

    levels = np.arange(len(histogram), dtype=np.float64)
    weight = np.cumsum(histogram)
    total = weight[-1]
    mass = np.cumsum(histogram * levels)
    below, above = weight, total - weight
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mass[-1] * below - mass * total) ** 2 / (below * above)
    between[~np.isfinite(between)] = 0.0
    return float(np.argmax(between))


def _edge_line(view: Any) -> tuple[float, float] | None:
    """The sheet's left edge in a view, as col = a * row + b, from the first sharp colour change
    in each row (a desk-to-paper step); None when no straight edge holds enough of the rows."""
    import numpy as np

    rows, cols = view.shape[:2]
    reach = int(0.45 * cols) + 2 * STEP_PX
    band = np.ascontiguousarray(view[:, :reach])
    kernel = 2 * ROW_SMOOTH + 1
    summed = np.cumsum(np.pad(band, ((ROW_SMOOTH + 1, ROW_SMOOTH), (0, 0), (0, 0)), mode="edge"), axis=0)
    smooth = (summed[kernel::ROW_STRIDE] - summed[:-kernel:ROW_STRIDE]) / kernel  # every other row, averaged
    run = np.cumsum(np.pad(smooth, ((0, 0), (1, 0), (0, 0))), axis=1)
    k = STEP_PX
    change = (run[:, 2 * k : reach + 1] - 2 * run[:, k : reach - k + 1] + run[:, : reach - 2 * k + 1]) / k
    step = np.sqrt(np.einsum("rcx,rcx->rc", change, change))  # step[r, i]: colour change between columns i+k-1 and i+k
    rim = max(3, int(0.015 * cols))
    noise = float(np.median(step[:, :rim]))
    threshold = max(6.0, 5.0 * noise)
    strong = step > threshold
    found = np.flatnonzero(strong.any(axis=1))
    if len(found) < 0.2 * len(step):
        return None
    first = np.argmax(strong[found], axis=1)
    window = np.minimum(first[:, None] + np.arange(k + 1), step.shape[1] - 1)
    peak = first + np.argmax(np.take_along_axis(step[found], window, axis=1), axis=1)
    points = np.stack([found * ROW_STRIDE + 0.5, peak + k], axis=1).astype(np.float64)  # row centre, edge boundary
    return _robust_line(points, min_share=0.2 * len(step))


def _robust_line(points: Any, *, min_share: float) -> tuple[float, float] | None:
    """The line col = a * row + b that most points lie on (RANSAC, then least squares)."""
    import numpy as np

    rng = np.random.default_rng(0)  # the same picture always gives the same outline
    r, c = points[:, 0], points[:, 1]
    i, j = rng.integers(0, len(points), size=(2, 200))
    rise = r[j] - r[i]
    usable = np.abs(rise) >= 0.1 * (r.max() - r.min() + 1)
    i, j, rise = i[usable], j[usable], rise[usable]
    slope = (c[j] - c[i]) / rise
    upright = np.abs(slope) <= MAX_EDGE_SLANT
    i, slope = i[upright], slope[upright]
    if not len(i):
        return None
    offset = c[i] - slope * r[i]
    inliers = np.abs(c[None, :] - (slope[:, None] * r[None, :] + offset[:, None])) <= EDGE_TOLERANCE_PX
    counts = inliers.sum(axis=1)
    if counts.max() < min_share:
        return None
    best = inliers[int(np.argmax(counts))]
    a, b = np.polyfit(r[best], c[best], 1)
    return float(a), float(b)


def _to_picture(side: str, fit: tuple[float, float], view_rows: int, width: int, height: int) -> Any:
    """A view's edge line as a homogeneous line (a, b, c: ax + by + c = 0) in picture pixels."""
    import numpy as np

    a, b = fit
    ends = [(0.0, b), (float(view_rows), a * view_rows + b)]  # (row, col) in the view
    if side == "left":  # pixel boundaries: a flipped view's column c is the picture's size - c
        pts = [(col, row) for row, col in ends]
    elif side == "right":
        pts = [(width - col, row) for row, col in ends]
    elif side == "top":
        pts = [(row, col) for row, col in ends]
    else:
        pts = [(row, height - col) for row, col in ends]
    return np.cross([*pts[0], 1.0], [*pts[1], 1.0])


def _cross(first: Any, second: Any) -> Any:
    import numpy as np

    x, y, z = np.cross(first, second)
    return np.array([x / z, y / z]) if abs(z) > 1e-9 else np.array([np.inf, np.inf])


def _area(corners: Any) -> float:
    """The area of a quadrilateral (shoelace); 0 when it is not convex."""
    import numpy as np

    x, y = corners[:, 0], corners[:, 1]
    edges = np.roll(corners, -1, axis=0) - corners
    turns = edges[:, 0] * np.roll(edges[:, 1], -1) - edges[:, 1] * np.roll(edges[:, 0], -1)  # z of each corner's cross product
    if not ((turns > 0).all() or (turns < 0).all()):
        return 0.0
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2)


def perspective_coefficients(target: Any, source: Any) -> tuple[float, ...]:
    """Pillow's eight PERSPECTIVE coefficients taking the four `target` points (output pixels)
    to the four `source` points (input pixels)."""
    import numpy as np

    rows = []
    rhs = []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.extend([u, v])
    coeffs = np.linalg.solve(np.array(rows, dtype=np.float64), np.array(rhs, dtype=np.float64))
    return tuple(float(c) for c in coeffs)


def warp_quad(image: Any, corners: Any, size: tuple[int, int]) -> Any:
    """The quadrilateral `corners` (top-left, top-right, bottom-right, bottom-left) of `image`
    stretched onto a `size` rectangle (Pillow's perspective transform)."""
    from PIL import Image

    out_w, out_h = size
    target = [(0.0, 0.0), (float(out_w), 0.0), (float(out_w), float(out_h)), (0.0, float(out_h))]
    coeffs = perspective_coefficients(target, [(float(x), float(y)) for x, y in corners])
    return image.transform((out_w, out_h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR, fillcolor="white")
