import ArgumentParser
import CheckerCore
import Conformance
import Foundation

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Speak ddpm-conform/1 on stdin/stdout as Reference or Optimized (the other end of `checker conform`).",
        discussion: "Reads one JSON request per line and writes one answer per line until {\"type\":\"bye\"} or the end of input; see docs/conform-protocol.md."
    )

    @Option(help: "reference, optimized (Double) or optimized-float (Float).")
    var implementation: ServeSession.Implementation = .reference

    func run() throws {
        let session = ServeSession(implementation: implementation)
        session.serve(readLine: { Swift.readLine(strippingNewline: true) }, write: { line in
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        })
    }
}

extension ServeSession.Implementation: ExpressibleByArgument {}
