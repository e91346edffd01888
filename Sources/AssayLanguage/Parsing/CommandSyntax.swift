/// How a command is written: its operands in order and the clauses it accepts.
///
/// The parser reads every command from this table, so a new command is a new entry here plus a
/// handler in the kernel.
public struct CommandSyntax: Sendable {
    /// One operand: an expression, or a word from a known set (or any word, when `choices` is nil).
    public struct OperandSyntax: Sendable {
        public enum Kind: Sendable {
            case expression
            case word(noun: String, choices: [String]?)
        }

        public var label: String
        /// How usage lines show it: `EXPR`, `SECONDS`.
        public var placeholder: String
        public var kind: Kind
        public var isOptional: Bool

        public static func expression(_ label: String, _ placeholder: String, optional: Bool = false) -> OperandSyntax {
            OperandSyntax(label: label, placeholder: placeholder, kind: .expression, isOptional: optional)
        }

        public static func word(
            _ label: String, _ placeholder: String, noun: String, choices: [String]?, optional: Bool = false
        ) -> OperandSyntax {
            OperandSyntax(label: label, placeholder: placeholder, kind: .word(noun: noun, choices: choices), isOptional: optional)
        }
    }

    /// A clause: a keyword, optionally followed by one operand.
    public struct ClauseSyntax: Sendable {
        public var keyword: String
        public var operand: OperandSyntax?
    }

    public var name: String
    public var operands: [OperandSyntax]
    public var clauses: [ClauseSyntax]

    public init(_ name: String, operands: [OperandSyntax] = [], clauses: [ClauseSyntax] = []) {
        self.name = name
        self.operands = operands
        self.clauses = clauses
    }

    /// `set [SETTING] [VALUE]`, as help and errors show it.
    public var usage: String {
        var parts = [name]
        for operand in operands {
            parts.append(operand.isOptional ? "[\(operand.placeholder)]" : operand.placeholder)
        }
        for clause in clauses {
            parts.append("[\(clause.keyword)\(clause.operand.map { " " + $0.placeholder } ?? "")]")
        }
        return parts.joined(separator: " ")
    }
}

extension CommandSyntax {
    /// Every statement-level command of the language.
    public static let all: [CommandSyntax] = [
        CommandSyntax("print", operands: [.expression("value", "EXPR")]),
        CommandSyntax("warn", operands: [.expression("value", "EXPR")]),
        CommandSyntax("clear"),
        CommandSyntax("vars"),
        CommandSyntax(
            "set",
            operands: [
                .word("setting", "SETTING", noun: "setting", choices: Setting.allCases.map(\.rawValue), optional: true),
                .expression("value", "VALUE", optional: true),
            ]),
        CommandSyntax("help", operands: [.word("topic", "TOPIC", noun: "help topic", choices: nil, optional: true)]),
        CommandSyntax("sleep", operands: [.expression("seconds", "SECONDS")]),
        CommandSyntax("describe", operands: [.expression("data", "DATA")]),
        CommandSyntax("show", operands: [.expression("data", "DATA")], clauses: [.init(keyword: "limit", operand: .expression("limit", "N"))]),
        CommandSyntax("columns", operands: [.expression("data", "DATA")]),
        // `save DATA to table "NAME"` writes a catalog table of the dataset's engine.
        CommandSyntax(
            "save", operands: [.expression("value", "DATA_OR_MODEL")],
            clauses: [.init(keyword: "to", operand: .expression("path", "\"FILE\"", optional: true)), .init(keyword: "table", operand: .expression("table", "\"NAME\""))]),
        CommandSyntax(
            "engine",
            operands: [
                .word("kind", "local|spark", noun: "engine", choices: ["local", "spark"], optional: true),
                .expression("uri", "\"sc://HOST:PORT\"", optional: true),
            ]),
        CommandSyntax("experiment", operands: [.expression("name", "\"NAME\"", optional: true)]),
        // `token`, or `user` and `password`: a session's credentials for an MLflow server.
        CommandSyntax(
            "track",
            clauses: [
                .init(keyword: "to", operand: .expression("location", "\"PATH_OR_URI\"")),
                .init(keyword: "token", operand: .expression("token", "TOKEN")),
                .init(keyword: "user", operand: .expression("user", "USER")),
                .init(keyword: "password", operand: .expression("password", "PASSWORD")),
            ]),
        // `export runs [where EXPR] to "URI"` copies runs; `export MODEL to "FILE" as shap` writes trees.
        CommandSyntax(
            "export", operands: [.expression("value", "MODEL_OR_RUNS")],
            clauses: [
                .init(keyword: "to", operand: .expression("destination", "\"FILE_OR_URI\"")),
                .init(keyword: "as", operand: .word("format", "FORMAT", noun: "export format", choices: ["shap"])),
            ]),
        CommandSyntax("exit"),
        CommandSyntax("quit"),
    ]

    public static func named(_ name: String) -> CommandSyntax? {
        all.first { $0.name == name }
    }

    public static var names: [String] { all.map(\.name) }
}
