import SparkConnect

/// Building blocks of Spark Connect expressions: columns, literals, calls by function name.
typealias SparkExpression = Spark_Connect_Expression

extension Spark_Connect_Expression {
    /// A column by name, quoted so dots, spaces and backticks in names are taken literally.
    static func column(_ name: String) -> SparkExpression {
        .with { $0.unresolvedAttribute = .with { $0.unparsedIdentifier = quoted(name) } }
    }

    /// `` `name` `` with backticks doubled, as Spark parses identifiers.
    static func quoted(_ name: String) -> String {
        "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
    }

    static func number(_ value: Double) -> SparkExpression {
        value.isNaN ? null(.with { $0.double = .init() }) : .with { $0.literal = .with { $0.double = value } }
    }

    static func integer(_ value: Int) -> SparkExpression {
        .with { $0.literal = .with { $0.long = Int64(value) } }
    }

    static func string(_ value: String) -> SparkExpression {
        .with { $0.literal = .with { $0.string = value } }
    }

    static func bool(_ value: Bool) -> SparkExpression {
        .with { $0.literal = .with { $0.boolean = value } }
    }

    /// A typed null; an untyped one takes its type from where it is used.
    static func null(_ type: Spark_Connect_DataType = .with { $0.null = .init() }) -> SparkExpression {
        .with { $0.literal = .with { $0.null = type } }
    }

    static let missingNumber = null(.with { $0.double = .init() })

    /// A Spark function by its registered name (`+`, `and`, `ln`, `count`, ...).
    static func call(_ name: String, _ arguments: SparkExpression..., distinct: Bool = false) -> SparkExpression {
        call(name, arguments, distinct: distinct)
    }

    static func call(_ name: String, _ arguments: [SparkExpression], distinct: Bool = false) -> SparkExpression {
        .with {
            $0.unresolvedFunction = .with {
                $0.functionName = name
                $0.arguments = arguments
                $0.isDistinct = distinct
            }
        }
    }

    /// Spark SQL text, parsed by the server (window functions, which have no message of their own here).
    static func sql(_ text: String) -> SparkExpression {
        .with { $0.expressionString = .with { $0.expression = text } }
    }

    func cast(to type: String) -> SparkExpression {
        let input = self
        return .with { $0.cast = .with { $0.expr = input; $0.typeStr = type } }
    }

    func named(_ name: String) -> SparkExpression {
        let input = self
        return .with { $0.alias = .with { $0.expr = input; $0.name = [name] } }
    }

    /// An ordering key; missing values last in either direction.
    func ordered(descending: Bool) -> SparkExpression {
        let input = self
        return .with {
            $0.sortOrder = .with {
                $0.child = input
                $0.direction = descending ? .descending : .ascending
                $0.nullOrdering = .sortNullsLast
            }
        }
    }

    /// `if(condition, then, else)`: only the branch taken is evaluated.
    static func choose(_ condition: SparkExpression, _ then: SparkExpression, _ otherwise: SparkExpression) -> SparkExpression {
        call("if", condition, then, otherwise)
    }

    static func isMissing(_ value: SparkExpression) -> SparkExpression { call("isnull", value) }

    /// NaN as a missing value: Assay has one kind of missing number, Spark two.
    static func nanAsMissing(_ value: SparkExpression) -> SparkExpression { choose(call("isnan", value), missingNumber, value) }
}
