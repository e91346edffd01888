"""Cross-check of AssayLearn's metrics and linear, knn and bayes models against scikit-learn.

Generates small random data and predictions with a fixed seed, computes scikit-learn's answers
once and writes them, with the inputs and the scikit-learn call beside each number, as Swift
tests: Tests/AssayLearnTests/ScikitLearnAgreementTests.swift. Run it again only to change the
cases; `swift test --filter ScikitLearnAgreement` then checks the Swift side. scripts/test.sh runs
it with `--check`, which recomputes every number with the pinned scikit-learn and fails when the
committed file differs, so the fixed numbers cannot drift from the reference.

    python3 -m venv /tmp/venv-probe && /tmp/venv-probe/bin/pip install scikit-learn numpy
    /tmp/venv-probe/bin/python bench/learn_crosscheck.py
"""
import pathlib
import re
import sys

import numpy as np
import sklearn
from sklearn import decomposition, linear_model, metrics, naive_bayes, neighbors, preprocessing

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/AssayLearnTests/ScikitLearnAgreementTests.swift"
rng = np.random.default_rng(20240607)


def sw(values):
    """A Swift array literal of doubles that round-trips exactly."""
    return "[" + ", ".join(repr(float(v)) for v in np.ravel(values)) + "]"


def si(values):
    return "[" + ", ".join(str(int(v)) for v in np.ravel(values)) + "]"


def classes(k):
    return "[" + ", ".join(f'"{c}"' for c in "abcdefg"[:k]) + "]"


tests = []


def metric_test(name, comment, target, prediction, expected):
    lines = [f"    @Test func {name}() throws {{", f"        let target = Target{target}", f"        let prediction = Prediction{prediction}"]
    for metric, call, value in expected:
        lines.append(f"        // {call}")
        lines.append(f"        #expect(try close(Metric.compute(.{metric}, target: target, prediction: prediction), {value!r}, 1e-9))")
    lines.append("    }")
    tests.append(f"    /// {comment}\n" + "\n".join(lines))


# Binary: scores rounded to one decimal, so many ties.
y2 = rng.integers(0, 2, 30)
s2 = np.round(np.clip(0.35 * y2 + rng.uniform(0, 0.65, 30), 0, 1), 1)
p2 = np.column_stack([1 - s2, s2])
metric_test(
    "binaryMetricsWithTiedScores", "Two classes, scores with ties (one decimal).",
    f".classes(labels: {si(y2)}, classes: {classes(2)})", f".probabilities({sw(p2)}, classes: {classes(2)})",
    [
        ("accuracy", "accuracy_score(y, p.argmax(1))", metrics.accuracy_score(y2, p2.argmax(1))),
        ("precision", "precision_score(y, p.argmax(1), average='weighted', zero_division=0)", metrics.precision_score(y2, p2.argmax(1), average="weighted", zero_division=0)),
        ("recall", "recall_score(y, p.argmax(1), average='weighted', zero_division=0)", metrics.recall_score(y2, p2.argmax(1), average="weighted", zero_division=0)),
        ("f1", "f1_score(y, p.argmax(1), average='weighted', zero_division=0)", metrics.f1_score(y2, p2.argmax(1), average="weighted", zero_division=0)),
        ("auc", "roc_auc_score(y, p[:, 1])", metrics.roc_auc_score(y2, p2[:, 1])),
        ("prAUC", "average_precision_score(y, p[:, 1])", metrics.average_precision_score(y2, p2[:, 1])),
        ("logloss", "log_loss(y, p)", metrics.log_loss(y2, p2)),
    ])

