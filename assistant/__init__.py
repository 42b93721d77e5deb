"""阳泉市国土空间总体规划动态维护方案：问答与选址核查助手。

The folders tell the data flow; imports run one way, down this list:

    web      Gradio page, actions, chat view, reports, public-mode guard
    (top)    pipeline.py (one question -> one cited answer), cli.py, commands.py, evaluate.py
    qa       question answering: retrieval, routing, scope, follow-ups, figure/policy/statistics answers, LLM
    check    location checks: coordinates, red lines, the in-memory index, single/batch checks, bench
    maps     map pictures: layer maps, canvas, fonts, optional basemap tiles
    layers   the database: connection, named SQL, build/swap, import, audit, statistics
    demo     demo-data generation (imported only by layers.build)
    plan     the plan text: corpus sections, vocabulary, governing passages
    (top)    errors.py, settings.py, answer_types.py, table_labels.py, geo.py: types every part shares

tests/test_layout.py keeps this true.
"""
