"""`python -m bench [--json]`: the same table as `aynik bench`."""

import sys

from bench.figures import main

raise SystemExit(main(as_json="--json" in sys.argv[1:]))
