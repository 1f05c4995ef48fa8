"""Benchmarks for cardscan: synthetic cards with ground truth, the reader's runner and scorer."""
