import Foundation
import SparkConnect

/// Building blocks of Spark Connect relations: each wraps its input in one more plan node.
typealias SparkRelation = Spark_Connect_Relation

extension Spark_Connect_Relation {
    static func sql(_ query: String) -> SparkRelation {
        .with { $0.sql = .with { $0.query = query } }
    }

    static func table(_ name: String) -> SparkRelation {
        .with { $0.read = .with { $0.namedTable = .with { $0.unparsedIdentifier = name } } }
    }

    /// Files read by the cluster; `schema` (DDL) instead of inference when given.
    static func files(_ paths: [String], format: String, options: [String: String], schema: String? = nil) -> SparkRelation {
        .with {
            $0.read = .with {
                $0.dataSource = .with {
                    $0.format = format
                    $0.paths = paths
                    $0.options = options
                    if let schema { $0.schema = schema }
                }
            }
        }
    }

    /// Rows sent with the plan, as Arrow IPC bytes, with their schema in DDL.
    static func local(arrow: [UInt8], schema: String) -> SparkRelation {
        .with { $0.localRelation = .with { $0.data = Data(arrow); $0.schema = schema } }
    }

    func project(_ expressions: [SparkExpression]) -> SparkRelation {
        let input = self
        return .with { $0.project = .with { $0.input = input; $0.expressions = expressions } }
    }

    func filter(_ condition: SparkExpression) -> SparkRelation {
        let input = self
        return .with { $0.filter = .with { $0.input = input; $0.condition = condition } }
    }

    /// Adds (or replaces, in place) columns computed from this relation's columns.
    func withColumns(_ columns: [(name: String, value: SparkExpression)]) -> SparkRelation {
        let input = self
        return .with {
            $0.withColumns = .with {
                $0.input = input
                $0.aliases = columns.map { column in .with { $0.expr = column.value; $0.name = [column.name] } }
            }
        }
    }

    func drop(_ names: [String]) -> SparkRelation {
        let input = self
        return .with { $0.drop = .with { $0.input = input; $0.columnNames = names } }
    }

    func renamed(_ pairs: [(old: String, new: String)]) -> SparkRelation {
        let input = self
        return .with {
            $0.withColumnsRenamed = .with {
                $0.input = input
                $0.renames = pairs.map { pair in .with { $0.colName = pair.old; $0.newColName = pair.new } }
            }
        }
    }

    func sorted(_ order: [SparkExpression]) -> SparkRelation {
        let input = self
        return .with { $0.sort = .with { $0.input = input; $0.order = order.map(\.sortOrder); $0.isGlobal = true } }
    }

    func limit(_ count: Int) -> SparkRelation {
        let input = self
        return .with { $0.limit = .with { $0.input = input; $0.limit = Int32(clamping: count) } }
    }

    func tail(_ count: Int) -> SparkRelation {
        let input = self
        return .with { $0.tail = .with { $0.input = input; $0.limit = Int32(clamping: count) } }
    }

    func sample(fraction: Double, seed: UInt64) -> SparkRelation {
        let input = self
        return .with {
            $0.sample = .with {
                $0.input = input
                $0.lowerBound = 0
                $0.upperBound = fraction
                $0.withReplacement = false
                $0.seed = Int64(bitPattern: seed)
            }
        }
    }

    /// Rows without a missing value in `columns` (in any column when empty).
    func droppingMissing(_ columns: [String]) -> SparkRelation {
        let input = self
        return .with { $0.dropNa = .with { $0.input = input; $0.cols = columns } }
    }

    func deduplicated(_ columns: [String]?) -> SparkRelation {
        let input = self
        return .with {
            $0.deduplicate = .with {
                $0.input = input
                if let columns { $0.columnNames = columns } else { $0.allColumnsAsKeys = true }
            }
        }
    }

    func aggregate(keys: [SparkExpression], _ aggregates: [SparkExpression]) -> SparkRelation {
        let input = self
        return .with {
            $0.aggregate = .with {
                $0.input = input
                $0.groupType = .groupby
                $0.groupingExpressions = keys
                $0.aggregateExpressions = aggregates
            }
        }
    }

    func joined(_ other: SparkRelation, using keys: [String], left: Bool) -> SparkRelation {
        let input = self
        return .with {
            $0.join = .with {
                $0.left = input
                $0.right = other
                $0.usingColumns = keys
                $0.joinType = left ? .leftOuter : .inner
            }
        }
    }

    func union(_ other: SparkRelation) -> SparkRelation {
        let input = self
        return .with {
            $0.setOp = .with {
                $0.leftInput = input
                $0.rightInput = other
                $0.setOpType = .union
                $0.isAll = true
                $0.byName = true
            }
        }
    }
}
