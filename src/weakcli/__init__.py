"""weakcli: understand muscle weakness in the terminal. Educational, not a diagnosis."""

__version__ = "0.1.0"

DISCLAIMER = (
    "weakcli is for education only. It does not diagnose, and it is not a substitute for a "
    "doctor. If you are worried about your health, see a doctor. If you think it may be an "
    "emergency, call your local emergency number now."
)
