"""All You Need Is Kill: a top-down action game about a soldier in a time loop."""

__version__ = "0.1.0"
