/// The kernel's version, as kernel_info and `assay version` report it.
public enum AssayVersion {
    public static let current = "0.1.0"
    /// The language version, as kernel_info's language_info reports it.
    public static let language = "0.1"
}
