"""The polars namespace `ta` (every registry function, made from the registry), per symbol with
.over() and by=, in group_by().agg, lazy and streaming; and fastind.features on pandas and polars."""
import inspect

import numpy as np
import pytest

import fastind as fi
from cases import CASES, IDS, as_tuple, market
from fastind import _registry

pl = pytest.importorskip("polars")
import fastind.polars  # noqa: E402,F401

N = 300
SYMBOLS = ("A", "B", "C")


def _frame(seed=0):
    parts = []
    for k, sym in enumerate(SYMBOLS):
        d = market(N, seed=seed + k)
        parts.append(pl.DataFrame({"symbol": [sym] * N, "t": np.arange(N), **d}))
    return pl.concat(parts)


def _call(case, frame, params, how):
    entry = case.entry
    expr = pl.col(case.inputs[0])
    others = [pl.col(k) for k in case.inputs[1:]]
    method = getattr(expr.ta, entry.name)
    if how == "by":
        return frame.with_columns(method(*others, **params, by="symbol").alias("out"))["out"]
    e = method(*others, **params)
    if how == "over":
        e = e.over("symbol")
    elif how == "polars-over":  # polars' own over: the function called once per group
        e = pl.Expr.over(e, "symbol")
    return frame.with_columns(e.alias("out"))["out"]


def _columns(series, entry):
    if entry.n_out == 1:
        return (series.to_numpy(),)
    return tuple(series.struct.field(name).to_numpy() for name in entry.outputs)


@pytest.mark.parametrize("how", ["over", "by", "polars-over"])
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_namespace_equals_the_array_functions(case, how):
    frame = _frame()
    if how in ("by", "over"):
        frame = frame.sample(fraction=1.0, shuffle=True, seed=3)  # interleaved symbols
    for params in case.params[:2]:
        got = _columns(_call(case, frame, params, how), case.entry)
        for sym in SYMBOLS:
            mask = (frame["symbol"] == sym).to_numpy()
            rows = frame.filter(pl.col("symbol") == sym)
            want = as_tuple(case.native(None, *[rows[k].to_numpy() for k in case.inputs], **params))
            for g, w in zip(got, want):
                np.testing.assert_array_equal(g[mask], w)


def test_every_registry_function_has_a_method_with_its_signature():
    for entry in _registry.ENTRIES:
        method = getattr(fastind.polars.TA, entry.name)
        names = list(inspect.signature(method).parameters)
        assert names[1:len(entry.inputs)] == list(entry.inputs[1:])
        assert "by" in names


def test_lazy_streaming_group_by_and_nulls():
    frame = _frame(seed=5)
    lazy = frame.lazy().with_columns(pl.col("close").ta.rsi(14).over("symbol").alias("rsi"))
    streamed = lazy.collect(engine="streaming")
    np.testing.assert_array_equal(streamed["rsi"].to_numpy(), lazy.collect()["rsi"].to_numpy())
    agg = frame.group_by("symbol", maintain_order=True).agg(pl.col("close").ta.ema(10).alias("e"))
    first = frame.filter(pl.col("symbol") == "A")["close"].to_numpy()
    np.testing.assert_array_equal(agg["e"][0].to_numpy(), fi.ema(first, 10))
    with_null = pl.DataFrame({"close": [1.0, 2.0, None, 4.0, 5.0, 6.0]})
    got = with_null.select(pl.col("close").ta.sma(2))["close"].to_numpy()
    np.testing.assert_array_equal(got, fi.sma(np.array([1, 2, np.nan, 4, 5, 6.0]), 2))
    f32 = pl.DataFrame({"close": np.arange(10, dtype=np.float32)})
    assert f32.select(pl.col("close").ta.sma(3))["close"].dtype == pl.Float32
    with pytest.raises(ValueError, match="period"):
        pl.col("close").ta.sma(0)
    with pytest.raises(TypeError, match="needs the input"):
        pl.col("high").ta.atr()


