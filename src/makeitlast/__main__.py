"""``python -m makeitlast`` runs the command line."""

from makeitlast.cli import main

if __name__ == "__main__":
    main()
