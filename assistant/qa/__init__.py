"""Question answering over the plan: index, retrieval, embeddings, routing, scope, follow-ups,
figure/policy/statistics answers, map answers, grounding, the optional LLM.

May import: maps, layers, plan, shared top-level modules (not check, not web).
"""
