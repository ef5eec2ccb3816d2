"""Intake: bytes → text (encoding), text → language and script, HTML → paragraphs."""
