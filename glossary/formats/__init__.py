"""Glossary file formats: each module has ``read(path) -> list[Concept]`` and ``write(concepts, path, force, name)``."""
