import CheckerCore
import Foundation

/// A diffusers model folder (`model_index.json` with `scheduler/` and `unet/` or `transformer/`),
/// read as one model: its scheduler config, and whether it works in a latent space (a `vae` or
/// `movq` component says latent; a folder without one is pixel space).
public enum ModelFolder {
    /// Reads `path`: a model folder, a folder holding `scheduler_config.json`, a config file, or a
    /// config on standard input (`-`).
    public static func load(path: String, assumedClass: String?) throws(ScheduleCheckError) -> ScheduleSubject {
        if StandardInput.isStandardInput(path) { return try SchedulerConfig.load(path: path, assumedClass: assumedClass) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .fileNotFound(path: path) }
        guard isDirectory.boolValue else {
            // A model_index.json names the folder it is in.
            if (path as NSString).lastPathComponent == "model_index.json" {
                let folder = (path as NSString).deletingLastPathComponent
                return try load(path: folder.isEmpty ? "." : folder, assumedClass: assumedClass)
            }
            return try SchedulerConfig.load(path: path, assumedClass: assumedClass)
        }
        let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
        let index = folder + "/model_index.json"
        guard FileManager.default.fileExists(atPath: index) else {
            let direct = folder + "/scheduler_config.json"
            if FileManager.default.fileExists(atPath: direct) { return try SchedulerConfig.load(path: direct, assumedClass: assumedClass) }
            throw .notASchedulerConfig(path: path, found: "a folder without model_index.json or scheduler_config.json")
        }
        let data = try ArrayFile.readData(index)
        guard let text = String(data: data, encoding: .utf8) else { throw .unreadableFile(path: index, reason: "not UTF-8 text") }
        let root: JSONValue
        do {
            (root, _) = try JSONValue.parseWithPositions(text, pythonConstants: true)
        } catch {
            throw .malformedJSON(path: index, line: error.position.line, column: error.position.column, reason: error.message)
        }
        guard case .object(let members) = root else { throw .notASchedulerConfig(path: index, found: "not a JSON object") }
        let components = Set(members.map(\.key).filter { !$0.hasPrefix("_") })
        guard components.contains("scheduler") else {
            throw .notASchedulerConfig(path: index, found: "model_index.json names no scheduler component")
        }
        let config = folder + "/scheduler/scheduler_config.json"
        var subject = try SchedulerConfig.load(path: config, assumedClass: assumedClass)
        let pipeline: String
        if case .string(let name)? = root["_class_name"] { pipeline = name } else { pipeline = "a pipeline" }
        let latentComponent = ["vae", "movq", "vqvae", "vqgan"].first { components.contains($0) }
        subject.settings.latentSpace = latentComponent != nil
        subject.settings.latentSource = latentComponent.map { "\(pipeline) has a \($0) component" } ?? "\(pipeline) has no vae: pixel space"
        let denoiser = ["unet", "transformer", "prior", "decoder"].first { components.contains($0) }
        subject.header.insert("model folder \(folder): \(pipeline)" + (denoiser.map { ", denoiser \($0)/" } ?? "") + ", scheduler/scheduler_config.json", at: 0)
        return subject
    }
}