# Three classes: Dirichlet probabilities rounded to two decimals (ties across rows), renormalized.
y3 = rng.integers(0, 3, 40)
raw = rng.dirichlet([1, 1, 1], 40) + 0.6 * np.eye(3)[y3] * rng.uniform(0, 1, (40, 1))
raw = np.round(raw / raw.sum(1, keepdims=True), 2)
p3 = raw / raw.sum(1, keepdims=True)
metric_test(
    "multiclassMetrics", "Three classes: weighted precision, recall and f1; one-vs-rest macro auc and pr_auc.",
    f".classes(labels: {si(y3)}, classes: {classes(3)})", f".probabilities({sw(p3)}, classes: {classes(3)})",
    [
        ("accuracy", "accuracy_score(y, p.argmax(1))", metrics.accuracy_score(y3, p3.argmax(1))),
        ("precision", "precision_score(y, p.argmax(1), average='weighted', zero_division=0)", metrics.precision_score(y3, p3.argmax(1), average="weighted", zero_division=0)),
        ("recall", "recall_score(y, p.argmax(1), average='weighted', zero_division=0)", metrics.recall_score(y3, p3.argmax(1), average="weighted", zero_division=0)),
        ("f1", "f1_score(y, p.argmax(1), average='weighted', zero_division=0)", metrics.f1_score(y3, p3.argmax(1), average="weighted", zero_division=0)),
        ("auc", "roc_auc_score(y, p, multi_class='ovr', average='macro')", metrics.roc_auc_score(y3, p3, multi_class="ovr", average="macro")),
        ("prAUC", "average_precision_score(y, p, average='macro')", metrics.average_precision_score(y3, p3, average="macro")),
        ("logloss", "log_loss(y, p)", metrics.log_loss(y3, p3)),
    ])

# Regression.
yr = rng.normal(10, 3, 25)
fr = yr + rng.normal(0, 1.5, 25)
metric_test(
    "regressionMetrics", "Values.", f".values({sw(yr)})", f".values({sw(fr)})",
    [
        ("rmse", "root_mean_squared_error(y, f)", metrics.root_mean_squared_error(yr, fr)),
        ("mae", "mean_absolute_error(y, f)", metrics.mean_absolute_error(yr, fr)),
        ("mse", "mean_squared_error(y, f)", metrics.mean_squared_error(yr, fr)),
        ("r2", "r2_score(y, f)", metrics.r2_score(yr, fr)),
    ])

# Model data: 60 rows, 3 standardized features.
n, p = 60, 3
X = rng.normal(0, 1, (n, p))
X = (X - X.mean(0)) / X.std(0)
logit = X @ np.array([1.5, -2.0, 0.5]) + 0.3
yb = (rng.uniform(0, 1, n) < 1 / (1 + np.exp(-logit))).astype(int)
scores3 = X @ np.array([[1.0, -1.0, 0.5], [-0.5, 1.5, 0.0], [0.0, 0.0, -1.0]]).T
ym = np.array([rng.choice(3, p=np.exp(s) / np.exp(s).sum()) for s in scores3])
yv = X @ np.array([3.0, -1.0, 0.2]) + 5 + rng.normal(0, 1, n)
header_data = f"""    /// 60 rows of 3 standardized features (column-major) with a binary, a three-class and a numeric target.
    let x: FeatureMatrix

    init() throws {{
        x = try FeatureMatrix(rows: {n}, names: ["f1", "f2", "f3"], values: {sw(X.T)})
    }}
    static let binary = Target.classes(labels: {si(yb)}, classes: {classes(2)})
    static let multiclass = Target.classes(labels: {si(ym)}, classes: {classes(3)})
    static let numeric = Target.values({sw(yv)})
"""


def model_test(name, comment, fit, checks):
    body = [f"    /// {comment}", f"    @Test func {name}() throws {{", f"        {fit}"]
    for call, line in checks:
        body.append(f"        // {call}")
        body.append(f"        {line}")
    body.append("    }")
    tests.append("\n".join(body))


def reg_to_c(reg):
    return 1 / (n * reg)


