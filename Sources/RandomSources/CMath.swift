// The C library's elementary functions, in one place.
//
// PyTorch and NumPy call the platform's libm for the transcendental parts of their normal
// generators; calling the same functions is what makes the reproductions here bit-exact on the
// same platform (glibc on Linux, Apple's libm on macOS).
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

enum CMath {
    @inline(__always) static func log(_ x: Float) -> Float { logf(x) }
    @inline(__always) static func cos(_ x: Float) -> Float { cosf(x) }
    @inline(__always) static func sin(_ x: Float) -> Float { sinf(x) }
    @inline(__always) static func log(_ x: Double) -> Double { _log(x) }
    @inline(__always) static func log1p(_ x: Double) -> Double { _log1p(x) }
    @inline(__always) static func cos(_ x: Double) -> Double { _cos(x) }
    @inline(__always) static func sin(_ x: Double) -> Double { _sin(x) }
}

@inline(__always) private func _log(_ x: Double) -> Double { log(x) }
@inline(__always) private func _log1p(_ x: Double) -> Double { log1p(x) }
@inline(__always) private func _cos(_ x: Double) -> Double { cos(x) }
@inline(__always) private func _sin(_ x: Double) -> Double { sin(x) }
