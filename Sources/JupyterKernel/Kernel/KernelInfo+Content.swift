extension KernelInfo {
    /// The content of a kernel_info_reply.
    var replyContent: JSON {
        let language: JSON = [
            "name": .string(language.name), "version": .string(language.version),
            "mimetype": .string(language.mimetype), "file_extension": .string(language.fileExtension),
            "pygments_lexer": .string(language.pygmentsLexer), "codemirror_mode": .string(language.codemirrorMode),
            "nbconvert_exporter": "script",
        ]
        return [
            "status": "ok",
            "protocol_version": .string(jupyterProtocolVersion),
            "implementation": .string(implementation),
            "implementation_version": .string(implementationVersion),
            "language_info": language,
            "banner": .string(banner),
            "help_links": .array(helpLinks.map { ["text": .string($0.text), "url": .string($0.url)] }),
            "debugger": false,
        ]
    }
}
