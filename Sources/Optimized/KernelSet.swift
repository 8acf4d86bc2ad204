import OptimizedKernels

/// A version of the C kernels behind the Optimized library's hot loops (the Gaussian source and
/// every kernel that draws noise through it), chosen once per process at run time.
///
/// Every set computes the same values bit for bit: each performs the same IEEE operations in the
/// same order, with contraction off and every fused multiply-add of the AVX2 set done by the C
/// library's correctly rounded `fma` in the baseline. Sets differ in speed only.
///
/// The choice: `DIFFUSIONCHECK_KERNELS=baseline` forces the baseline, `avx2` asks for AVX2 (used
/// only where the CPU has it), unset or `auto` takes the best set the CPU supports.
public enum KernelSet: String, Sendable, CaseIterable, Codable {
    /// Plain C: SSE2 on x86-64 (any x86-64 CPU), NEON on arm64.
    case baseline
    /// x86-64 with AVX2 and FMA: 8 floats per vector, FMA instructions.
    case avx2FMA = "avx2-fma"

    /// The set the process uses for every call that does not name one.
    public static var selected: KernelSet { KernelSet(dck_selected_kernel_set()) }

    /// Why ``selected`` was chosen, e.g. "CPU has AVX2 and FMA".
    public static var selectionReason: String { String(cString: dck_kernel_selection_reason()) }

    /// The value of `DIFFUSIONCHECK_KERNELS` when it is neither `baseline`, `avx2`, `avx2-fma`
    /// nor `auto` (the selection then ignores it); nil otherwise.
    public static var unrecognizedEnvironmentValue: String? {
        var buffer = [CChar](repeating: 0, count: 64)
        guard dck_kernel_environment_is_invalid(&buffer, buffer.count) != 0 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The sets this CPU can run; the baseline always.
    public static var available: [KernelSet] { allCases.filter(\.isAvailable) }

    /// Whether this CPU (and this build's architecture) can run the set.
    public var isAvailable: Bool { dck_kernel_set_is_available(cValue) != 0 }

    /// The name reported by `checker --version` and `checker bench`: `avx2-fma`, or the
    /// baseline with its architecture (`baseline-sse2`, `baseline-neon`).
    public var displayName: String { String(cString: dck_kernel_set_name(cValue)) }

    /// One line for reports: "avx2-fma (CPU has AVX2 and FMA)".
    public static var selectionDescription: String { "\(selected.displayName) (\(selectionReason))" }

    var cValue: dck_kernel_set {
        switch self {
        case .baseline: DCK_KERNELS_BASELINE
        case .avx2FMA: DCK_KERNELS_AVX2_FMA
        }
    }

    init(_ c: dck_kernel_set) {
        self = c == DCK_KERNELS_AVX2_FMA ? .avx2FMA : .baseline
    }
}
