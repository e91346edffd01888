/// Every stage, model and search space of the language, with its hyperparameters.
public enum ComponentCatalog {
    public static func named(_ name: String) -> ComponentSignature? {
        all.first { $0.name == name }
    }

    public static var stageNames: [String] { all.filter { $0.role == .stage }.map(\.name) }
    public static var modelNames: [String] { all.filter { $0.role == .model }.map(\.name) }
    public static var spaceNames: [String] { all.filter { $0.role == .space }.map(\.name) }

    /// The selectors that stand for columns in a stage's arguments.
    public static let selectors = ["numeric", "categorical", "all", "except"]

    /// `task=` is accepted by every model: it overrides the task inferred from the target.
    static let task = ComponentSignature.Parameter(
        "task", .choice(["classification", "regression"]), "inferred",
        "classes or numbers; inferred from the target (strings, bools and numbers with at most 10 distinct whole values are classes)")

    public static let all: [ComponentSignature] = stages + models + spaces

    static let stages: [ComponentSignature] = [
        ComponentSignature(
            "impute", .stage, positional: .columns,
            parameters: [
                .init("strategy", .choice(["mean", "median", "mode"]), "\"mean\"", "what missing values become: the fitted data's mean, median or most frequent value"),
                .init("value", .scalar, "null", "a fixed value instead of a statistic"),
            ],
            summary: "fill missing values with a statistic learned from the training data",
            details: ["Without columns: every column the strategy can fill (numbers for mean and median, any for mode)."],
            examples: ["impute(strategy=\"median\")", "impute(sex, strategy=\"mode\")", "impute(age, value=0)"]),
        ComponentSignature(
            "scale", .stage, positional: .columns,
            parameters: [.init("method", .choice(["standard", "minmax", "robust"]), "\"standard\"", "mean 0 and std 1, the range 0..1, or median 0 and IQR 1")],
            summary: "rescale number columns with statistics learned from the training data",
            details: ["Without columns: every number column. A constant column is left unscaled."],
            examples: ["scale()", "scale(bill_length_mm, method=\"robust\")"]),
        ComponentSignature(
            "onehot", .stage, positional: .columns,
            parameters: [
                .init("drop_last", .bool, "false", "leave out the last category's column"),
                .init("max_categories", .integer(minimum: 1, maximum: nil, nullable: false), "50", "keep the most frequent categories; the rest share one `col=other` column"),
            ],
            summary: "indicator columns `col=value` for string and bool columns; unseen values map to all zeros",
            details: ["Without columns: every string and bool column."],
            examples: ["onehot(island, sex)", "onehot()"]),
        ComponentSignature(
            "index", .stage, positional: .columns, summary: "categories to integer codes, most frequent first (unseen: missing)",
            details: ["Without columns: every string and bool column."], examples: ["index(island)"]),
        ComponentSignature(
            "bucket", .stage, positional: .column,
            parameters: [.init("splits", .numbers, "[]", "increasing boundaries; bucket i holds splits[i-1] <= x < splits[i]")],
            summary: "discretize a number column at fixed boundaries", examples: ["bucket(age, splits=[18, 40, 65])"]),
        ComponentSignature(
            "quantiles", .stage, positional: .columns,
            parameters: [.init("buckets", .integer(minimum: 2, maximum: 1000, nullable: false), "4", "how many buckets of equal frequency")],
            summary: "discretize number columns at quantiles learned from the training data", examples: ["quantiles(body_mass_g, buckets=5)"]),
        ComponentSignature(
            "poly", .stage, positional: .columns,
            parameters: [.init("degree", .integer(minimum: 2, maximum: 5, nullable: false), "2", "highest total degree of the products")],
            summary: "polynomial features: every product of the columns up to a degree", examples: ["poly(bill_length_mm, bill_depth_mm, degree=2)"]),
        ComponentSignature(
            "interact", .stage, positional: .columnPair, summary: "the product of two number columns, named `a*b`",
            examples: ["interact(bill_length_mm, bill_depth_mm)"]),
        ComponentSignature("log", .stage, positional: .columns, summary: "log(1 + x) of number columns", examples: ["log(body_mass_g)"]),
        ComponentSignature(
            "pca", .stage, positional: .columns,
            parameters: [.init("k", .integer(minimum: 1, maximum: nil, nullable: false), "5", "how many principal components")],
            summary: "principal components `pc1..pck` of number columns, learned from the training data",
            details: ["Without columns: every number column. Components replace the columns they are made of."],
            examples: ["pca(k=3)"]),
        ComponentSignature(
            "derive", .stage, positional: .definitions, summary: "a row expression as a stage: adds or replaces a column",
            examples: ["derive(bill_ratio = bill_length_mm / bill_depth_mm)"]),
    ]

