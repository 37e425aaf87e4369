"""The one JSON form Vita stores attributes in: `json.dumps(obj, sort_keys=True)`, byte for byte.

`dumps_sorted` reuses one C encoder instead of building a `JSONEncoder` and its C encoder on
every call, which is most of the cost of a small dict; imports of thousands of facts notice.
The shared encoder keeps no circular-reference markers (they would be shared state between
threads): attributes are JSON data, and a cycle ends in RecursionError rather than ValueError.
"""

from __future__ import annotations

import base64
import json
from json import encoder as _encoder
from typing import Any

_ENCODER = json.JSONEncoder(sort_keys=True)
_c_make_encoder: Any = getattr(_encoder, "c_make_encoder", None)
_C_ENCODE: Any = None if _c_make_encoder is None else _c_make_encoder(
    None, _ENCODER.default, _encoder.encode_basestring_ascii, None,  # type: ignore[attr-defined]
    _ENCODER.key_separator, _ENCODER.item_separator, True, False, True)


def dumps_sorted(obj: Any) -> str:
    """Exactly `json.dumps(obj, sort_keys=True)`."""
    if _C_ENCODE is None or not isinstance(obj, dict | list):
        return _ENCODER.encode(obj)
    return "".join(_C_ENCODE(obj, 0))


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def loads_document(raw: bytes | str) -> Any:
    """A JSON document read from a person's file, the same way everywhere (parse, ingest, import):
    UTF-8 with or without BOM; NaN/Infinity refused (not JSON); a repeated key keeps its last
    value (as JavaScript does); nesting too deep is a ValueError, never a RecursionError."""
    text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    try:
        return json.loads(text, parse_constant=_no_constant)
    except RecursionError as exc:
        raise ValueError("JSON nested too deeply") from exc


def tag_bytes(value: Any) -> Any:
    """Bytes as JSON: `{"$b64": ...}` (Vita exports and saved undo steps); other values as they are."""
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$b64": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def untag_bytes(value: Any) -> Any:
    """The inverse of `tag_bytes`."""
    if isinstance(value, dict) and set(value) == {"$b64"}:
        return base64.b64decode(value["$b64"])
    return value
