"""`python -m reader`: the same entry point as the `reader` console script."""

import sys

from reader.cli import main

sys.exit(main())
