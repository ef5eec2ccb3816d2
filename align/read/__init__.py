"""Reading: bytes to text (encodings, HTML), cleaning of web boilerplate, paragraphs and sentences; on the core only."""
