"""The build: Sphinx extension, notebook execution, LaTeX helpers, assets and link check."""
