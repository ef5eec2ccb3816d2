"""The core: data model and utilities every other layer builds on; it imports nothing else of the project.

Document, Bitext/Bead, errors, the matching key, numbers, text patterns,
Signature, atomic writing, progress callbacks and the term-source protocol the
aligner uses to take glossary terms without importing ``glossary``.
"""