for reg, l1, tol in [(0.05, 0.0, 1e-6), (0.02, 1.0, 1e-5), (0.05, 0.5, 1e-5)]:
    kw = dict(C=reg_to_c(reg), l1_ratio=l1, tol=1e-12, max_iter=100000)
    kw["solver"] = "lbfgs" if l1 == 0 else "saga"
    call = f"LogisticRegression(C=1/(60*{reg}), l1_ratio={l1}, solver='{kw['solver']}', tol=1e-12, max_iter=100000).fit(X, yb)"
    m = linear_model.LogisticRegression(**kw).fit(X, yb)
    tag = {0.0: "Ridge", 1.0: "Lasso", 0.5: "ElasticNet"}[l1]
    model_test(
        f"binaryLogistic{tag}", f"Binary logistic regression, reg {reg}, l1_ratio {l1}; tolerance {tol}.",
        f"let model = try LogisticRegression(reg: {reg}, l1Ratio: {l1}, maxIter: 1000, tolerance: 1e-10).fitLogistic(x, Self.binary, context: FitContext())",
        [(call + ".coef_, .intercept_", f"#expect(allClose(model.terms.weights[0] + model.terms.intercepts, {sw(np.r_[m.coef_[0], m.intercept_])}, {tol}))")])

for reg, l1, tol in [(0.05, 0.0, 1e-6), (0.02, 1.0, 1e-5)]:
    solver = "lbfgs" if l1 == 0 else "saga"
    m = linear_model.LogisticRegression(C=reg_to_c(reg), l1_ratio=l1, solver=solver, tol=1e-12, max_iter=100000).fit(X, ym)
    call = f"LogisticRegression(C=1/(60*{reg}), l1_ratio={l1}, solver='{solver}', tol=1e-12, max_iter=100000).fit(X, ym)"
    tag = "Ridge" if l1 == 0 else "Lasso"
    proba = m.predict_proba(X[:5])
    model_test(
        f"multinomialLogistic{tag}", f"Multinomial logistic regression, reg {reg}, l1_ratio {l1}; tolerance {tol} (intercepts compared after centring: only their differences matter).",
        f"let model = try LogisticRegression(reg: {reg}, l1Ratio: {l1}, maxIter: 1000, tolerance: 1e-10).fitLogistic(x, Self.multiclass, context: FitContext())",
        [(call + ".coef_", f"#expect(allClose(model.terms.weights.flatMap {{ $0 }}, {sw(m.coef_)}, {tol}))"),
         (call + ".intercept_ - mean", f"#expect(allClose(centred(model.terms.intercepts), {sw(m.intercept_ - m.intercept_.mean())}, {tol}))"),
         ("...predict_proba(X[:5])", f"#expect(allClose(probabilities(model.predict(x.take([0, 1, 2, 3, 4]))), {sw(proba)}, {tol}))")])

for label, make, call, tol in [
    ("ordinaryLeastSquares", "LinearRegression(reg: 0)", "LinearRegression()", 1e-9),
    ("ridge", "LinearRegression(reg: 0.5)", "Ridge(alpha=60*0.5)", 1e-9),
    ("lasso", "LinearRegression(reg: 0.3, l1Ratio: 1)", "Lasso(alpha=0.3, tol=1e-14, max_iter=1000000)", 1e-8),
    ("elasticNet", "LinearRegression(reg: 0.3, l1Ratio: 0.4)", "ElasticNet(alpha=0.3, l1_ratio=0.4, tol=1e-14, max_iter=1000000)", 1e-8),
]:
    m = eval("linear_model." + call.replace("60*", str(n) + "*")).fit(X, yv)
    model_test(
        label, f"Linear regression: {call}; tolerance {tol}.",
        f"let model = try {make}.fitLinear(x, Self.numeric, context: FitContext())",
        [(call + ".fit(X, yv).coef_, .intercept_", f"#expect(allClose(model.coefficients + [model.intercept], {sw(np.r_[m.coef_, m.intercept_])}, {tol}))")])

