"""ngoaigiao: Vietnamese diplomatic news in, a queryable record of who met whom out."""
__version__ = "0.1.0"
