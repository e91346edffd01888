/// The tables of the embedded store. `metric_history` keeps every logged value, clustered by
/// run and key (a point is its run, key, step, timestamp and value, so logging the same point
/// twice keeps one); `latest_metrics` keeps the last one per key. Params, tags and latest
/// metrics are indexed by key and value, so a filter finds its runs by a range scan instead of
/// looking at every run.
///
/// A key of a WITHOUT ROWID table cannot be null, and SQLite stores NaN as null, so the
/// history keeps NaN as the text `NaN` (the column has no type, so text stays text).
enum SQLiteSchema {
    /// Version 2 moved the history from `metrics` (a rowid table with an index) to
    /// `metric_history`, which one logged point changes in one B-tree instead of two.
    static let version = 2

    /// The history's stand-in for NaN.
    static let notANumber = "NaN"

    /// Moves a version 1 store's history into `metric_history`; run only when `metrics` exists.
    static let migrateFromVersion1 = """
        INSERT OR IGNORE INTO metric_history (run_id, key, step, timestamp, value)
            SELECT run_id, key, step, timestamp, coalesce(value, 'NaN') FROM metrics;
        DROP TABLE metrics;
        """

    static let statements = """
        CREATE TABLE IF NOT EXISTS experiments (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS runs (
            id TEXT PRIMARY KEY,
            experiment_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            parent_id TEXT,
            status TEXT NOT NULL,
            start_time INTEGER NOT NULL,
            end_time INTEGER,
            updated INTEGER NOT NULL,
            model TEXT,
            code TEXT,
            host TEXT,
            pid INTEGER,
            process_start TEXT
        );
        CREATE INDEX IF NOT EXISTS runs_by_experiment ON runs (experiment_id, start_time);
        CREATE INDEX IF NOT EXISTS runs_by_parent ON runs (parent_id);
        CREATE INDEX IF NOT EXISTS runs_by_status ON runs (status);
        CREATE TABLE IF NOT EXISTS params (
            run_id TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            number REAL,
            PRIMARY KEY (run_id, key)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS tags (
            run_id TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            number REAL,
            PRIMARY KEY (run_id, key)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS metric_history (
            run_id TEXT NOT NULL,
            key TEXT NOT NULL,
            step INTEGER NOT NULL,
            timestamp INTEGER NOT NULL,
            value NOT NULL,
            PRIMARY KEY (run_id, key, step, timestamp, value)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS params_by_value ON params (key, value);
        CREATE INDEX IF NOT EXISTS params_by_number ON params (key, number);
        CREATE INDEX IF NOT EXISTS tags_by_value ON tags (key, value);
        CREATE INDEX IF NOT EXISTS tags_by_number ON tags (key, number);
        CREATE TABLE IF NOT EXISTS latest_metrics (
            run_id TEXT NOT NULL,
            key TEXT NOT NULL,
            value REAL,
            step INTEGER NOT NULL,
            timestamp INTEGER NOT NULL,
            PRIMARY KEY (run_id, key)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS latest_metrics_by_value ON latest_metrics (key, value);
        CREATE TABLE IF NOT EXISTS artifacts (
            run_id TEXT NOT NULL,
            name TEXT NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (run_id, name)
        ) WITHOUT ROWID;
        """
}
