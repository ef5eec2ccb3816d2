"""bitext glossary: term base, Chinese- and English-aware matching, checks and consistency."""
