/// The logos of `kernelspec/`, compiled into the binary so `assay install` works from anywhere.
enum KernelspecFiles {
    struct File {
        var name: String
        var bytes: [UInt8]
    }

    static let logos: [File] = [
        File(name: "logo-32x32.png", bytes: PackageResources.logo_32x32_png),
        File(name: "logo-64x64.png", bytes: PackageResources.logo_64x64_png),
        File(name: "logo-svg.svg", bytes: PackageResources.logo_svg_svg),
    ]
}
