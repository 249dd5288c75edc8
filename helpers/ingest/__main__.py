"""``python -m helpers.ingest``: the command line of ``helpers.ingest.cli``."""

import sys

from helpers.ingest.cli import main

sys.exit(main())
