"""``python -m vitk2``: the same command line as the ``vitk2`` console script."""

from __future__ import annotations

from vitk2._cli import console_main

if __name__ == "__main__":
    console_main()
