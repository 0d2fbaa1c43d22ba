"""Rules of the listen step."""
