"""Better wording: L.A.S.T.-shaped drafts (``draft``), rewrites of flagged words (``fix``), and an optional LLM
that the coach keeps honest (``llm``). Everything here is checked by the same engine as ``makeitlast check``."""
