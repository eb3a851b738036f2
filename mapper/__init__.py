"""mapper: conflict reporting to a traceable, reproducible incident map.

The package layout follows the pipeline:
articles -> extract -> geocode -> join -> render.
"""

__version__ = "0.1.0"