    static let models: [ComponentSignature] = [
        ComponentSignature(
            "logistic", .model,
            parameters: [
                .init("reg", .real(minimum: 0, inclusive: true, maximum: nil), "0.0", "penalty strength (0: none)"),
                .init("l1_ratio", .real(minimum: 0, inclusive: true, maximum: 1), "0.0", "share of L1 in the penalty: 0 ridge, 1 lasso"),
                .init("max_iter", .integer(minimum: 1, maximum: nil, nullable: false), "100", "optimizer iterations"),
                task,
            ],
            summary: "logistic regression: binary, or multinomial for more than two classes",
            details: ["Minimizes mean log-loss + reg · (l1_ratio·|w|₁ + (1 − l1_ratio)/2·|w|²); scale features first."],
            examples: ["logistic()", "logistic(reg=0.01, l1_ratio=0.5)"]),
        ComponentSignature(
            "linear", .model,
            parameters: [
                .init("reg", .real(minimum: 0, inclusive: true, maximum: nil), "0.0", "penalty strength (0: ordinary least squares)"),
                .init("l1_ratio", .real(minimum: 0, inclusive: true, maximum: 1), "0.0", "share of L1: 0 ridge, 1 lasso, between elastic net"),
                task,
            ],
            summary: "linear regression: least squares, ridge, lasso or elastic net", examples: ["linear()", "linear(reg=0.1, l1_ratio=1)"]),
        ComponentSignature(
            "tree", .model,
            parameters: [
                .init("depth", .integer(minimum: 1, maximum: nil, nullable: true), "5", "maximum depth (null: unlimited)"),
                .init("min_leaf", .integer(minimum: 1, maximum: nil, nullable: false), "1", "minimum training rows in a leaf"),
                .init("criterion", .choice(["gini", "entropy", "variance"]), "\"gini\"", "split score (regression: variance)"),
                .init("bins", .integer(minimum: 2, maximum: 255, nullable: false), "255", "histogram bins per feature"),
                task,
            ],
            summary: "a CART decision tree on histogram bins", examples: ["tree(depth=4)"]),
        ComponentSignature(
            "forest", .model,
            parameters: [
                .init("trees", .integer(minimum: 1, maximum: 100_000, nullable: false), "100", "number of trees"),
                .init("depth", .integer(minimum: 1, maximum: nil, nullable: true), "null", "maximum depth (null: unlimited)"),
                .init("max_features", .features(choices: ["sqrt", "log2", "all"]), "\"sqrt\"", "features tried per split (regression default: all)"),
                .init("min_leaf", .integer(minimum: 1, maximum: nil, nullable: false), "1", "minimum training rows in a leaf (with `bootstrap`, a row drawn twice counts twice)"),
                .init("bootstrap", .bool, "true", "draw each tree's rows with replacement"),
                .init("bins", .integer(minimum: 2, maximum: 255, nullable: false), "255", "histogram bins per feature"),
                .init("criterion", .choice(["gini", "entropy", "variance"]), "\"gini\"", "split score (regression: variance)"),
                task,
            ],
            summary: "a random forest of histogram trees, grown in parallel", examples: ["forest(trees=200)"]),
        ComponentSignature(
            "boost", .model,
            parameters: [
                .init("rounds", .integer(minimum: 1, maximum: 100_000, nullable: false), "100", "boosting rounds (trees per class)"),
                .init("rate", .real(minimum: 0, inclusive: false, maximum: nil), "0.1", "shrinkage of every tree"),
                .init("depth", .integer(minimum: 1, maximum: nil, nullable: true), "6", "maximum depth (null: only `leaves` limits)"),
                .init("leaves", .integer(minimum: 2, maximum: 131_072, nullable: false), "31", "maximum leaves per tree, grown best first"),
                .init("min_leaf", .integer(minimum: 1, maximum: nil, nullable: false), "20", "minimum training rows in a leaf"),
                .init("l2", .real(minimum: 0, inclusive: true, maximum: nil), "0.0", "L2 penalty on leaf values"),
                .init("subsample", .real(minimum: 0, inclusive: false, maximum: 1), "1.0", "fraction of rows per tree"),
                .init("colsample", .real(minimum: 0, inclusive: false, maximum: 1), "1.0", "fraction of features per tree"),
                .init("bins", .integer(minimum: 2, maximum: 255, nullable: false), "255", "histogram bins per feature"),
                task,
            ],
            summary: "histogram gradient boosting: log-loss for two classes, softmax for more, squared error for numbers",
            examples: ["boost(rounds=150, rate=0.05)"]),
        ComponentSignature(
            "knn", .model,
            parameters: [
                .init("k", .integer(minimum: 1, maximum: nil, nullable: false), "5", "neighbors consulted"),
                .init("weights", .choice(["uniform", "distance"]), "\"uniform\"", "equal votes, or votes weighted by 1/distance"),
                task,
            ],
            summary: "k nearest neighbors by Euclidean distance; scale features first", examples: ["knn(k=10, weights=\"distance\")"]),
        ComponentSignature(
            "bayes", .model,
            parameters: [
                .init("smoothing", .real(minimum: 0, inclusive: true, maximum: nil), "1e-9", "share of the largest variance added to every variance"),
                task,
            ],
            summary: "Gaussian naive Bayes", examples: ["bayes()"]),
    ]

    static let spaces: [ComponentSignature] = [
        ComponentSignature("uniform", .space, positional: .values(names: ["lo", "hi"], variadic: false), summary: "reals between lo and hi (a search space for `tune`)"),
        ComponentSignature("loguniform", .space, positional: .values(names: ["lo", "hi"], variadic: false), summary: "reals between lo and hi, uniform in log scale (for `tune`)"),
        ComponentSignature("int", .space, positional: .values(names: ["lo", "hi"], variadic: false), summary: "whole numbers from lo to hi, both included (for `tune`)"),
        ComponentSignature("quniform", .space, positional: .values(names: ["lo", "hi", "q"], variadic: false), summary: "reals between lo and hi rounded to multiples of q (for `tune`)"),
        ComponentSignature("normal", .space, positional: .values(names: ["mu", "sigma"], variadic: false), summary: "normally distributed reals (for `tune`)"),
        ComponentSignature("choice", .space, positional: .values(names: ["a", "b"], variadic: true), summary: "one of the options, which may be whole stages or models (for `tune`)"),
    ]
}
