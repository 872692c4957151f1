"""Entry point for `python -m review`."""
from review.cli import main

main()
