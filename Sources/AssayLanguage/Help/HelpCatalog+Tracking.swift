// Help for tracking: experiments, runs, the run type, where runs are kept.

extension HelpCatalog {
    static let tracking: [HelpTopic] = [
        HelpTopic(
            "experiment", .command, usage: "experiment [\"NAME\"]",
            summary: "put the next runs in an experiment (created when new), or show the current one",
            details: [
                "Runs go to the experiment `Default` until one is named. `runs` lists the current experiment's runs.",
                "On an MLflow server the experiment is MLflow's experiment of that name.",
            ],
            examples: ["experiment \"penguins\"", "experiment"]),
        HelpTopic(
            "runs", .command, usage: "runs [where EXPR] [order by FIELD [asc|desc]] [limit N]",
            summary: "the tracked runs of the current experiment, as a dataset",
            details: [
                "Every `fit` is a run (a board is a parent run with one child run per model), and so is every `evaluate` of a model.",
                "Columns: `id`, `name`, `status`, `model`, `start`, `duration` (seconds), then `metrics.*`, `params.*` and `tags.*`.",
                "Fields in `where` and `order by`: `metrics.NAME`, `params.NAME`, `tags.NAME`, `status`, `start`, `duration`, `model`, `name`, `id`, `parent`. Metrics are `train_auc` on the training data, `auc` and `auc_std` over validation folds, and the scores of `evaluate`.",
                "A run without the field never matches a comparison. Params and tags compare as numbers against a number and as text against a string; `start` takes a date (`\"2025-06-01\"`) or milliseconds.",
                "Newest first unless ordered; runs without the ordering field come last.",
            ],
            examples: [
                "runs", "runs where metrics.f1 > 0.9 order by metrics.f1 desc limit 5",
                "runs where model == \"boost\" and params.boost.rate < 0.1", "runs where status == \"FAILED\"",
            ]),
        HelpTopic(
            "compare", .command, usage: "compare runs ID, ID, ...",
            summary: "runs side by side: one row per param, metric and tag, one column per run",
            details: ["`differs` is true where the runs' values are not all the same."],
            examples: ["compare runs \"4f2a9c\", \"b71e03\"", "compare runs \"4f2a9c\", \"b71e03\" | where differs"]),
        HelpTopic(
            "track", .command, usage: "track [to \"PATH_OR_URI\"] [token TOKEN] [user USER password PASSWORD]",
            summary: "keep runs in another SQLite file or on an MLflow tracking server; alone, say where they go",
            details: [
                "By default runs go to `assay-runs.db` in the kernel's working directory, or where the environment variable `ASSAY_TRACKING` says.",
                "`track to \"http://host:port\"` logs to an MLflow server through its REST API: experiments, runs, params, metrics, tags, parent links and the model as an artifact.",
                "`https://` addresses are checked against the system's trusted certificates; `MLFLOW_TRACKING_SERVER_CERT_PATH` adds a CA's PEM file, `MLFLOW_TRACKING_INSECURE_TLS=true` skips the check.",
                "Credentials come from `MLFLOW_TRACKING_TOKEN` (a bearer token) or `MLFLOW_TRACKING_USERNAME` and `MLFLOW_TRACKING_PASSWORD`, as for MLflow's own client; `token` or `user` and `password` set them for this session instead. They are never shown, logged or tagged.",
                "Tracking never makes a cell fail: if the store cannot be written, a warning says so once and the work goes on.",
            ],
            examples: [
                "track to \"runs/penguins.db\"", "track to \"http://127.0.0.1:5000\"", "track to \"https://mlflow.example.com\" user \"ana\" password secret", "track",
            ]),
        HelpTopic(
            "export", .command, usage: "export runs [where EXPR] to \"http://host:port\"",
            summary: "copy runs of the embedded store to an MLflow tracking server",
            details: [
                "Copies experiments by name, params, every metric value with its step, tags, parent links, status, times and models.",
                "Runs already exported are skipped, so exporting again copies only the new ones.",
            ],
            examples: ["export runs to \"http://127.0.0.1:5000\"", "export runs where status == \"FINISHED\" to \"http://127.0.0.1:5000\""]),
        HelpTopic(
            "run", .type, usage: "run ID",
            summary: "one tracked run: its params, metrics (best, min, max, last over steps), tags and child runs",
            details: [
                "ID is the run's id as `runs` shows it, as a string (a unique prefix is enough in the embedded store); a model shows the run that fitted it.",
                "Best is the highest value for scores (auc, f1, r2, ...) and the lowest for errors and losses (rmse, logloss, ...).",
                "`m = load run ID` restores the model the run fitted.",
            ],
            examples: ["run \"4f2a9c\"", "r = run \"4f2a9c\"", "r.metrics", "r.children"],
            members: [
                .init(name: "id", type: "string", summary: "the run's id"),
                .init(name: "name", type: "string", summary: "the run's name"),
                .init(name: "status", type: "string", summary: "RUNNING, FINISHED, FAILED or KILLED"),
                .init(name: "model", type: "string", summary: "the kind of model it fitted or evaluated"),
                .init(name: "params", type: "dataset", summary: "name and value of each param"),
                .init(name: "metrics", type: "dataset", summary: "each metric with its best, min, max and last value and its steps"),
                .init(name: "history", type: "dataset", summary: "every logged metric value with its step and time"),
                .init(name: "tags", type: "dataset", summary: "name and value of each tag"),
                .init(name: "children", type: "dataset", summary: "the child runs, as `runs` shows them"),
                .init(name: "duration", type: "number", summary: "seconds from start to end (null while running)"),
                .init(name: "code", type: "string", summary: "the code of the cell that made the run"),
            ]),
    ]
}
