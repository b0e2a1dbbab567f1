"""`python -m game` is the same as the `model-citizen` command."""

import sys

from game.cli import main

sys.exit(main())
