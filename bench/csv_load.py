"""CSV loading benchmark: Assay's CSVReader against pandas.read_csv (C engine) and CSV.swift.

Generates (once, cached in bench/.data, which git ignores) a 1M-row x 20-column numeric CSV
and a mixed string/number CSV of about the same size, then times each engine on each file in
its own process and prints seconds, MB/s, peak memory and the ratios.

    swift build -c release --product assay-csv-bench
    python bench/csv_load.py            # needs numpy and pandas
    python bench/csv_load.py --no-csvswift --repeats 5

Memory: "peak" is the process's VmHWM; "extra/cols" is (peak - baseline - file size) divided
by the bytes of the loaded columns. The Swift reader maps the file, so the file's pages count
in its peak; that is what the "- file size" takes out. The target is extra/cols <= 1.5.
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
ROWS = 1_000_000

PANDAS_RUNNER = r"""
import json, sys, time
def mem(key):
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
import pandas as pd
path, repeats = sys.argv[1], int(sys.argv[2])
baseline = mem("VmRSS")
best = float("inf")
peak = None
for _ in range(repeats):
    start = time.perf_counter()
    df = pd.read_csv(path, engine="c")
    best = min(best, time.perf_counter() - start)
    shape = df.shape
    del df
    peak = peak or mem("VmHWM")
print(json.dumps({"engine": "pandas", "seconds": best, "rows": shape[0], "columns": shape[1],
                  "peak_mb": peak, "baseline_mb": baseline}))
"""


def generate_numeric(path):
    import numpy as np
    import pandas as pd
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({f"x{j + 1}": rng.normal(0, 1000, ROWS) for j in range(20)})
    frame.to_csv(path, index=False, float_format="%.4f")


def generate_mixed(path):
    import numpy as np
    import pandas as pd
    rng = np.random.default_rng(2)
    cities = np.array([f"{name}, {state}" for name in ["Springfield", "Riverside", "Franklin", "Greenville",
                       "Bristol", "Clinton", "Fairview", "Salem", "Madison", "Georgetown"]
                       for state in ["IL", "MA", "OR", "TX", "NY", "OH", "CA", "WA"]])
    columns = {"id": np.arange(1, ROWS + 1)}
    for j in range(8):
        columns[f"x{j + 1}"] = rng.normal(0, 100, ROWS)
        if j == 3:
            columns[f"x{j + 1}"][rng.random(ROWS) < 0.05] = np.nan
    for j, cardinality in enumerate([3, 12, 50, 400]):
        columns[f"cat{j + 1}"] = np.array([f"level_{k}" for k in range(cardinality)])[rng.integers(0, cardinality, ROWS)]
    columns["city"] = cities[rng.integers(0, len(cities), ROWS)]
    columns["user"] = np.char.add("user_", rng.integers(0, 200_000, ROWS).astype(str))
    columns["day"] = np.datetime_as_string(np.datetime64("2020-01-01") + rng.integers(0, 1500, ROWS), unit="D")
    columns["flag"] = np.where(rng.random(ROWS) < 0.5, "true", "false")
    columns["note"] = np.array(["ok", 'said "hi"', "two\nlines", "", "plain text"])[rng.integers(0, 5, ROWS)]
    columns["score"] = rng.integers(0, 1000, ROWS)
    frame = pd.DataFrame(columns)
    frame.to_csv(path, index=False, float_format="%.4f")


def ensure(name, make):
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / name
    if not path.exists():
        print(f"generating {path} ...", flush=True)
        tmp = path.with_suffix(".tmp")
        make(tmp)
        tmp.rename(path)
    return path


def warm(path):
    with open(path, "rb") as f:
        while f.read(1 << 24):
            pass


def run(command):
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-csvswift", action="store_true", help="skip CSV.swift (slow)")
    parser.add_argument("--bench", default=str(ROOT / ".build" / "release" / "assay-csv-bench"))
    args = parser.parse_args()
    if not os.path.exists(args.bench):
        sys.exit(f"{args.bench} is missing: swift build -c release --product assay-csv-bench")

    files = [("numeric", ensure("numeric_1m_x20.csv", generate_numeric)),
             ("mixed", ensure("mixed_1m_x20.csv", generate_mixed))]
    rows = []
    for label, path in files:
        size_mb = path.stat().st_size / 1e6
        warm(path)
        results = {"assay": run([args.bench, "assay", str(path), str(args.repeats)]),
                   "pandas": run([sys.executable, "-c", PANDAS_RUNNER, str(path), str(args.repeats)])}
        if not args.no_csvswift:
            results["csvswift"] = run([args.bench, "csvswift", str(path), "1"])
        column_mb = results["assay"]["column_mb"] * 1.048576
        for engine, r in results.items():
            extra = r["peak_mb"] * 1.048576 - r["baseline_mb"] * 1.048576 - (size_mb if engine == "assay" else 0)
            rows.append({"file": label, "engine": engine, "size_mb": size_mb, "seconds": r["seconds"],
                         "mbps": size_mb / r["seconds"], "peak_mb": r["peak_mb"] * 1.048576,
                         "over_baseline_mb": (r["peak_mb"] - r["baseline_mb"]) * 1.048576,
                         "extra_per_columns": extra / column_mb, "column_mb": column_mb,
                         "shape": f'{r["rows"]}x{r["columns"]}'})

    print()
    print(f'{"file":8} {"engine":9} {"MB":>6} {"shape":>11} {"seconds":>8} {"MB/s":>7} {"peak MB":>8} '
          f'{"+base MB":>8} {"cols MB":>7} {"extra/cols":>10} {"vs pandas":>9} {"vs CSV.swift":>12}')
    for row in rows:
        same = {r["engine"]: r for r in rows if r["file"] == row["file"]}
        vs_pandas = same["pandas"]["seconds"] / row["seconds"]
        vs_csvswift = same["csvswift"]["seconds"] / row["seconds"] if "csvswift" in same else float("nan")
        print(f'{row["file"]:8} {row["engine"]:9} {row["size_mb"]:6.0f} {row["shape"]:>11} {row["seconds"]:8.3f} '
              f'{row["mbps"]:7.0f} {row["peak_mb"]:8.0f} {row["over_baseline_mb"]:8.0f} {row["column_mb"]:7.0f} '
              f'{row["extra_per_columns"]:10.2f} {vs_pandas:8.2f}x {vs_csvswift:11.2f}x')
    print("\nratios are throughput: >1 means faster than the engine named; extra/cols counts the file's bytes "
          "out for assay (it maps the file) only.")


if __name__ == "__main__":
    main()