Xq = rng.normal(0, 1, (6, p))
for weights in ["uniform", "distance"]:
    c = neighbors.KNeighborsClassifier(n_neighbors=5, weights=weights).fit(X, ym)
    r = neighbors.KNeighborsRegressor(n_neighbors=5, weights=weights).fit(X, yv)
    model_test(
        f"knn{weights.capitalize()}", f"k nearest neighbours, k 5, {weights} weights, on 6 new rows; tolerance 1e-12.",
        f"let query = try FeatureMatrix(rows: 6, names: [\"f1\", \"f2\", \"f3\"], values: {sw(Xq.T)})\n"
        f"        let classifier = try NearestNeighbors(k: 5, weights: .{weights}).fit(x, Self.multiclass, context: FitContext(threads: 2))\n"
        f"        let regressor = try NearestNeighbors(k: 5, weights: .{weights}).fit(x, Self.numeric, context: FitContext(threads: 2))",
        [(f"KNeighborsClassifier(n_neighbors=5, weights='{weights}').fit(X, ym).predict_proba(Xq)", f"#expect(allClose(probabilities(classifier.predict(query)), {sw(c.predict_proba(Xq))}, 1e-12))"),
         (f"KNeighborsRegressor(n_neighbors=5, weights='{weights}').fit(X, yv).predict(Xq)", f"#expect(allClose(values(regressor.predict(query)), {sw(r.predict(Xq))}, 1e-12))")])

nb = naive_bayes.GaussianNB().fit(X, ym)
model_test(
    "gaussianNaiveBayes", "Gaussian naive Bayes on 6 new rows; tolerance 1e-12.",
    f"let query = try FeatureMatrix(rows: 6, names: [\"f1\", \"f2\", \"f3\"], values: {sw(Xq.T)})\n"
    "        let model = try GaussianNaiveBayes().fitBayes(x, Self.multiclass, context: FitContext())",
    [("GaussianNB().fit(X, ym).theta_", f"#expect(allClose(model.means, {sw(nb.theta_)}, 1e-12))"),
     ("GaussianNB().fit(X, ym).var_", f"#expect(allClose(model.variances, {sw(nb.var_)}, 1e-12))"),
     ("GaussianNB().fit(X, ym).predict_proba(Xq)", f"#expect(allClose(probabilities(model.predict(query)), {sw(nb.predict_proba(Xq))}, 1e-12))")])

S = rng.normal(0, 1, (30, 4)) @ rng.normal(0, 1, (4, 4)) + np.array([1.0, -2.0, 0.5, 3.0])
S[:, 3] = np.round(S[:, 3], 0)
frame = "try Dataset(columns: [" + ", ".join(f'Column("c{j}", numbers: {sw(S[:, j])})' for j in range(4)) + "])"
pca = decomposition.PCA(n_components=2, svd_solver="full").fit(S)
std = preprocessing.StandardScaler().fit(S)
rob = preprocessing.RobustScaler().fit(S)
mm = preprocessing.MinMaxScaler().fit(S)
model_test(
    "principalComponents", "pca(k=2) on 4 correlated columns; tolerance 1e-9.",
    f"let data = {frame}\n        let pca = try #require(try PrincipalComponents(k: 2).fit(data, context: FitContext()) as? FittedPrincipalComponents)\n"
    "        let out = try pca.transform(data)",
    [("PCA(n_components=2, svd_solver='full').fit(S).components_", f"#expect(allClose(pca.components.flatMap {{ $0 }}, {sw(pca.components_)}, 1e-9))"),
     ("...explained_variance_ratio_", f"#expect(allClose(pca.explainedVarianceRatio, {sw(pca.explained_variance_ratio_)}, 1e-9))"),
     ("...transform(S)[:3]", f"#expect(allClose([0, 1, 2].flatMap {{ r in [\"pc1\", \"pc2\"].map {{ numbers(out, $0)[r] }} }}, {sw(pca.transform(S)[:3])}, 1e-9))")])
