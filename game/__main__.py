"""`python -m game` is the same program as `aynik`."""

from game.cli import main

raise SystemExit(main())
