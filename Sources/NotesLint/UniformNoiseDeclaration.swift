import Foundation

/// A note that says its noise is uniform (“uniform noise”, “均匀分布随机噪声”, “the uniform noise
/// between 0 and 1 (from torch.rand)”) chose `rand` on purpose: Hugging Face's course corrupts its
/// images with uniform noise in a first model and contrasts it with DDPM's Gaussian afterwards.
/// DL201 looks for `rand` where no one chose it, so such a note's uniform draws are not judged.
enum UniformNoiseDeclaration {
    /// The first place, in prose or in a code comment, where the note calls its noise uniform.
    static func find(in sources: [SourceText]) -> (source: SourceText, offset: Int)? {
        for source in sources {
            let text = String(String.UnicodeScalarView(source.scalars))
            guard let match = pattern.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) else { continue }
            return (source, (text as NSString).substring(to: match.range.location).unicodeScalars.count)
        }
        return nil
    }

    /// “uniform (random) noise”, “noise drawn from a uniform …”, and the same in Chinese,
    /// Japanese, Korean, French, Spanish, Italian, Portuguese and Russian. Words joined by a
    /// hyphen are a rule's name (`ignore uniform-noise`), not a sentence.
    static let pattern: NSRegularExpression = {
        let phrases = [
            #"\buniform(ly)?\s+(distributed\s+)?(random\s+)?noise\b"#,
            #"\bnoise\s+(is\s+)?(drawn|sampled|taken)?\s*(from\s+)?(a\s+)?uniform\b"#,
            #"均匀(分布)?的?(随机)?(噪声|噪音)"#,
            #"一様(分布)?の?(乱数)?ノイズ"#,
            #"균등\s*(분포)?\s*(의)?\s*(노이즈|잡음)"#,
            #"균일\s*(분포)?\s*(의)?\s*(노이즈|잡음)"#,
            #"\bbruit\s+uniforme\b"#,
            #"\bruido\s+uniforme\b"#,
            #"\brumore\s+uniforme\b"#,
            #"\bru[ií]do\s+uniforme\b"#,
            #"равномерн\w*\s+шум"#,
        ]
        // The phrases are literal patterns of this file: a failure to compile is a programming error.
        return try! NSRegularExpression(pattern: phrases.joined(separator: "|"), options: [.caseInsensitive])
    }()
}
