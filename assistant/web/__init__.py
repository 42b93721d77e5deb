"""The Gradio web assistant: page, actions, chat view, reports, public-mode guard.

May import: everything below it (pipeline, qa, check, maps, layers, plan, shared).
"""
