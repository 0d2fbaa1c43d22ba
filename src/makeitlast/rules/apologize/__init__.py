"""Rules of the apologize step."""
