"""Entry point of ``python -m cardscan``."""

import sys

from cardscan.cli import main

if __name__ == "__main__":
    sys.exit(main())
