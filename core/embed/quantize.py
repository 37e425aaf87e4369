"""Set-up/build step: a statically quantised int8 copy of the exported MiniLM graph (used only by `core.embed.export`).

Static means every activation scale is fixed at export time, so a text's vector never depends
on what it is batched with (dynamic int8 takes each batch's range, padding included). Steps:
1. Smooth (SmoothQuant): MiniLM's residual stream carries a few outlier channels (~7 where the
   rest are ~0.2), which would spend a per-tensor int8 range on three channels. Each weight
   MatMul's input channel c is divided by s_c and its weight row multiplied by s_c (the same
   maths in float32), s_c = max|x_c|^0.5 / max|w_c|^0.5, from the calibration texts.
2. Quantise the weight MatMuls in QDQ form: int8 weights per output channel, uint8 activations
   with a per-tensor range calibrated (min/max) on fictional texts generated here. The FFN output
   MatMuls stay float32: their GELU-fed input has single huge values on the [CLS] token (~25),
   and quantising them costs more quality than the 0.99 floor allows.
3. Store the remaining large float32 weights (token embeddings, FFN outputs) as float16 plus a
   Cast, as the float32 export does.

Measured on the 1,200-text parity set of `bench/embed_speed.py`: min cosine to
sentence-transformers 0.992, about 1.8x less CPU than the float32 graph.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

SMOOTH_ALPHA = 0.5
CALIBRATION_COUNT = 240


def calibration_texts(count: int = CALIBRATION_COUNT) -> list[str]:
    """Fictional, varied career texts (titles, skill lists, bullets, ad sentences, summaries), generated here."""
    rng = random.Random(1606)
    roles = ["data analyst", "registered nurse", "welder", "primary school teacher", "software engineer",
             "accountant", "sous chef", "warehouse associate", "project manager", "electrician",
             "graphic designer", "HR business partner", "sales representative", "lab technician"]
    skills = ["Python", "SQL", "patient care", "TIG welding", "lesson planning", "IFRS", "menu costing",
              "forklift operation", "stakeholder management", "Kubernetes", "Figma", "payroll", "Excel",
              "customer service", "PLC programming", "phlebotomy", "Salesforce", "React", "budgeting"]
    verbs = ["Led", "Cut", "Built", "Trained", "Reduced", "Managed", "Designed", "Automated", "Negotiated",
             "Launched", "Coordinated", "Improved", "Supervised", "Migrated"]
    things = ["the monthly close", "a team of {n} staff", "the onboarding process", "{n} client accounts",
              "the inventory system", "a $ {n}k budget", "night-shift rota", "the reporting pipeline"]
    ads = ["We are looking for a {r} with {n}+ years of experience in {s}.",
           "You will work closely with the {r} team and own {s} end to end.",
           "Must hold a valid certificate; weekend shifts required.",
           "Experience with {s} and {s2} is a plus.", "Competitive salary, hybrid work, {n} days of leave."]
    seniority = ["Senior", "Junior", "Lead", "Head of", "Assistant", "", "Principal"]
    out: list[str] = []
    for i in range(count):
        n = rng.randint(2, 95)
        r, s, s2 = rng.choice(roles), rng.choice(skills), rng.choice(skills)
        kind = i % 6
        if kind == 0:
            out.append(f"{rng.choice(seniority)} {r}".strip().title())
        elif kind == 1:
            out.append(", ".join(rng.sample(skills, rng.randint(1, 8))))
        elif kind == 2:
            clauses = [f"{rng.choice(verbs)} {rng.choice(things).format(n=rng.randint(2, 60))}"
                       for _ in range(rng.randint(1, 5))]
            out.append("; ".join(clauses) + f", cutting costs by {n}% with {s}.")
        elif kind == 3:
            out.append(rng.choice(ads).format(r=r, n=rng.randint(1, 10), s=s, s2=s2))
        elif kind == 4:
            out.append(f"{r.capitalize()} with {rng.randint(2, 25)} years in {s} and {s2}. " * rng.randint(1, 6))
        else:
            out.append(rng.choice([s, r, f"{s} ({rng.randint(1, 12)} yrs)", f"B.Sc. {s}", f"{r}, {2000 + n % 25}"]))
    return out


def _feeds(tokenizer: Path, texts: list[str], max_tokens: int) -> Iterator[dict[str, np.ndarray]]:
    """One unpadded feed per text, as ingest's batches present real tokens."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(tokenizer))
    tok.no_padding()
    tok.enable_truncation(max_tokens)
    for text in texts:
        ids = np.array([tok.encode(text).ids], dtype=np.int64)
        yield {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}


