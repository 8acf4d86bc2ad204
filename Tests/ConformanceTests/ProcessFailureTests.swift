import CheckerCore
import Foundation
import Testing
@testable import Conformance

/// Implementations that misbehave, as small shell scripts: each run must end with the right
/// ConformError naming the request, the child stopped and reaped, and no hang.
@Suite("a crashed, silent or malformed implementation")
struct ProcessFailureTests {
    static let hello = #"{\"id\":\"handshake\",\"protocol\":\"ddpm-conform/1\",\"name\":\"script\",\"precision\":\"float64\",\"ops\":{\"posterior\":{}}}"#

    /// Runs the posterior fixtures against `script` (handshake first, unless `script` replaces it).
    func run(_ script: String, timeout: Double = 2, totalLimit: Double = 30) throws -> (error: ConformError?, transport: ProcessTransport) {
        let transport = try ProcessTransport(command: "sh -c '\(script)'", timeout: timeout, totalLimit: totalLimit)
        let cases = try fixtureCases(["posterior.json"])
        do {
            _ = try ConformRunner(transport: transport, sampling: nil).run(cases: cases)
            return (nil, transport)
        } catch {
            return (error, transport)
        }
    }

    @Test("a child that exits is C003, naming the case it was asked")
    func crash() throws {
        let (error, transport) = try run("read l; echo \"\(Self.hello)\"; read l; echo oops >&2; exit 3")
        let e = try #require(error)
        #expect(e.code == "C003")
        #expect(e.request == "posterior/posterior-linear-t0")
        #expect(e.message.contains("exit status 3"))
        #expect(e.message.contains("oops"))
        #expect(!transport.process.isRunning)
    }

    @Test("a silent child is C002 after the timeout, and is killed")
    func silent() throws {
        let (error, transport) = try run("read l; echo \"\(Self.hello)\"; read l; sleep 60", timeout: 2)
        let e = try #require(error)
        #expect(e.code == "C002")
        #expect(e.request == "posterior/posterior-linear-t0")
        #expect(!transport.process.isRunning)
    }

    @Test("a silent handshake is C002 naming the handshake")
    func silentHandshake() throws {
        let (error, transport) = try run("sleep 60", timeout: 2)
        #expect(error?.code == "C002")
        #expect(error?.request == "handshake")
        #expect(!transport.process.isRunning)
    }

    @Test("an answer that is not JSON is C004")
    func notJSON() throws {
        let (error, transport) = try run("read l; echo \"\(Self.hello)\"; read l; echo hello world; sleep 60")
        #expect(error?.code == "C004")
        #expect(error?.request == "posterior/posterior-linear-t0")
        #expect(!transport.process.isRunning)
    }

    @Test("an answer to another id is C005")
    func wrongID() throws {
        let (error, _) = try run("read l; echo \"\(Self.hello)\"; read l; echo \"{\\\"id\\\":\\\"other\\\",\\\"outputs\\\":{}}\"; sleep 60")
        #expect(error?.code == "C005")
        #expect(error?.request == "posterior/posterior-linear-t0")
    }

    @Test("an answer with neither outputs nor error is C004")
    func noOutputs() throws {
        let (error, _) = try run("read l; echo \"\(Self.hello)\"; read l; echo \"{\\\"id\\\":\\\"posterior/posterior-linear-t0\\\"}\"; sleep 60")
        #expect(error?.code == "C004")
    }

    @Test("a run past its total limit is C007 (not C002), naming the request it was waiting for; the child is killed")
    func totalLimit() throws {
        // The per-request timeout (5 s) is longer than what is left of the run (1 s).
        let (error, transport) = try run("read l; echo \"\(Self.hello)\"; read l; sleep 60", timeout: 5, totalLimit: 1)
        let e = try #require(error)
        #expect(e.code == "C007")
        #expect(e.request == "posterior/posterior-linear-t0")
        #expect(!transport.process.isRunning)
    }

    @Test("a command that cannot be started is C001")
    func cannotStart() throws {
        let transport = try ProcessTransport(command: "/nonexistent/implementation", timeout: 1, totalLimit: 5)
        #expect(throws: ConformError.self) { _ = try ConformRunner(transport: transport, sampling: nil).handshake() }
    }

    @Test("a well-behaved script passes: the same path with a right answer")
    func rightAnswer() throws {
        // Answers the one case it is given with Reference's numbers, then stops at bye.
        let c = try fixtureCases(["posterior.json"])[0]
        guard case .success(let outputs) = ReferenceGoldenImplementation().evaluate(c.golden.operation) else { Issue.record("Reference refused"); return }
        let body = outputs.sorted { $0.key < $1.key }.map { "\\\"\($0.key)\\\":[\($0.value.map { JSONValue.formatNumber($0) }.joined(separator: ","))]" }.joined(separator: ",")
        let script = "read l; echo \"\(Self.hello)\"; read l; echo \"{\\\"id\\\":\\\"\(c.requestID)\\\",\\\"outputs\\\":{\(body)}}\"; read l"
        let transport = try ProcessTransport(command: "sh -c '\(script)'", timeout: 2, totalLimit: 10)
        let report = try ConformRunner(transport: transport, sampling: nil).run(cases: [c])
        #expect(report.casesPassed == 1)
        #expect(!transport.process.isRunning)
    }
}