@pytest.mark.parametrize("kind", ["pandas", "polars"])
def test_features_one_call(kind):
    frame = _frame(seed=9).sample(fraction=1.0, shuffle=True, seed=1)
    if kind == "pandas":
        frame = frame.to_pandas()
    spec = {"rsi": ("rsi", {"period": 14}), "bb": ("bbands", {"period": 10}),
            "atr": ("ATR", {"period": 5}), "mom": "mom"}
    out = fi.features(frame, spec, by="symbol", order="t")
    cols = list(out.columns)
    assert cols[-6:] == ["rsi", "bb_upperband", "bb_middleband", "bb_lowerband", "atr", "mom"]
    for k, sym in enumerate(SYMBOLS):
        rows = out[out["symbol"] == sym] if kind == "pandas" else out.filter(pl.col("symbol") == sym)
        d = market(N, seed=9 + k)
        np.testing.assert_array_equal(np.asarray(rows["rsi"]), fi.rsi(d["close"], 14))
        np.testing.assert_array_equal(np.asarray(rows["atr"]), fi.atr(d["high"], d["low"], d["close"], 5))
        np.testing.assert_array_equal(np.asarray(rows["bb_lowerband"]), fi.bbands(d["close"], 10)[2])


def _per_symbol(frame, key, values, period=5):
    """fi.sma of `values` over each key's rows, in the frame's order (the reference)."""
    out = np.empty(len(frame))
    keys = frame[key]
    for k in keys.unique(maintain_order=True):
        mask = (keys.is_null() if k is None else keys.eq_missing(k)).to_numpy()
        out[mask] = fi.sma(values[mask], period)
    return out


def _keyed(keys, seed=0):
    rng = np.random.default_rng(seed)
    return pl.DataFrame({"key": keys, "close": rng.random(len(keys)) + 1.0})


KEYS = {
    "contiguous equal": ["a"] * 7 + ["b"] * 7 + ["c"] * 7,
    "contiguous unequal": ["b"] * 9 + ["a"] * 4 + ["c"] * 8,
    "interleaved": ["a", "b", "a", "c", "b", "a"] * 4,
    "recurring run": ["a"] * 6 + ["b"] * 6 + ["a"] * 6,
    "null keys": ["a"] * 5 + [None] * 6 + ["a", None] * 3 + ["b"] * 4,
    "one row each": ["x", "y", "z"],
    "one group": ["a"] * 12,
}


@pytest.mark.parametrize("dtype", [pl.String, pl.Categorical, pl.Int64, "sorted"])
@pytest.mark.parametrize("layout", list(KEYS))
def test_over_and_by_every_key_layout(layout, dtype):
    """.over(key) (computed as by=), by= and polars' per-group over give the array function per
    key, whatever the keys' type and layout (contiguous or not, nulls, sorted flag)."""
    keys = pl.Series("key", KEYS[layout])
    if dtype == pl.Int64:
        keys = keys.cast(pl.Categorical).to_physical().cast(pl.Int64).scatter(
            keys.is_null().arg_true(), None)
    elif dtype == "sorted":
        if layout not in ("contiguous equal", "one row each", "one group"):
            pytest.skip("sorted keys only")
        keys = keys.set_sorted()
    else:
        keys = keys.cast(dtype)
    frame = _keyed(keys)
    want = _per_symbol(frame, "key", frame["close"].to_numpy())
    sma = pl.col("close").ta.sma(5)
    for expr in (sma.over("key"), sma.alias("x").over(pl.col("key")), sma.over(["key"]),
                 pl.col("close").ta.sma(5, by="key"), pl.Expr.over(sma, "key")):
        got = frame.with_columns(expr.alias("out"))["out"].to_numpy()
        np.testing.assert_array_equal(got, want)
    lazy = frame.lazy().with_columns(sma.over("key").alias("out"))
    np.testing.assert_array_equal(lazy.collect(engine="streaming")["out"].to_numpy(), want)


