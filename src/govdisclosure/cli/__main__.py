"""``python -m govdisclosure.cli``: the ``govdisclosure`` command, from a checkout too."""

import sys

from govdisclosure.cli import main

sys.exit(main())
