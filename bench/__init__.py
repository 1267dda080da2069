"""Benchmarks: `make bench` (python -m bench). Reports medians and p95, never asserts timings."""
