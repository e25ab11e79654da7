"""`python -m devstack` (what `make run` calls): the local stack in the foreground."""

import sys

from devstack.run import main

if __name__ == "__main__":
    sys.exit(main())
