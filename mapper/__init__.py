"""mapper: conflict reporting to a traceable, reproducible incident map.

The package layout follows the pipeline:
articles -> extract -> geocode -> join -> render.
"""

__version__ = "0.1.0"

# Light: their heavy imports are inside the functions. ``mapper.extract`` is also the
# extraction package: importing it replaces this attribute with the package, which is
# callable the same way (mapper/extract/__init__.py), so ``mapper.extract(text)`` always works.
from mapper.api import Built, Toponym, build, extract, geoparse  # noqa: E402

__all__ = ["Built", "Toponym", "build", "extract", "geoparse", "__version__"]
