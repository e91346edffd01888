// The AssayLanguage module.
