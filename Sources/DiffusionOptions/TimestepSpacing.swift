/// How N inference timesteps are chosen from the T training timesteps (diffusers
/// `timestep_spacing`; the values are spelled the same in both places).
public enum TimestepSpacing: String, Sendable, CaseIterable {
    /// round(linspace(0, T − 1, N)), descending: starts at T − 1 and ends at 0.
    case linspace
    /// k·(T div N) for k = N − 1 … 0, plus `stepsOffset` (diffusers' default; DDIM paper).
    case leading
    /// round(arange(T, 0, −T/N)) − 1: starts at T − 1 [Lin et al. 2023, Table 2].
    case trailing
}

extension TimestepSpacing: DiffusersSpelled {
    public var diffusersName: String { rawValue }
}
