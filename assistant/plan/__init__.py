"""The plan text itself: sections with heading paths, the plan's vocabulary, governing passages per layer.

May import: the shared top-level modules (errors, settings, answer_types, geo) only.
"""
