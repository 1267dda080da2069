"""Knowledge graph core: settings, IRIs, the quad store, safe SPARQL, export, and the CLI."""
