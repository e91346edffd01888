// Help for pipelines and models: the stages and models, `fit`, `evaluate`, `predict`, the
// metrics and the types they produce.

extension HelpCatalog {
    /// Component topics; a stage that shares its name with another topic (`log`, `derive`)
    /// is appended to that topic instead.
    static func mergingComponents(into topics: [HelpTopic]) -> [HelpTopic] {
        var topics = topics
        for component in ComponentCatalog.all {
            let topic = component.topic
            if let existing = topics.firstIndex(where: { $0.name == topic.name }) {
                topics[existing].details += ["As a pipeline \(component.role.rawValue): `\(topic.usage)`, \(topic.summary)."] + topic.details
                topics[existing].examples += topic.examples
            } else {
                topics.append(topic)
            }
        }
        return topics
    }

    static let learning: [HelpTopic] = [
        HelpTopic(
            "fit", .command, usage: "fit PIPELINE on DATA target COL [cv K | holdout R] [seed S] [parallel P]",
            summary: "train a pipeline (a model), or a list of pipelines (a board, trained in parallel)",
            details: [
                "Stages learn their statistics from DATA only; `cv K` and `holdout R` fit the whole pipeline inside every fold and report the validation metrics' mean and std.",
                "The task follows the target: strings, bools and numbers with at most 10 distinct whole values are classes; `task=\"regression\"` on the model overrides it.",
                "Without `seed`, the session's seed (`set seed`) is used; without `parallel`, the session's `parallel`.",
                "A fit longer than `progress_after` seconds (1 unless `set`) shows its progress in place; interrupting stops it and leaves the session as it was.",
            ],
            examples: [
                "m = fit scale() | logistic() on train target species",
                "board = fit prep | [logistic(), forest(trees=200), boost()] on train target species cv 5",
            ]),
        HelpTopic(
            "evaluate", .command, usage: "evaluate MODEL_OR_BOARD on DATA [metrics M, ...]",
            summary: "score a model or every model of a board on data that holds the target",
            details: [
                "Without `metrics`: auc, accuracy, f1, logloss for two classes; f1, accuracy, auc, logloss for more; rmse, mae, r2 for numbers. The first is the default metric, and boards are sorted by it.",
                "The result is a dataset with one row per model.",
            ],
            examples: ["evaluate board on test", "evaluate m on test metrics accuracy, f1"]),
        HelpTopic(
            "predict", .command, usage: "predict MODEL on DATA",
            summary: "the data plus a `prediction` column and, for classes, one `p_<class>` probability column per class",
            examples: ["p = predict m on test", "predict m on test | where prediction != species"]),
        HelpTopic(
            "pipeline", .type, usage: "stage() | stage() | model()",
            summary: "an unfitted chain of stages, usually ending in a model",
            details: [
                "Stages: " + ComponentCatalog.stageNames.map { "`\($0)`" }.joined(separator: ", ") + ". Models: "
                    + ComponentCatalog.modelNames.map { "`\($0)`" }.joined(separator: ", ") + ".",
                "Columns: named, or the selectors `numeric()`, `categorical()`, `all()`, `except(a, b)`.",
                "`prep | [m1, m2]` is a list of pipelines sharing `prep`; `fit` on it gives a board.",
            ],
            examples: ["prep = impute(strategy=\"median\") | onehot(island, sex) | scale()"]),
        HelpTopic(
            "model", .type, usage: "fit PIPELINE on DATA target COL", summary: "a fitted pipeline",
            details: ["Shows its stages with their fitted statistics, its hyperparameters, the fit time and its metrics."],
            examples: ["m.params", "m.metrics"],
            members: [
                .init(name: "params", type: "dataset", summary: "every component's hyperparameters"),
                .init(name: "metrics", type: "dataset", summary: "training and validation metrics"),
                .init(name: "features", type: "list", summary: "the feature names the model sees"),
                .init(name: "target", type: "string", summary: "the target column"),
                .init(name: "kind", type: "string", summary: "the model's name: logistic, forest, ..."),
                .init(name: "classes", type: "list", summary: "the classes, in probability column order"),
                .init(name: "seconds", type: "number", summary: "the final fit's wall-clock time"),
            ]),
        HelpTopic(
            "board", .type, usage: "fit PIPELINE | [M1, M2, ...] on DATA target COL", summary: "several fitted models: a leaderboard",
            details: ["Sorted by the default metric: validation scores when the fit had `cv` or `holdout`, training scores otherwise."],
            examples: ["board.best", "board.leaderboard"],
            members: [
                .init(name: "best", type: "model", summary: "the top model"),
                .init(name: "models", type: "list", summary: "every model, best first"),
                .init(name: "leaderboard", type: "dataset", summary: "the leaderboard as a dataset"),
            ]),
        HelpTopic(
            "importance", .command, usage: "importance MODEL [method impurity|permutation|coefficients] [on DATA] [repeats N] [seed S]",
            summary: "which features matter: a table, largest first, and a bar chart",
            details: [
                "Tree models default to impurity importance as Spark's `featureImportances` defines it (gain × rows per split; per-tree normalized for forests; normalized to sum 1).",
                "Linear and logistic models default to their coefficients, standardized by each feature's spread on DATA when `on DATA` is given.",
                "`method permutation on DATA` works for every model: how much the default metric drops when a feature is shuffled (mean and std over `repeats`, default 5).",
                "Features are named as the pipeline produced them (`island=Dream`, `pc2`). The result is a dataset.",
            ],
            examples: ["importance best", "importance m method permutation on test repeats 10"]),
        HelpTopic(
            "shap", .command, usage: "shap MODEL on DATA [limit N] [row I] [background N] [class \"x\"] [seed S]",
            summary: "SHAP values: how much each feature moved each row's output, with the base value",
            details: [
                "Exact path-dependent TreeSHAP for tree, forest and boost; exact linear SHAP for linear and logistic (background: the mean of DATA); Kernel SHAP for the others, with a background of `background` k-means centers of DATA (default 50).",
                "Boosted and logistic models are explained in margin (log-odds) space; base value plus a row's contributions equals the model's raw output.",
                "Binary models explain the positive (second) class, multiclass models each row's predicted class; `class \"x\"` chooses one.",
                "`limit N` explains the first N rows; `row I` shows one row (numbered from 0) as a waterfall.",
            ],
            examples: ["shap best on test limit 200", "shap best on test row 3", "(shap best on test).values | head 5"]),
        HelpTopic(
            "export", .command, usage: "export MODEL to \"FILE.json\" as shap",
            summary: "write a tree model in shap's custom tree format, for `shap.TreeExplainer` in Python",
            details: ["Per tree: children_left, children_right, children_default, features, thresholds, values, node_sample_weight."],
            examples: ["export best to \"trees.json\" as shap"]),
        HelpTopic(
            "explanation", .type, usage: "shap MODEL on DATA", summary: "SHAP values of a model on some rows",
            details: ["Shows the global summary (mean |SHAP| per feature) with a beeswarm chart, or one row as a waterfall."],
            examples: ["e = shap best on test", "e.values", "e.summary"],
            members: [
                .init(name: "values", type: "dataset", summary: "one column per feature, then `base` and `output` (and `class`)"),
                .init(name: "summary", type: "dataset", summary: "mean |SHAP| per feature, largest first"),
                .init(name: "base", type: "number", summary: "the base value (the expected output)"),
                .init(name: "features", type: "dataset", summary: "the feature values the model saw, as the pipeline produced them"),
            ]),
        HelpTopic(
            "tune", .command,
            usage: "tune PIPELINE on DATA target COL [metric M] [search tpe|random|grid] [trials N] [parallel P] [cv K | holdout R] [seed S] [stop after N]",
            summary: "search hyperparameters (and whole stages or models) for the best validation score",
            details: [
                "Any hyperparameter may hold a space: `uniform(lo, hi)`, `loguniform(lo, hi)`, `int(lo, hi)`, `quniform(lo, hi, q)`, `normal(mu, sigma)`, `choice(a, b, ...)` or a list of grid candidates `[a, b]`. `choice(logistic(...), boost(...))` searches models with their own spaces.",
                "Defaults: `search tpe` (Hyperopt's Tree-structured Parzen Estimator), `trials 30`, `cv 3`, `parallel` the session's setting. `grid` enumerates every combination.",
                "Every trial fits the whole pipeline inside every fold, on the same folds. Results are the same for a seed whatever `parallel` is. `stop after N` ends the search after N trials without improvement; an interrupt keeps the finished trials.",
                "The result shows the best parameters, the trials best first and a convergence chart; `.best` is the best pipeline refitted on all of DATA, `.trials` the trial table as a dataset.",
            ],
            examples: [
                "t = tune prep | boost(rounds=int(50, 400), rate=loguniform(0.01, 0.3), depth=choice(3, 4, 6)) on train target species metric f1 trials 40 cv 5 seed 7",
                "t = tune prep | choice(logistic(reg=loguniform(0.001, 10)), knn(k=int(1, 30))) on train target species",
                "best = t.best",
            ]),
        HelpTopic(
            "tuning", .type, usage: "tune PIPELINE on DATA target COL", summary: "the trials and best pipeline of a `tune`",
            examples: ["t.best", "t.trials | sort auc desc | head 5", "t.params"],
            members: [
                .init(name: "best", type: "model", summary: "the best pipeline refitted on all of the data"),
                .init(name: "trials", type: "dataset", summary: "trial, model, one column per hyperparameter path, the metric, its std, seconds"),
                .init(name: "params", type: "dataset", summary: "the best trial's parameters"),
            ]),
    ] + metrics

    static let metrics: [HelpTopic] = [
        ("accuracy", "share of rows whose most probable class is right"),
        ("precision", "precision per class, averaged weighted by class support"),
        ("recall", "recall per class, averaged weighted by class support"),
        ("f1", "F1 per class, averaged weighted by class support; the default for more than two classes"),
        ("auc", "area under the ROC curve; one-vs-rest mean for more than two classes; the default for two"),
        ("pr_auc", "average precision (area under the precision-recall curve)"),
        ("logloss", "mean negative log-likelihood of the true class"),
        ("rmse", "root mean squared error; the default for numbers"),
        ("mae", "mean absolute error"),
        ("mse", "mean squared error"),
        ("r2", "coefficient of determination"),
    ].map { name, summary in
        HelpTopic(name, .metric, usage: name, summary: summary, examples: ["evaluate m on test metrics \(name)"])
    }
}
