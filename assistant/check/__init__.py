"""Location checks: coordinate parsing, red-line files, the in-memory index, single and batch checks,
result shaping, the benchmark.

May import: layers, plan, shared top-level modules.
"""
