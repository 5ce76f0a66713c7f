"""`python -m canvas` runs the CLI."""
from .cli import main

main()
