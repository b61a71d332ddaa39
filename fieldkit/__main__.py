"""``python -m fieldkit``: the command line, exactly as the ``fieldkit`` script runs it."""

from fieldkit.cli import main

if __name__ == "__main__":
    main()
