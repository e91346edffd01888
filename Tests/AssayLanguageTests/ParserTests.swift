import Testing

@testable import AssayLanguage

/// An expression as a compact S-expression, so precedence reads at a glance.
func sexpr(_ expression: Expression) -> String {
    switch expression.kind {
    case .number(let value): return value == value.rounded() ? String(Int(value)) : String(value)
    case .string(let value): return "\"\(value)\""
    case .bool(let value): return String(value)
    case .null: return "null"
    case .list(let elements): return "[" + elements.map(sexpr).joined(separator: " ") + "]"
    case .name(let name): return name
    case .unary(let op, let operand): return "(\(op.rawValue) \(sexpr(operand)))"
    case .binary(let op, let lhs, let rhs, _): return "(\(op.rawValue) \(sexpr(lhs)) \(sexpr(rhs)))"
    case .isNull(let operand, let negated): return "(\(negated ? "is-not-null" : "is-null") \(sexpr(operand)))"
    case .member(let receiver, let member): return "(. \(sexpr(receiver)) \(member.name))"
    case .call(let callee, let arguments):
        let list = arguments.map { ($0.label.map { $0.name + "=" } ?? "") + sexpr($0.value) }
        return "(\(callee.name) \(list.joined(separator: " ")))"
    }
}

func parseOne(_ code: String) throws -> Expression {
    try Parser.parseExpression(SourceText(code))
}

func parseError(_ code: String) -> String? {
    message { () throws(Diagnostic) in _ = try Parser.parse(SourceText(code)) }
}

@Suite struct ParserTests {
    @Test(arguments: [
        ("1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("(1 + 2) * 3", "(* (+ 1 2) 3)"),
        ("-2^2", "(- (^ 2 2))"),
        ("2^3^2", "(^ 2 (^ 3 2))"),
        ("2^-1", "(^ 2 (- 1))"),
        ("a - b - c", "(- (- a b) c)"),
        ("a or b and not c", "(or a (and b (not c)))"),
        ("not a == b", "(not (== a b))"),
        ("x in [1, 2,]", "(in x [1 2])"),
        ("x not in [1]", "(not in x [1])"),
        ("x is null or y is not null", "(or (is-null x) (is-not-null y))"),
        ("xs.length + 1", "(+ (. xs length) 1)"),
        ("round(x, digits=2)", "(round x digits=2)"),
        ("if(a > 1, \"y\", 'n')", "(if (> a 1) \"y\" \"n\")"),
        ("7 % 3 / 2", "(/ (% 7 3) 2)"),
        ("[]", "[]"),
        ("true != false", "(!= true false)"),
    ])
    func precedence(code: String, expected: String) throws {
        #expect(sexpr(try parseOne(code)) == expected)
    }

    @Test func statementForms() throws {
        let statements = try Parser.parse(SourceText("x = 1\na, b = [1, 2]\nx + 1\nprint x\n?round\nhelp\nset seed 4"))
        #expect(statements.count == 7)
        guard case .bind(let targets, _) = statements[1].kind else {
            Issue.record("expected a binding")
            return
        }
        #expect(targets.map(\.name) == ["a", "b"])
        guard case .command(let print) = statements[3].kind, case .expression(let value)? = print["value"] else {
            Issue.record("expected print")
            return
        }
        #expect(sexpr(value) == "x")
        guard case .pagedHelp(let topic) = statements[4].kind else {
            Issue.record("expected ?round")
            return
        }
        #expect(topic?.name == "round")
        guard case .command(let set) = statements[6].kind, case .word(let setting)? = set["setting"] else {
            Issue.record("expected set")
            return
        }
        #expect(setting.name == "seed")
    }

    @Test func continuationLines() throws {
        let statements = try Parser.parse(SourceText("total = 1 +\n    2 +\n    3\nprint total"))
        #expect(statements.count == 2)
        guard case .bind(_, let value) = statements[0].kind else {
            Issue.record("expected a binding")
            return
        }
        #expect(sexpr(value) == "(+ (+ 1 2) 3)")
    }

    @Test(arguments: [
        ("x = ", "expected an expression, found the end of the input"),
        ("1 +", "expected an expression, found the end of the input"),
        ("[1, 2", "unclosed `[`"),
        ("f(1 2)", "expected `,` or `)`, found a number"),
        ("a < b < c", "comparisons cannot be chained"),
        ("x is 3", "expected `null` after `is`, found a number"),
        ("x y", "unexpected `y` after the end of the statement"),
        ("1 = 2", "cannot assign to this expression"),
        ("print = 3", "`print` is a command and cannot be bound"),
        ("set sed 1", "unknown setting `sed`"),
        ("print", "`print` needs EXPR"),
        ("a, a = [1, 2]", "`a` is bound twice in the same statement"),
        ("x.1", "expected a member name after `.`, found a number"),
        ("d | where", "unexpected `|`"),
    ])
    func syntaxErrors(code: String, expected: String) {
        #expect(parseError(code) == expected)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(parseError(deep) == "expression is nested too deeply")
        #expect(parseError(String(repeating: "-", count: 5000) + "1") == "expression is nested too deeply")
        #expect(parseError(Array(repeating: "1", count: 5000).joined(separator: " + ")) == "expression is nested too deeply")
    }
}
