"""Rules of the thank step."""
