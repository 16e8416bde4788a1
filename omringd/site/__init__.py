"""The site as a whole, above the capabilities: the template context of a page (`context`),
every capability's markers checked on a page's source (`markers`), link post-processing
(`links`), the per-language search index (`search`) and the plain-language gate
(`readability`)."""
