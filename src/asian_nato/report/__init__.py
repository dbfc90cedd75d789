"""Figures, tables, style, computed sentences and glue dictionaries, made from the analysis layer's frames."""
