/// One piece of a compiled page template (see ``PageTemplate``).
indirect enum TemplateNode: Sendable {
    /// Literal bytes.
    case text([UInt8])
    /// Literal text and the texts of constant tables joined (``TemplateLibrary/folding(_:)``): `bytes` when no frame
    /// above the bottom of the stack has a member of one of `names`, else `written` (the nodes as written).
    case folded(bytes: [UInt8], names: [TemplateName], written: [TemplateNode])
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{& name}}` (not); an empty path is `{{.}}`.
    case variable(path: [TemplateName], escaped: Bool)
    /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when inverted.
    case section(path: [TemplateName], inverted: Bool, body: [TemplateNode])
    /// `{{> name}}`, with the indentation of a standalone tag (added to every line of the partial).
    case partial(name: String, indentation: [UInt8])
    /// `{{$name}}default{{/name}}`: replaced by an override of the inheriting template, if any.
    case block(name: String, body: [TemplateNode])
    /// `{{< name}}{{$block}}…{{/block}}{{/name}}`: renders template `name` with these blocks overridden.
    case parent(name: String, overrides: [String: [TemplateNode]])
}
