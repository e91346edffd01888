"""Arrow IPC stream decoding benchmark: Assay's ArrowStreamDecoder against pyarrow.

Writes (once, cached in bench/.data, which git ignores) a 1M-row x 10-column stream with
pyarrow: float64 with nulls, float64, float32, int64, bool with nulls, utf8 of a few hundred
values, utf8 of high cardinality, date32, timestamp[us] with nulls, int32. Then, from bytes in
memory, times in the same run (median of 5 each):

  - pyarrow `pa.ipc.open_stream(buf).read_all()`: zero-copy, so mostly metadata work;
  - pyarrow `read_all().to_pandas()`: columns materialized, a fair second reference;
  - Assay's decode into a Dataset (`assay-arrow-bench decode`), every column materialized.

It also has Assay write the dataset back and checks that pyarrow reads the same values.

    swift build -c release --product assay-arrow-bench
    python bench/arrow_decode.py            # needs pyarrow, pandas and numpy
"""
import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import time

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
ROWS = 1_000_000
BATCH_ROWS = 65_536


def generate(path):
    rng = np.random.default_rng(3)
    mask = lambda p: rng.random(ROWS) < p  # noqa: E731
    levels = np.array([f"level_{k}" for k in range(300)])
    table = pa.table({
        "x": pa.array(rng.normal(0, 100, ROWS), mask=mask(0.1)),
        "y": pa.array(rng.normal(0, 1, ROWS)),
        "f": pa.array(rng.normal(0, 1, ROWS).astype(np.float32)),
        "n": pa.array(rng.integers(-10**12, 10**12, ROWS)),
        "flag": pa.array(rng.random(ROWS) < 0.5, mask=mask(0.05)),
        "cat": pa.array(levels[rng.integers(0, len(levels), ROWS)]),
        "user": pa.array(np.char.add("user_", rng.integers(0, 500_000, ROWS).astype(str))),
        "day": pa.array(np.datetime64("2020-01-01") + rng.integers(0, 1500, ROWS)).cast(pa.date32()),
        "ts": pa.array(np.datetime64("2024-01-01T00:00:00", "us") + rng.integers(0, 10**13, ROWS).astype("timedelta64[us]"),
                       mask=mask(0.02)),
        "k": pa.array(rng.integers(0, 1000, ROWS).astype(np.int32)),
    })
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table, max_chunksize=BATCH_ROWS)
    path.write_bytes(sink.getvalue().to_pybytes())


def median_seconds(function, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def check_rewrite(binary, path):
    """Assay's writer's stream of what Assay read, against pyarrow's reading of the original."""
    out = DATA / "arrow_rewrite.arrow"
    written = json.loads(subprocess.run([binary, "rewrite", str(path), str(out)], check=True,
                                        capture_output=True, text=True).stdout)
    original = pa.ipc.open_stream(path.read_bytes()).read_all()
    back = pa.ipc.open_stream(out.read_bytes()).read_all()
    for name in original.column_names:
        want = original[name]
        if pa.types.is_timestamp(want.type):
            want = pc.divide(want.cast(pa.int64()).cast(pa.float64()), 1e6)
        elif pa.types.is_date(want.type):
            want = want.cast(pa.string())
        elif pa.types.is_integer(want.type) or pa.types.is_floating(want.type):
            want = want.cast(pa.float64())
        if not want.equals(back[name]):
            sys.exit(f"column {name}: pyarrow reads back other values from Assay's stream")
    return written


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--binary", default=str(ROOT / ".build" / "release" / "assay-arrow-bench"))
    args = parser.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / "arrow_mixed_1m.arrow"
    if not path.exists():
        generate(path)
    buffer = path.read_bytes()
    size_mb = len(buffer) / 1e6

    read = median_seconds(lambda: pa.ipc.open_stream(buffer).read_all(), args.repeats)
    to_pandas = median_seconds(lambda: pa.ipc.open_stream(buffer).read_all().to_pandas(), args.repeats)
    assay = json.loads(subprocess.run([args.binary, "decode", str(path), str(args.repeats)], check=True,
                                      capture_output=True, text=True).stdout)
    written = check_rewrite(args.binary, path)

    print(f"stream: {ROWS} rows x 10 columns, {size_mb:.1f} MB, batches of {BATCH_ROWS} rows")
    print(f"pyarrow open_stream().read_all():   {read * 1e3:8.1f} ms")
    print(f"pyarrow read_all().to_pandas():     {to_pandas * 1e3:8.1f} ms")
    print(f"Assay decode into a Dataset:        {assay['median'] * 1e3:8.1f} ms  ({size_mb / assay['median']:.0f} MB/s)")
    print(f"Assay / read_all:   {assay['median'] / read:6.2f}x")
    print(f"Assay / to_pandas:  {assay['median'] / to_pandas:6.2f}x")
    print(f"Assay write back:   {written['seconds'] * 1e3:8.1f} ms ({written['bytes'] / 1e6:.1f} MB), read back equal by pyarrow")
    print(json.dumps({"read_all": read, "to_pandas": to_pandas, "assay": assay["median"],
                      "assay_write": written["seconds"], "mb": size_mb}))


if __name__ == "__main__":
    main()
