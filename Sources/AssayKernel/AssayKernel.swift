// The AssayKernel module.
