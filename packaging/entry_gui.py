"""The desktop bundle's entry point for the window (PyInstaller needs a script, not a module)."""

import sys

from estimator_gui.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