model_test(
    "scalers", "scale() with each method; tolerance 1e-12.",
    f"let data = {frame}\n"
    "        let standard = try #require(try Scale(method: .standard).fit(data, context: FitContext()) as? FittedScale)\n"
    "        let robust = try #require(try Scale(method: .robust).fit(data, context: FitContext()) as? FittedScale)\n"
    "        let minmax = try #require(try Scale(method: .minmax).fit(data, context: FitContext()) as? FittedScale)",
    [("StandardScaler().fit(S).mean_, .scale_", f"#expect(allClose(standard.parameters.map(\\.center) + standard.parameters.map(\\.scale), {sw(np.r_[std.mean_, std.scale_])}, 1e-12))"),
     ("RobustScaler().fit(S).center_, .scale_", f"#expect(allClose(robust.parameters.map(\\.center) + robust.parameters.map(\\.scale), {sw(np.r_[rob.center_, rob.scale_])}, 1e-12))"),
     ("MinMaxScaler().fit(S).data_min_, .data_range_", f"#expect(allClose(minmax.parameters.map(\\.center) + minmax.parameters.map(\\.scale), {sw(np.r_[mm.data_min_, mm.data_range_])}, 1e-12))"),
     ("StandardScaler().fit_transform(S)[:, 0]", f"#expect(allClose(numbers(try standard.transform(data), \"c0\"), {sw(std.transform(S)[:, 0])}, 1e-12))")])

source = f"""// Generated by bench/learn_crosscheck.py with scikit-learn {sklearn.__version__} and numpy {np.__version__}; edit the script, not this file.
import AssayFrame
import AssayLearn
import Testing

@Suite struct ScikitLearnAgreementTests {{
{header_data}
{chr(10).join(chr(10) + t if i else t for i, t in enumerate(tests))}
}}

/// True when every pair differs by at most `tolerance` (absolute, or relative above 1).
func allClose(_ a: [Double], _ b: [Double], _ tolerance: Double) -> Bool {{
    a.count == b.count && zip(a, b).allSatisfy {{ close($0, $1, tolerance) }}
}}

func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {{
    abs(a - b) <= tolerance * max(1, abs(b))
}}

func centred(_ a: [Double]) -> [Double] {{
    let mean = a.reduce(0, +) / Double(a.count)
    return a.map {{ $0 - mean }}
}}

func probabilities(_ prediction: Prediction) -> [Double] {{
    if case .probabilities(let p, _) = prediction {{ return p }}
    return []
}}

func numbers(_ data: Dataset, _ name: String) -> [Double] {{
    if case .number(let v)? = data.column(name)?.values {{ return v }}
    return []
}}

func values(_ prediction: Prediction) -> [Double] {{
    if case .values(let v) = prediction {{ return v }}
    return []
}}
"""
NUMBER = re.compile(r"-?\d+\.\d+(?:e-?\d+)?|-?\d+e-?\d+")


def drift(committed, regenerated):
    """Where the committed file differs from the regenerated one: its text apart from the numbers,
    or a number by more than 1e-7 (relative, or absolute below 1). Iterative solvers and BLAS
    change the last digits between runs (up to 3e-8 here); the iterative fits are tested to 1e-6 or
    looser, so 1e-7 is a tenth of their tightest tolerance; exact results agree to rounding."""
    problems = []
    old_lines, new_lines = committed.splitlines(), regenerated.splitlines()
    if len(old_lines) != len(new_lines):
        return [f"{len(old_lines)} lines committed, {len(new_lines)} regenerated"]
    for number, (old, new) in enumerate(zip(old_lines, new_lines), 1):
        if NUMBER.sub("#", old) != NUMBER.sub("#", new):
            problems.append(f"line {number}: text differs:\n  - {old.strip()[:160]}\n  + {new.strip()[:160]}")
            continue
        for a, b in zip(NUMBER.findall(old), NUMBER.findall(new)):
            x, y = float(a), float(b)
            if abs(x - y) > 1e-7 * max(1.0, abs(y)):
                problems.append(f"line {number}: {a} committed, scikit-learn now gives {b}")
    return problems


if "--check" in sys.argv[1:]:
    # scripts/test.sh: the committed numbers must be the ones scikit-learn gives now.
    problems = drift(OUT.read_text() if OUT.exists() else "", source)
    if problems:
        print("\n".join(problems[:20]))
        sys.exit(f"{OUT.name} has drifted from scikit-learn {sklearn.__version__}: run bench/learn_crosscheck.py and commit it")
    print(f"{OUT.name} matches scikit-learn {sklearn.__version__} to 1e-7 ({len(tests)} tests)")
else:
    OUT.write_text(source)
    print(f"wrote {OUT} ({len(tests)} tests)")
