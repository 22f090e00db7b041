// Settings: reads typed settings from a process environment (a `[String: String]` snapshot taken once at
// start-up) with one grammar for every key: trimmed text, whole numbers in a range, durations, choices, paths.
//
// Owns: `SettingsReader` (collects every problem instead of stopping at the first) and `SettingsProblem`
// (a key and a message that never echoes a secret). Imports nothing; does no I/O.
