import CheckerCore
import Testing
@testable import ScheduleCheck

/// Public configs first checked after the class models were written (MANIFEST.md names each
/// source): the findings a diffusers specialist expects, at the step counts users run.
@Suite("Real configs checked after the class models were written")
struct UnseenRealConfigTests {
    @Test("a v-prediction DDPM on SD's schedule with leading spacing: the terminal SNR, a late start graded by N, DDPM's unread timestep_type")
    func motionDDPM() throws {
        #expect(findingList(try classConfig("motion_ddpm_v_leading.json", steps: 25)) == ["VS201 warning", "VS504 note", "VS702 note"])
        // N = 4 starts at t = 750, where √ᾱ = 0.17 is left: a warning; N = 1000 starts at 999.
        #expect(try classConfig("motion_ddpm_v_leading.json", steps: 4).status("VS504") == .fired(.warning))
        #expect(try classConfig("motion_ddpm_v_leading.json", steps: 1000).status("VS504") == .passed)
        // DDPM has no final ᾱ_prev setting.
        #expect(try classConfig("motion_ddpm_v_leading.json", steps: 25).status("VS601") == .notApplicable)
    }

    @Test("DDIM on DDPM's linear schedule with offset 0: no overflow at N = T, no terminal-SNR warning")
    func solarDDIM() throws {
        let v = try classConfig("solar_ddim_linear.json", steps: 1000)
        #expect(v.status("VS506") == .passed)
        #expect(v.status("VS201") == .passed)
        #expect(findingList(try classConfig("solar_ddim_linear.json", steps: 25)) == ["VS205 note", "VS504 note", "VS601 note"])
    }

    @Test("SD 3.5's flow matching (shift 3, two keys): clean at every N", arguments: [1, 4, 25, 50, 1000])
    func sd35(steps: Int) throws {
        #expect(try classConfig("sd35_flowmatch.json", steps: steps).diagnostics.isEmpty)
    }

    @Test("Stable Audio's exponential σ: clean at 25 steps; at N = 1 diffusers' ladder is σ_min alone, a warning")
    func stableAudio() throws {
        #expect(try classConfig("audio_cosine_dpmsolver_real.json", steps: 25).diagnostics.isEmpty)
        let one = try classConfig("audio_cosine_dpmsolver_real.json", steps: 1)
        #expect(findingList(one) == ["VS802 warning"])
    }

    @Test("UniPC saved from an SD pipeline: PNDM/DDIM keys UniPC does not read, steps_offset without leading spacing")
    func uniPC() throws {
        let v = try classConfig("sd_unipc_offset.json", steps: 25)
        #expect(findingList(v) == ["VS201 warning", "VS702 note"])
        let keys = v.diagnostics.filter { $0.code == "VS702" }.compactMap { $0.message.split(separator: "\"").first.map(String.init) }
        #expect(keys == ["clip_sample", "set_alpha_to_one", "skip_prk_steps", "steps_offset"])
    }
}