def test_over_with_several_keys_or_an_order_is_polars_own():
    frame = _frame(seed=2).with_columns((pl.col("t") % 2).alias("half"))
    got = frame.with_columns(pl.col("close").ta.ema(5).over("symbol", "half").alias("e"))["e"]
    for (sym, half), rows in frame.with_row_index("row").group_by("symbol", "half"):
        np.testing.assert_array_equal(got.gather(rows["row"]).to_numpy(),
                                      fi.ema(rows["close"].to_numpy(), 5))
    shuffled = frame.sample(fraction=1.0, shuffle=True, seed=4)
    got = shuffled.with_columns(pl.col("close").ta.ema(5).over("symbol", order_by="t")
                                .alias("e")).sort("symbol", "t")
    for sym in SYMBOLS:
        rows = got.filter(pl.col("symbol") == sym)
        np.testing.assert_array_equal(rows["e"].to_numpy(), fi.ema(rows["close"].to_numpy(), 5))


def test_group_edges():
    from fastind.polars import _group_edges

    def edges(values, sort=False):
        keys = pl.Series("k", values)
        out = _group_edges(keys.set_sorted() if sort else keys)
        return None if out is None else out.tolist()

    assert edges(["a", "a", "b", "b"]) == [0, 2, 4]
    assert edges(["a", "a", "b", "b"], sort=True) == [0, 2, 4]
    assert edges(["a", "a", "a", "b"], sort=True) == [0, 3, 4]  # unequal: the full scan
    assert edges(["a", "b", "a"]) is None
    assert edges([None, None, "a"]) == [0, 2, 3]
    assert edges([3, 3, 1, 1, 1]) == [0, 2, 5]
    assert edges([3, 1, 3]) is None
    assert edges([]) == [0]
    assert _group_edges(pl.Series(["x", "x", "y"]).cast(pl.Categorical)).tolist() == [0, 2, 3]


def test_over_a_constant_key_is_one_group():
    frame = _frame(seed=3)
    got = frame.with_columns(pl.col("close").ta.sma(4).over(pl.lit("all")).alias("s"))["s"]
    np.testing.assert_array_equal(got.to_numpy(), fi.sma(frame["close"].to_numpy(), 4))


@pytest.mark.parametrize("kind", ["pandas", "polars"])
def test_features_unequal_symbols(kind):
    """Symbols of different lengths (a call per symbol) and one symbol alone (one 2-D call)."""
    lengths = {"A": 40, "B": 25, "C": 60}
    parts = [pl.DataFrame({"symbol": [s] * k, "t": np.arange(k), **market(k, seed=k)})
             for s, k in lengths.items()]
    frame = pl.concat(parts).sample(fraction=1.0, shuffle=True, seed=2)
    frame = frame.to_pandas() if kind == "pandas" else frame
    spec = {"atr": ("atr", {"period": 5}), "bb": ("bbands", {"period": 10}),
            "doji": "cdl_doji"}
    out = fi.features(frame, spec, by="symbol", order="t")
    for sym, k in lengths.items():
        rows = out[out["symbol"] == sym] if kind == "pandas" else out.filter(pl.col("symbol") == sym)
        d = market(k, seed=k)
        np.testing.assert_array_equal(np.asarray(rows["atr"]), fi.atr(d["high"], d["low"], d["close"], 5))
        np.testing.assert_array_equal(np.asarray(rows["bb_upperband"]), fi.bbands(d["close"], 10)[0])
        np.testing.assert_array_equal(np.asarray(rows["doji"]),
                                      fi.cdl_doji(d["open"], d["high"], d["low"], d["close"]))
    one = fi.features(frame[frame["symbol"] == "A"] if kind == "pandas"
                      else frame.filter(pl.col("symbol") == "A"), spec, by=None, order="t")
    d = market(40, seed=40)
    np.testing.assert_array_equal(np.asarray(one["atr"]), fi.atr(d["high"], d["low"], d["close"], 5))
