/// Every help topic of the language, and how the overview groups them.
public enum HelpCatalog {
    public static let topics: [HelpTopic] = mergingComponents(into: commands + data + learning + tracking + keywords + functions.map(\.topic) + types + guides)

    public static func topic(named name: String) -> HelpTopic? {
        topics.first { $0.name == name }
    }

    public static var topicNames: [String] { topics.map(\.name) }

    /// The overview's sections: a title and the topics listed under it. Stages and models are
    /// listed by their own signatures, even where a function shares the name (`log`).
    public static var overview: [(title: String, topics: [HelpTopic])] {
        sections.map { title, names in
            let components = title == "Stages" || title == "Models"
            return (title, names.compactMap { components ? ComponentCatalog.named($0)?.topic : topic(named: $0) })
        }
    }

    static let sections: [(title: String, topics: [String])] = [
        ("Output", ["print", "warn", "clear"]),
        ("Data", ["load", "describe", "show", "columns", "split", "save"]),
        ("Engines", ["engine", "collect", "upload"]),
        ("Data operations (after `|`)", PipeStep.operations),
        ("Stages", ComponentCatalog.stageNames),
        ("Models", ComponentCatalog.modelNames),
        ("Training", ["fit", "evaluate", "predict", "tune"]),
        ("Explanations", ["importance", "shap", "export"]),
        ("Tracking", ["experiment", "runs", "run", "compare", "track"]),
        ("Metrics", metrics.map(\.name)),
        ("Session", ["vars", "set", "sleep", "help", "exit"]),
    ]

    /// The scalar functions callable in expressions.
    public static let functions: [BuiltinFunction] = [
        BuiltinFunction(FunctionSignature("log", [.init("x")]), "natural logarithm; `log(0)` is `-inf`", examples: ["log(exp(2))  # 2"]),
        BuiltinFunction(FunctionSignature("exp", [.init("x")]), "e raised to `x`", examples: ["exp(0)  # 1"]),
        BuiltinFunction(FunctionSignature("sqrt", [.init("x")]), "square root; negative numbers give `nan`", examples: ["sqrt(16)  # 4"]),
        BuiltinFunction(FunctionSignature("abs", [.init("x")]), "absolute value", examples: ["abs(-3)  # 3"]),
        BuiltinFunction(
            FunctionSignature("round", [.init("x"), .init("digits", optional: true)]),
            "rounds half away from zero to `digits` decimals (default 0)", examples: ["round(2.345, digits=2)  # 2.35"]),
        BuiltinFunction(FunctionSignature("floor", [.init("x")]), "largest integer not above `x`", examples: ["floor(2.7)  # 2"]),
        BuiltinFunction(FunctionSignature("ceil", [.init("x")]), "smallest integer not below `x`", examples: ["ceil(2.1)  # 3"]),
        BuiltinFunction(
            FunctionSignature("min", [.init("values")], variadic: true),
            "smallest of its arguments, or of a single list; nulls are skipped", examples: ["min(3, 1, 2)  # 1", "min([4, 5])  # 4"]),
        BuiltinFunction(
            FunctionSignature("max", [.init("values")], variadic: true),
            "largest of its arguments, or of a single list; nulls are skipped", examples: ["max(3, 1, 2)  # 3"]),
        BuiltinFunction(
            FunctionSignature("clip", [.init("x"), .init("lo", optional: true), .init("hi", optional: true)]),
            "limits `x` to the range `lo`..`hi`; a missing bound does not limit", examples: ["clip(12, 0, 10)  # 10", "clip(-1, lo=0)  # 0"]),
        BuiltinFunction(
            FunctionSignature("if", [.init("cond"), .init("a"), .init("b")]),
            "`a` when `cond` is true, otherwise `b`", examples: ["if(2 > 1, \"yes\", \"no\")  # \"yes\""]),
        BuiltinFunction(
            FunctionSignature("coalesce", [.init("values")], variadic: true),
            "the first argument that is not null", examples: ["coalesce(null, 3)  # 3"]),
        BuiltinFunction(FunctionSignature("lower", [.init("s")]), "the string in lower case", examples: ["lower(\"Adelie\")  # \"adelie\""]),
        BuiltinFunction(FunctionSignature("upper", [.init("s")]), "the string in upper case", examples: ["upper(\"dream\")  # \"DREAM\""]),
        BuiltinFunction(
            FunctionSignature("len", [.init("x")]), "the number of characters of a string or elements of a list",
            examples: ["len(\"abc\")  # 3", "len([1, 2])  # 2"]),
        BuiltinFunction(
            FunctionSignature("contains", [.init("s"), .init("x")]),
            "whether string `s` contains the text `x`, or list `s` contains the value `x`",
            examples: ["contains(\"penguin\", \"gui\")  # true"]),
    ]

    public static func function(named name: String) -> BuiltinFunction? {
        functions.first { $0.signature.name == name }
    }

    /// The members of a type, as `.` completes them and the evaluator accepts them.
    public static func members(of type: String) -> [HelpTopic.Member] {
        topic(named: type).flatMap { $0.kind == .type ? $0.members : nil } ?? []
    }
}

/// A scalar function: its signature and its help.
public struct BuiltinFunction: Sendable {
    public var signature: FunctionSignature
    public var summary: String
    public var examples: [String]

    init(_ signature: FunctionSignature, _ summary: String, examples: [String]) {
        self.signature = signature
        self.summary = summary
        self.examples = examples
    }

    var topic: HelpTopic {
        HelpTopic(
            signature.name, .function, usage: signature.usage, summary: summary,
            details: ["Works on single values; null in gives null out, except for `coalesce` and `if`."],
            examples: examples)
    }
}
