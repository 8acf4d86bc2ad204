import Foundation
import Testing
@testable import NotesLint

/// A variance computed in a helper function (in the same file, or in another file linted with it)
/// and used by the caller as a standard deviation is found by what the helper returns.
struct VarianceHelperTests {
    /// The helpers: β̃_t with a guard constant, and the learned log-space interpolation between
    /// β_t and β̃_t. Both return variances.
    static let helpers = """
    import torch

    def posterior_var(t, beta_tilde, eps=1e-6):
        return beta_tilde[t].view(-1, 1, 1, 1) + eps

    def learned_var(w, t, betas, beta_tilde):
        out = torch.exp(w * torch.log(betas[t]) + (1 - w) * torch.log(beta_tilde[t]))
        return out
    """

    static let sampler = """
    import torch

    def kl_term(mu_q, mu_p, w, t, betas, beta_tilde):
        q = torch.distributions.Normal(mu_q, posterior_var(t, beta_tilde).sqrt())
        p = torch.distributions.Normal(mu_p, learned_var(w, t, betas, beta_tilde).sqrt())
        return torch.distributions.kl_divergence(q, p)
    """

    @Test func aHelperInTheSameFileIsReadThrough() {
        let right = Self.helpers + "\n" + Self.sampler
        #expect(CodeProbe.run(right).diagnostics.isEmpty, "\(Corpus.describe(CodeProbe.run(right).diagnostics))")
        for call in ["posterior_var(t, beta_tilde)", "learned_var(w, t, betas, beta_tilde)"] {
            let wrong = right.replacingOccurrences("\(call).sqrt()", call)
            #expect(CodeProbe.run(wrong).diagnostics.map(\.code) == ["DL220"], "\(call): \(Corpus.describe(CodeProbe.run(wrong).diagnostics))")
        }
    }

    /// exp(w·log β + (1 − u)·log β̃) with two different weights is no weighted geometric mean:
    /// nothing is claimed about it.
    @Test func mismatchedWeightsAreNotAVariance() {
        let helper = Self.helpers.replacingOccurrences("(1 - w) * torch.log", "(1 - u) * torch.log")
        let code = helper + "\n" + Self.sampler.replacingOccurrences("learned_var(w, t, betas, beta_tilde).sqrt()", "learned_var(w, t, betas, beta_tilde)")
        #expect(CodeProbe.run(code).diagnostics.isEmpty, "\(Corpus.describe(CodeProbe.run(code).diagnostics))")
    }

    /// Two files of one package: the import resolves only when both are linted together.
    @Test(arguments: ["from pkg.helpers import posterior_var, learned_var", "from .helpers import posterior_var, learned_var"])
    func anImportFromAnotherInputIsResolved(_ importLine: String) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lint-\(UUID().uuidString)")
        let package = root.appendingPathComponent("pkg")
        try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let helpers = package.appendingPathComponent("helpers.py")
        let sampler = package.appendingPathComponent("sampler.py")
        try Self.helpers.write(to: helpers, atomically: true, encoding: .utf8)

        let right = importLine + "\n" + Self.sampler
        try right.write(to: sampler, atomically: true, encoding: .utf8)
        #expect(LintRun.run(paths: [sampler.path, helpers.path]).exitCode == 0)

        let wrong = right.replacingOccurrences("posterior_var(t, beta_tilde).sqrt()", "posterior_var(t, beta_tilde)")
        try wrong.write(to: sampler, atomically: true, encoding: .utf8)
        let together = LintRun.run(paths: [sampler.path, helpers.path])
        #expect(together.exitCode == 1)
        #expect(together.output.contains("sampler.py:5:") && together.output.contains("DL220"), "\(together.output)")
        // Alone, the imported function is unknown, and unknown is not wrong.
        #expect(LintRun.run(paths: [sampler.path]).exitCode == 0)
    }

    @Test func aModuleNamedAmbiguouslyOrElsewhereIsNotResolved() {
        let candidates = ["/a/pkg/helpers.py", "/b/pkg/helpers.py", "/a/other/util.py"]
        #expect(SiblingModules.resolve("pkg.helpers", from: "/a/pkg/sampler.py", among: candidates) == nil)
        #expect(SiblingModules.resolve(".helpers", from: "/a/pkg/sampler.py", among: candidates) == "/a/pkg/helpers.py")
        #expect(SiblingModules.resolve("..other.util", from: "/a/pkg/sampler.py", among: candidates) == "/a/other/util.py")
        #expect(SiblingModules.resolve("other.util", from: "/a/pkg/sampler.py", among: candidates) == "/a/other/util.py")
        #expect(SiblingModules.resolve("util", from: "/a/pkg/sampler.py", among: candidates) == "/a/other/util.py")
        #expect(SiblingModules.resolve("missing", from: "/a/pkg/sampler.py", among: candidates) == nil)
    }
}
