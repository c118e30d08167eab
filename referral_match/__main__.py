"""Run the command line: ``python -m referral_match``."""

from referral_match.cli import main

main()
