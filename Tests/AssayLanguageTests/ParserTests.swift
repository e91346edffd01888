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
    case .load(.sample(let name)): return "(load-sample \(sexpr(name)))"
    case .load(.file(let path, let separator, let types)):
        let typeText = types.map { "\($0.column.name):\($0.type.name)" }.joined(separator: " ")
        return "(load \(sexpr(path))\(separator.map { " sep=" + sexpr($0) } ?? "")\(types.isEmpty ? "" : " types=" + typeText))"
    case .load(.synthetic(let task, let settings)):
        return "(load-synthetic \(task.name)" + settings.map { " \($0.name.name)=\(sexpr($0.value))" }.joined() + ")"
    case .pipe(let input, let step): return "(| \(sexpr(input)) \(stepText(step)))"
    case .split(let data, let fractions, let stratify, let seed):
        return "(split \(sexpr(data)) \(fractions.map(sexpr).joined(separator: " "))"
            + (stratify.map { " stratify=" + $0.name } ?? "") + (seed.map { " seed=" + sexpr($0) } ?? "") + ")"
    case .load(.model(let path)): return "(load-model \(sexpr(path)))"
    case .load(.table(let name)): return "(load-table \(sexpr(name)))"
    case .load(.sql(let query)): return "(load-sql \(sexpr(query)))"
    case .collect(let data, let limit): return "(collect \(sexpr(data))\(limit.map { " limit=" + sexpr($0) } ?? ""))"
    case .upload(let data): return "(upload \(sexpr(data)))"
    case .learning(.fit(let pipeline, let data, let target, let clauses)):
        return "(fit \(sexpr(pipeline)) on=\(sexpr(data)) target=\(target.name)" + clauses.map { " \($0.keyword.name)=\(sexpr($0.value))" }.joined() + ")"
    case .learning(.evaluate(let model, let data, let metrics)):
        return "(evaluate \(sexpr(model)) on=\(sexpr(data))" + (metrics.isEmpty ? "" : " metrics=" + metrics.map(\.name).joined(separator: ",")) + ")"
    case .learning(.predict(let model, let data)): return "(predict \(sexpr(model)) on=\(sexpr(data)))"
    case .learning(.importance(let model, let data, let clauses)):
        return "(importance \(sexpr(model))" + (data.map { " on=" + sexpr($0) } ?? "") + clauses.map { " \($0.keyword.name)=\(sexpr($0.value))" }.joined() + ")"
    case .learning(.shap(let model, let data, let clauses)):
        return "(shap \(sexpr(model)) on=\(sexpr(data))" + clauses.map { " \($0.keyword.name)=\(sexpr($0.value))" }.joined() + ")"
    case .learning(.tune(let pipeline, let data, let target, let clauses)):
        return "(tune \(sexpr(pipeline)) on=\(sexpr(data)) target=\(target.name)" + clauses.map { " \($0.keyword.name)=\(sexpr($0.value))" }.joined() + ")"
    case .load(.run(let id)): return "(load-run \(sexpr(id)))"
    case .runs(let query):
        return "(runs" + (query.filter.map { " where=" + sexpr($0) } ?? "")
            + (query.order.map { " order=" + sexpr($0) + (query.descending ? "-desc" : "") } ?? "")
            + (query.limit.map { " limit=" + sexpr($0) } ?? "") + ")"
    case .run(let id): return "(run \(sexpr(id)))"
    case .compareRuns(let ids): return "(compare-runs \(ids.map(sexpr).joined(separator: " ")))"
    }
}

