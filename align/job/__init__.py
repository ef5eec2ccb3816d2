"""Jobs over many documents: the main job (``build``), batches of pairs (one task each; in this process, over
all cores or on a Dask cluster, with a ledger) and document pairing; above the aligner, formats and glossary."""
