"""mapper: conflict reporting to a traceable, reproducible incident map.

The package layout follows the pipeline:
articles -> extract -> geocode -> join -> render.
"""

__version__ = "0.1.0"

from mapper.api import Toponym, geoparse  # noqa: E402 -- light: its heavy imports are inside geoparse

__all__ = ["Toponym", "geoparse", "__version__"]
