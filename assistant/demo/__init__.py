"""Demo-data generation: layers true to the plan's figures, zones, land use, projects, parcels, subdivision.

Used only by layers.build. May import: layers (not build), plan, shared top-level modules.
"""
