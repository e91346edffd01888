import SparkConnect
import Testing

@Suite struct SparkConnectURITests {
    @Test func hostAndDefaultPort() throws {
        let uri = try SparkConnectURI("sc://spark.example.com")
        #expect(uri.host == "spark.example.com")
        #expect(uri.port == 15002)
        #expect(!uri.usesTLS)
        #expect(uri.description == "sc://spark.example.com:15002")
    }

    @Test func everyParameter() throws {
        let uri = try SparkConnectURI(
            "sc://127.0.0.1:15012/;token=s3cret;user_id=ada;use_ssl=true;session_id=0123E567-89AB-CDEF-0123-456789ABCDEF;user_agent=lab%20notebook")
        #expect(uri.host == "127.0.0.1")
        #expect(uri.port == 15012)
        #expect(uri.token == "s3cret")
        #expect(uri.userID == "ada")
        #expect(uri.useSSL)
        #expect(uri.sessionID == "0123e567-89ab-cdef-0123-456789abcdef")
        #expect(uri.userAgent == "lab notebook")
    }

    @Test func ipv6Host() throws {
        let uri = try SparkConnectURI("sc://[::1]:15012")
        #expect(uri.host == "::1")
        #expect(uri.port == 15012)
        #expect(uri.description == "sc://[::1]:15012")
    }

    @Test func aTokenMeansTLSExceptOnThisMachine() throws {
        #expect(try SparkConnectURI("sc://spark.example.com/;token=t").usesTLS)
        #expect(try !SparkConnectURI("sc://localhost/;token=t").usesTLS)
        #expect(try SparkConnectURI("sc://localhost/;token=t;use_ssl=true").usesTLS)
    }

    @Test func theTokenNeverShows() throws {
        let uri = try SparkConnectURI("sc://h:1/;token=s3cret;user_id=ada")
        #expect(uri.description == "sc://h:1/;token=***;user_id=ada")
        #expect(!"\(uri)".contains("s3cret"))
    }

    @Test(arguments: [
        ("http://h:15002", "invalid Spark Connect URI `http://h:15002`: a Spark Connect URI starts with `sc://`"),
        ("sc://", "invalid Spark Connect URI `sc://`: the host is missing"),
        ("sc://h:port", "invalid Spark Connect URI `sc://h:port`: the port `port` is not a number from 1 to 65535"),
        ("sc://h:70000", "invalid Spark Connect URI `sc://h:70000`: the port `70000` is not a number from 1 to 65535"),
        ("sc://h/path", "invalid Spark Connect URI `sc://h/path`: parameters follow `/;` (as in `sc://host:15002/;user_id=ada`), not a path"),
        ("sc://h/;tokn=x", "invalid Spark Connect URI `sc://h/;tokn=x`: unknown parameter `tokn` (known: session_id, token, use_ssl, user_agent, user_id)"),
        ("sc://h/;use_ssl=yes", "invalid Spark Connect URI `sc://h/;use_ssl=yes`: `use_ssl` is `true` or `false`, not `yes`"),
        ("sc://h/;user_id", "invalid Spark Connect URI `sc://h/;user_id`: the parameter `user_id` has no value (write `name=value`)"),
        ("sc://h/;session_id=abc", "invalid Spark Connect URI `sc://h/;session_id=abc`: `session_id` must be a UUID, like 01234567-89ab-cdef-0123-456789abcdef"),
        ("sc://h/;user_id=a;user_id=b", "invalid Spark Connect URI `sc://h/;user_id=a;user_id=b`: the parameter `user_id` is given twice"),
    ])
    func badURIs(text: String, message: String) {
        #expect {
            try SparkConnectURI(text)
        } throws: { error in
            guard let error = error as? SparkConnectError else { return false }
            return error.kind == .invalidURI && error.description == message
        }
    }

    @Test(arguments: ["sc://h?token=s3cret", "sc://h:x/;token=s3cret", "sc://h/;token=s3cret;use_ssl=maybe", "sc://h/;token=s3cret;token=s3cret"])
    func errorsDoNotShowTheToken(text: String) {
        do {
            _ = try SparkConnectURI(text)
            Issue.record("\(text) parsed")
        } catch {
            #expect(!error.description.contains("s3cret"), "\(error.description)")
            #expect(!error.message.contains("s3cret"))
        }
    }
}
