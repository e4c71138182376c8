/// The prefer release version, shown by `prefer --version` and written into export manifests.
public let preferVersion = "0.1.0"
