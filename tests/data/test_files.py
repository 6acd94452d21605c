"""CSV and Parquet inputs: per-symbol folders, one file with a symbol column, and clear errors."""
from __future__ import annotations

import gzip

import pandas as pd
import pytest

from fastind_model.data import load_panel, read_files, synthetic_market

from .conftest import yahoo_frame


@pytest.fixture(scope="module")
def market():
    return synthetic_market(n_symbols=3, n_days=40, seed=11)


def one(market, sym):
    return market[market["symbol"] == sym].reset_index(drop=True)


def test_folder_of_yahoo_style_csvs(market, tmp_path):
    for sym in market["symbol"].unique():
        yahoo_frame(one(market, sym)).to_csv(tmp_path / f"{sym}.csv")  # Date index, Adj Close, tz offsets
    (tmp_path / "notes.txt").write_text("ignored: not a data file")
    pd.testing.assert_frame_equal(read_files(tmp_path), market, check_exact=False, rtol=1e-12)


def test_folder_of_parquet_and_csv_gz(market, tmp_path):
    one(market, "SYN00").drop(columns="symbol").to_parquet(tmp_path / "SYN00.parquet")
    one(market, "SYN01").drop(columns="symbol").to_parquet(tmp_path / "SYN01.pq")
    with gzip.open(tmp_path / "SYN02.csv.gz", "wt") as fh:
        one(market, "SYN02").drop(columns="symbol").to_csv(fh, index=False)
    pd.testing.assert_frame_equal(read_files(tmp_path), market, check_exact=False, rtol=1e-12)


def test_single_file_with_symbol_column_any_case_any_order(market, tmp_path):
    shuffled = market.sample(frac=1.0, random_state=0)
    shuffled = shuffled.rename(columns={"symbol": "Ticker", "date": "TIMESTAMP", "open": "Open",
                                        "high": "HIGH", "low": "low", "close": "Close", "volume": "Vol"})
    shuffled.insert(3, "Adj Close", 1.0)
    shuffled.to_csv(tmp_path / "all.csv", index=False)
    pd.testing.assert_frame_equal(read_files(tmp_path / "all.csv"), market, check_exact=False, rtol=1e-12)
    shuffled.to_parquet(tmp_path / "all.parquet")
    pd.testing.assert_frame_equal(read_files(str(tmp_path / "all.parquet")), market)


def test_several_paths_and_epoch_timestamps(market, tmp_path):
    a = one(market, "SYN00").drop(columns="symbol")
    a["date"] = a["date"].astype("int64") // 10**9  # epoch seconds
    a.rename(columns={"date": "timestamp"}).to_csv(tmp_path / "SYN00.csv", index=False)
    one(market, "SYN01").to_csv(tmp_path / "b.csv", index=False)
    got = read_files([tmp_path / "SYN00.csv", tmp_path / "b.csv"])
    pd.testing.assert_frame_equal(got, market[market["symbol"] != "SYN02"].reset_index(drop=True),
                                  check_exact=False, rtol=1e-12)


def test_repeated_dates_keep_the_last_row(tmp_path):
    (tmp_path / "X.csv").write_text("date,open,high,low,close,volume\n"
                                    "2020-01-03,1,2,1,2,10\n2020-01-02,1,2,1,1.5,10\n2020-01-03,1,3,1,2.5,20\n")
    got = read_files(tmp_path)
    assert got["close"].tolist() == [1.5, 2.5] and got["volume"].tolist() == [10.0, 20.0]


def test_load_panel_filters_symbols_and_dates(market, tmp_path):
    market.to_parquet(tmp_path / "m.parquet")
    got = load_panel(data=tmp_path, symbols="SYN02,SYN00", start="2010-01-11", end="2010-01-18")
    assert sorted(got["symbol"].unique()) == ["SYN00", "SYN02"]
    assert got["date"].min() == pd.Timestamp("2010-01-11") and got["date"].max() == pd.Timestamp("2010-01-15")
    with pytest.raises(ValueError, match="symbols not in the data: ZZZ"):
        load_panel(data=tmp_path, symbols=["ZZZ"])


