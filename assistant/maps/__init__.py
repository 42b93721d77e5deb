"""Map pictures: layer features drawn with matplotlib, legend, scale bar, fonts, optional basemap tiles.

May import: layers, plan, shared top-level modules.
"""
