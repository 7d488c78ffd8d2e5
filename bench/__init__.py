"""Benchmark of the knowledge base at scale (see bench/README.md)."""