HEADER = "Date,Open,High,Low,Close,Volume\n"


@pytest.mark.parametrize("name, content, message", [
    ("A.csv", "Date,Open,High,Low,Volume\n2020-01-02,1,2,1,5\n",
     r"A\.csv: missing column\(s\) close \(found: Date, Open, High, Low, Volume\)"),
    ("A.csv", "Date,Open,High,Low,Clsoe,Volume\n2020-01-02,1,2,1,1,5\n",
     r"A\.csv: missing column\(s\) close .*unrecognised: Clsoe"),
    ("A.csv", HEADER + "2020-01-02,1,2,1,abc,5\n", r"A\.csv: non-numeric close value 'abc' at row 0"),
    ("A.csv", HEADER, r"A\.csv: no rows"),
    ("A.csv", "", r"A\.csv: file is empty"),
    ("A.csv", HEADER + ",,,,,\n2020-01-03,,,,,\n", r"A\.csv: missing or unparseable date at row 0 \(nan\)"),
    ("A.csv", HEADER + "2020-01-03,,,,,\n", r"A\.csv: no rows with prices"),
    ("A.csv", HEADER + "yesterday,1,2,1,1,5\n", r"A\.csv: unparseable dates"),
    ("A.csv", "Date,date,Open,High,Low,Close,Volume\n2020-01-02,2020-01-02,1,1,1,1,1\n",
     r"A\.csv: columns 'Date' and 'date' both mean 'date'"),
    ("A.csv", HEADER + "2020-01-02,1,2,1,inf,5\n", r"A\.csv: infinite values"),
    ("A.parquet", "not parquet at all", r"A\.parquet: cannot read parquet"),
    ("A.json", "{}", r"A\.json: unsupported file type"),
])
def test_bad_files_give_clear_errors(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(ValueError, match=message):
        read_files(path)


def test_bad_folders_and_paths(tmp_path, market):
    with pytest.raises(ValueError, match="no .csv or .parquet files in folder"):
        read_files(tmp_path)
    with pytest.raises(ValueError, match="no such file or folder"):
        read_files(tmp_path / "missing.csv")
    one(market, "SYN00").drop(columns="symbol").to_csv(tmp_path / "SYN00.csv", index=False)
    one(market, "SYN00").to_csv(tmp_path / "more.csv", index=False)
    with pytest.raises(ValueError, match=r"symbol 'SYN00' appears in both .*SYN00\.csv and .*more\.csv"):
        read_files(tmp_path)


def test_unreadable_bytes_name_the_file(tmp_path):
    path = tmp_path / "B.csv"
    path.write_bytes(b"Date,Open\n\xff\xfe\x00\x81,1\n")
    with pytest.raises(ValueError, match=r"B\.csv: cannot read csv \(UnicodeDecodeError"):
        read_files(path)


@pytest.mark.parametrize("column, value, word", [("close", 0.0, "non-positive close 0"),
                                                 ("close", -1.5, "non-positive close -1.5"),
                                                 ("low", 0.0, "non-positive low 0"),
                                                 ("volume", -10.0, "negative volume -10")])
def test_bad_prices_are_rejected_with_the_row(market, tmp_path, column, value, word):
    bars = one(market, "SYN01").drop(columns="symbol")
    bars.loc[7, column] = value
    bars.to_csv(tmp_path / "SYN01.csv", index=False)
    with pytest.raises(ValueError, match=f"SYN01.csv: {word} at row 7 \\(SYN01 {bars.loc[7, 'date'].date()}\\)"):
        read_files(tmp_path)


def test_bad_prices_in_a_panel_stop_the_feature_step_without_warnings(market):
    import warnings

    from fastind_model.features import FeatureSpec, build_dataset

    bad = market.copy()
    bad.loc[bad.index[50], "close"] = 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # before: a divide-by-zero RuntimeWarning leaked, rows ran on
        with pytest.raises(ValueError, match="non-positive close 0"):
            build_dataset(bad, FeatureSpec.default())
