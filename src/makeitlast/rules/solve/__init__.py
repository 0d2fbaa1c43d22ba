"""Rules of the solve step."""
