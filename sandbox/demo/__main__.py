"""``python -m sandbox.demo`` is ``python -m bot demo``."""

import sys

from sandbox.demo.cli import main

sys.exit(main())