def _weight_matmuls(model: Any) -> list[Any]:
    inits = {i.name for i in model.graph.initializer}
    return [n for n in model.graph.node if n.op_type == "MatMul" and n.input[1] in inits]


def _ffn_outputs(model: Any) -> set[str]:
    """Names of the FFN output MatMuls: their weight maps the wide intermediate back to the hidden size."""
    from onnx import numpy_helper

    shapes = {i.name: numpy_helper.to_array(i).shape for i in model.graph.initializer}
    widths = [shapes[n.input[1]] for n in _weight_matmuls(model)]
    wide = max(s[0] for s in widths)
    return {n.name for n in _weight_matmuls(model) if shapes[n.input[1]][0] == wide}


def _input_max(model: Any, feeds: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Per channel max |x| of every weight MatMul's input over the calibration feeds."""
    import onnxruntime as ort
    from onnx import TensorProto, helper

    probe = type(model)()
    probe.CopyFrom(model)
    targets = sorted({n.input[0] for n in _weight_matmuls(model)})
    for t in targets:
        probe.graph.output.append(helper.make_tensor_value_info(t, TensorProto.FLOAT, None))
    session = ort.InferenceSession(probe.SerializeToString(), providers=["CPUExecutionProvider"])
    names = [o.name for o in session.get_outputs()]
    peak: dict[str, np.ndarray] = {}
    for feed in feeds:
        for name, value in zip(names, session.run(None, feed), strict=True):
            if name in targets:
                row = np.abs(value).reshape(-1, value.shape[-1]).max(axis=0)
                peak[name] = np.maximum(peak.get(name, row), row)
    return peak


def _smooth(model: Any, feeds: list[dict[str, np.ndarray]], alpha: float, skip: set[str]) -> None:
    """Move each MatMul input's channel outliers into its weight rows (in place; same float maths)."""
    from onnx import helper, numpy_helper

    init = {i.name: i for i in model.graph.initializer}
    peak = _input_max(model, feeds)
    readers: dict[str, list[Any]] = {}
    for node in _weight_matmuls(model):
        if node.name not in skip:
            readers.setdefault(node.input[0], []).append(node)
    for x, nodes in readers.items():
        wmax = np.max([np.abs(numpy_helper.to_array(init[n.input[1]])).max(axis=1) for n in nodes], axis=0)
        s = (np.clip(peak[x], 1e-5, None) ** alpha / np.clip(wmax, 1e-5, None) ** (1 - alpha)).astype(np.float32)
        for n in nodes:
            w = numpy_helper.to_array(init[n.input[1]]) * s[:, None]
            init[n.input[1]].CopyFrom(numpy_helper.from_array(w.astype(np.float32), n.input[1]))
        inv = numpy_helper.from_array((1.0 / s).astype(np.float32), f"{x}__smooth_inv")
        model.graph.initializer.append(inv)
        mul = helper.make_node("Mul", [x, inv.name], [f"{x}__smoothed"], name=f"{x}__smooth")
        for n in nodes:
            n.input[0] = mul.output[0]
        model.graph.node.insert(list(model.graph.node).index(nodes[0]), mul)


def quantise_static(graph: Path, tokenizer: Path, target: Path, *, max_tokens: int,
                    texts: list[str] | None = None) -> None:
    """Write the smoothed, statically quantised (QDQ) copy of the float32 `graph` to `target`."""
    import onnx
    from onnxruntime.quantization import (
        CalibrationDataReader,
        CalibrationMethod,
        QuantFormat,
        QuantType,
        quantize_static,
    )

    feeds = list(_feeds(tokenizer, texts or calibration_texts(), max_tokens))
    model = onnx.load(str(graph))
    keep_float = _ffn_outputs(model)
    _smooth(model, feeds, SMOOTH_ALPHA, keep_float)
    smoothed = target.with_name(target.name + ".smoothed")
    onnx.save(model, str(smoothed))

    class Reader(CalibrationDataReader):  # type: ignore[misc]
        def __init__(self) -> None:
            self._it = iter(feeds)

        def get_next(self) -> dict[str, np.ndarray] | None:
            return next(self._it, None)

    try:
        quantize_static(
            str(smoothed), str(target), Reader(), quant_format=QuantFormat.QDQ,
            activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8, per_channel=True,
            op_types_to_quantize=["MatMul"], nodes_to_exclude=sorted(keep_float),
            calibrate_method=CalibrationMethod.MinMax,
            extra_options={"MatMulConstBOnly": True, "WeightSymmetric": True, "ActivationSymmetric": False,
                           "OpTypesToExcludeOutputQuantization": ["MatMul"]},
        )
    finally:
        smoothed.unlink(missing_ok=True)
