// Help for datasets: sources, operations after `|`, and the data commands.

extension HelpCatalog {
    static let data: [HelpTopic] = [
        HelpTopic(
            "load", .command, usage: "load \"FILE.csv\" [sep \";\"] [types {COL: string}] | load sample NAME | load synthetic TASK ... | load model \"FILE.json\" | load run ID | load table NAME | load sql QUERY",
            summary: "a dataset from a CSV/TSV file, a shipped sample or a generator",
            details: [
                "Files: csv, or tsv by extension; a header row is required. Column types are inferred: number (empty cells, `NA`, `NaN` and `null` are missing), bool, or string. `types {zip: string}` overrides the inference.",
                "A malformed file is an error that names the file, the line and the column.",
                "Samples: `iris`, `wine`, `breast_cancer`, `diabetes`, `penguins`, `titanic`.",
                "`load model \"FILE.json\"` reads a model written by `save`; `load run ID` restores the model a tracked run fitted.",
                "On the Spark engine (`engine spark`), `load \"PATH\"` is read by the cluster (csv, tsv, parquet, json, orc), `load table \"NAME\"` reads a table of its catalog and `load sql \"SELECT ...\"` runs a query; samples and synthetic data stay local until `upload`.",
                "Synthetic: `load synthetic classification rows N features F informative I redundant R classes C separation S seed S` or `load synthetic regression rows N features F informative I noise X seed S`; deterministic for a seed.",
            ],
            examples: [
                "d = load \"notebooks/data/file.csv\"", "d = load \"file.csv\" sep \";\" types {zip: string}",
                "penguins = load sample \"penguins\"", "d = load synthetic classification rows 1000 features 20 informative 8 seed 1",
            ]),
        HelpTopic(
            "split", .command, usage: "split DATA FRACTION[, FRACTION...] [stratify COL] [seed S]",
            summary: "random parts of a dataset, reproducible for a seed",
            details: [
                "`split d 0.8` gives two parts of 80% and 20%; `split d 0.6, 0.2, 0.2` gives three.",
                "`stratify COL` keeps each class's proportion in every part. Without `seed`, the session's seed (`set seed`) is used.",
            ],
            examples: ["train, test = split penguins 0.8 stratify species seed 42", "a, b, c = split d 0.6, 0.2, 0.2"]),
        HelpTopic(
            "describe", .command, usage: "describe DATA",
            summary: "per column: type, count, missing, mean, std, min, quartiles, max, distinct and the top value",
            details: ["Statistics skip missing values; std is the sample standard deviation."],
            examples: ["describe penguins"]),
        HelpTopic(
            "show", .command, usage: "show DATA [limit N]", summary: "the dataset as a table, N rows at most",
            details: ["Without `limit`, `set rows` decides; long tables show their first and last rows."],
            examples: ["show penguins limit 5"]),
        HelpTopic(
            "columns", .command, usage: "columns DATA", summary: "each column's name, type, missing and distinct counts",
            examples: ["columns penguins"]),
        HelpTopic(
            "save", .command, usage: "save DATA to \"FILE.csv\" | save DATA to table \"NAME\"", summary: "write a dataset as CSV that `load` reads back",
            details: [
                "A Spark dataset is written by the cluster, in the format the extension names (parquet, csv, tsv, json, orc); `save DATA to table \"NAME\"` writes a table of the cluster's catalog.",
            ],
            examples: ["save train to \"train.csv\""]),
        HelpTopic(
            "engine", .command, usage: "engine | engine spark \"sc://HOST:PORT\" | engine local",
            summary: "where new tables live: the kernel (local, the default) or a Spark cluster",
            details: [
                "`engine spark \"sc://HOST:15002\"` connects to a Spark Connect server and makes it the session's engine: `load \"PATH\"` is read by the cluster, and `load table`, `load sql` name its catalog. The address takes Spark's options after `/;`: `token=...`, `user_id=...`, `use_ssl=true`.",
                "A Spark dataset is a plan: data operations and `split` extend it and nothing runs until rows are shown, counted (`.rows`), described or collected; showing fetches only the rows shown.",
                "`engine local` makes new tables local again; Spark datasets already bound stay on the cluster. `engine` alone says which engine, its version, master and parallelism.",
                "Training on a Spark dataset is not available yet: `collect` it (or a sample) first.",
            ],
            examples: ["engine spark \"sc://127.0.0.1:15002\"", "engine", "engine local"]),
        HelpTopic(
            "collect", .command, usage: "collect DATA [limit N]", summary: "a Spark dataset's rows brought into the kernel as a local dataset",
            details: ["The rows come as Arrow batches and are decoded as they arrive; `limit N` fetches the first N only."],
            examples: ["late = collect (flights | where delay > 60) limit 10000"]),
        HelpTopic(
            "upload", .command, usage: "upload DATA", summary: "a local dataset sent to the session's engine (a Spark cluster)",
            details: [
                "The rows go as Arrow, in chunks, and stay on the cluster for the session; a join of a Spark dataset with a small local one (up to 100,000 rows) uploads it on the fly.",
            ],
            examples: ["penguins = upload (load sample \"penguins\")"]),
        HelpTopic(
            "where", .command, usage: "DATA | where EXPR", summary: "keep the rows where the expression is true",
            details: [
                "Names are columns, or else values bound in the session. Missing values make comparisons unknown, and only true rows are kept.",
            ],
            examples: ["penguins | where bill_length_mm > 40 and sex == \"female\"", "d | where island in [\"Dream\", \"Biscoe\"]"]),
        HelpTopic(
            "derive", .command, usage: "DATA | derive NAME = EXPR, ...", summary: "add (or replace) columns computed per row",
            details: ["Later definitions can use earlier ones."],
            examples: ["d | derive family = sibsp + parch + 1, log_fare = log(fare + 1)"]),
        HelpTopic("select", .command, usage: "DATA | select COL, ...", summary: "keep these columns, in this order", examples: ["d | select name, age"]),
        HelpTopic("drop", .command, usage: "DATA | drop COL, ...", summary: "remove these columns", examples: ["d | drop ticket, cabin"]),
        HelpTopic("rename", .command, usage: "DATA | rename OLD as NEW, ...", summary: "rename columns", examples: ["d | rename sibsp as siblings"]),
        HelpTopic(
            "sort", .command, usage: "DATA | sort COL [desc], ...", summary: "order rows by columns (stable; missing last)",
            examples: ["d | sort fare desc, name"]),
        HelpTopic("head", .command, usage: "DATA | head N", summary: "the first N rows", examples: ["d | head 10"]),
        HelpTopic("tail", .command, usage: "DATA | tail N", summary: "the last N rows", examples: ["d | tail 10"]),
        HelpTopic(
            "sample", .command, usage: "DATA | sample N|FRACTION [seed S]", summary: "random rows without replacement",
            details: ["A number below 1 is a fraction of the rows; otherwise a row count."],
            examples: ["d | sample 0.1 seed 3", "d | sample 100"]),
        HelpTopic(
            "dropna", .command, usage: "DATA | dropna [COL, ...]", summary: "remove rows with a missing value (in these columns)",
            examples: ["d | dropna age"]),
        HelpTopic(
            "distinct", .command, usage: "DATA | distinct [COL, ...]", summary: "keep the first of equal rows (by these columns)",
            examples: ["d | distinct species, island"]),
        HelpTopic(
            "group", .command, usage: "DATA | group COL, ... aggregate NAME = AGG(COL), ...",
            summary: "one row per group with aggregates",
            details: ["Aggregates: `count()`, `mean`, `sum`, `min`, `max`, `median`, `std`, `var`, `distinct_count`, `first`, `last`; they skip missing values."],
            examples: ["penguins | group species aggregate n = count(), mass = mean(body_mass_g)"]),
        HelpTopic(
            "join", .command, usage: "DATA | join OTHER on KEY, ... [left|inner]",
            summary: "combine rows with equal keys (inner by default)",
            details: ["Other columns with the same name get the suffix `_right`."],
            examples: ["orders | join customers on customer_id left"]),
        HelpTopic(
            "dataset", .type, usage: "load ..., DATA | OPERATION", summary: "a table of named, typed columns",
            details: [
                "Columns are number (missing is `null`), string or bool. Operations return a new dataset; the input never changes.",
                "`|` chains operations: `where`, `derive`, `select`, `drop`, `rename`, `sort`, `head`, `tail`, `sample`, `dropna`, `distinct`, `group`, `join`.",
            ],
            examples: ["penguins.columns", "penguins.rows"],
            members: [
                .init(name: "rows", type: "number", summary: "the number of rows"),
                .init(name: "columns", type: "list", summary: "the column names"),
                .init(name: "types", type: "list", summary: "the column types, in column order"),
            ]),
    ]
}