func stepText(_ step: PipeStep) -> String {
    func names(_ ids: [Identifier]) -> String { ids.map(\.name).joined(separator: ",") }
    switch step.kind {
    case .filter(let e): return "where " + sexpr(e)
    case .derive(let defs): return "derive " + defs.map { "\($0.name.name)=\(sexpr($0.value))" }.joined(separator: " ")
    case .select(let c): return "select " + names(c)
    case .drop(let c): return "drop " + names(c)
    case .rename(let pairs): return "rename " + pairs.map { "\($0.old.name)->\($0.new.name)" }.joined(separator: ",")
    case .sort(let keys): return "sort " + keys.map { $0.column.name + ($0.descending ? "-desc" : "") }.joined(separator: ",")
    case .head(let e): return "head " + sexpr(e)
    case .tail(let e): return "tail " + sexpr(e)
    case .sample(let e, let seed): return "sample " + sexpr(e) + (seed.map { " seed=" + sexpr($0) } ?? "")
    case .dropMissing(let c): return "dropna " + names(c)
    case .distinct(let c): return "distinct " + names(c)
    case .group(let keys, let aggs):
        return "group " + names(keys) + " " + aggs.map { "\($0.name.name)=\($0.function.name)(\($0.column?.name ?? ""))" }.joined(separator: ",")
    case .join(let other, let keys, let kind): return "join \(sexpr(other)) on \(names(keys)) \(kind?.name ?? "inner")"
    case .stage(let e): return "stage " + sexpr(e)
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

    @Test(arguments: [
        ("load table \"flights\"", "(load-table \"flights\")"),
        ("load sql \"SELECT 1\"", "(load-sql \"SELECT 1\")"),
        ("collect big limit 10 * 2", "(collect big limit=(* 10 2))"),
        ("collect (d | where x > 1) | head 3", "(| (collect (| d where (> x 1))) head 3)"),
        ("upload d", "(upload d)"),
    ])
    func engineForms(code: String, expected: String) throws {
        #expect(sexpr(try parseOne(code)) == expected)
    }

    @Test func engineAndSaveToTableCommands() throws {
        let statements = try Parser.parse(SourceText("engine\nengine local\nengine spark \"sc://h:15002\"\nsave d to table \"t\"\nsave d to \"f.csv\""))
        let commands = statements.compactMap { statement -> CommandStatement? in
            if case .command(let command) = statement.kind { return command }
            return nil
        }
        #expect(commands.count == 5)
        #expect(commands[0]["kind"] == nil)
        guard case .word(let local)? = commands[1]["kind"], case .word(let spark)? = commands[2]["kind"],
            case .expression(let uri)? = commands[2]["uri"]
        else {
            Issue.record("expected engine local and engine spark URI")
            return
        }
        #expect(local.name == "local" && spark.name == "spark" && sexpr(uri) == "\"sc://h:15002\"")
        #expect(commands[3].clause("to")?.operand == nil)
        guard case .expression(let table)? = commands[3].clause("table")?.operand,
            case .expression(let path)? = commands[4].clause("to")?.operand
        else {
            Issue.record("expected save to table and save to a file")
            return
        }
        #expect(sexpr(table) == "\"t\"" && sexpr(path) == "\"f.csv\"")
        #expect(throws: Diagnostic.self) { try Parser.parse(SourceText("engine cluster")) }
        #expect(throws: Diagnostic.self) { try Parser.parse(SourceText("collect")) }
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
        ("d | where", "expected an expression, found the end of the input"),
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

@Suite struct DataSyntaxTests {
    @Test(arguments: [
        ("load sample \"iris\"", "(load-sample \"iris\")"),
        ("load \"f.csv\" sep \";\" types {zip: string, `a b`: number}", "(load \"f.csv\" sep=\";\" types=zip:string a b:number)"),
        ("load synthetic classification rows 100 features 4 seed 1", "(load-synthetic classification rows=100 features=4 seed=1)"),
        ("d | where x > 1 and s == \"a\"", "(| d where (and (> x 1) (== s \"a\")))"),
        ("d | derive f = a + b, g = log(f + 1)", "(| d derive f=(+ a b) g=(log (+ f 1)))"),
        ("d | select a, `b c` | drop a", "(| (| d select a,b c) drop a)"),
        ("d | rename a as b, c as d", "(| d rename a->b,c->d)"),
        ("d | sort fare desc, name", "(| d sort fare-desc,name)"),
        ("d | head 10 | tail 2", "(| (| d head 10) tail 2)"),
        ("d | sample 0.1 seed 3", "(| d sample 0.1 seed=3)"),
        ("d | dropna | distinct a, b", "(| (| d dropna ) distinct a,b)"),
        ("d | group s, i aggregate n = count(), m = mean(x)", "(| d group s,i n=count(),m=mean(x))"),
        ("o | join c on id left", "(| o join c on id left)"),
        ("split d 0.8 stratify species seed 42", "(split d 0.8 stratify=species seed=42)"),
        ("split d 0.6, 0.2, 0.2", "(split d 0.6 0.2 0.2)"),
    ])
    func parses(code: String, expected: String) throws {
        #expect(sexpr(try parseOne(code)) == expected)
    }

    @Test func pipelinesContinueOnLinesStartingWithAPipe() throws {
        let statements = try Parser.parse(SourceText("p = d\n  | where x > 0\n| head 3\n"))
        #expect(statements.count == 1)
        guard case .bind(_, let value) = statements[0].kind else { Issue.record("not a binding"); return }
        #expect(sexpr(value) == "(| (| d where (> x 0)) head 3)")
    }

    @Test(arguments: [
        ("d | wher x > 1", "unknown data operation `wher`"),
        ("d | rename a b", "expected `as` after `a`, found `b`"),
        ("d | group s n = count()", "expected `aggregate` after the group's columns, found `n`"),
        ("load = 1", "`load` is a command and cannot be bound"),
    ])
    func reportsMistakes(code: String, expected: String) {
        #expect(parseError(code) == expected)
    }
}
