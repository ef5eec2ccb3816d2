"""Glossary file formats: each module has ``read(path) -> TermBase`` and ``write(termbase, path, force)``."""
