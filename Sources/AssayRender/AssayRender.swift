// The AssayRender module.
