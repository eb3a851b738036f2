"""One exception tree for everything the library reports to a user.

The CLI turns any ``MapperError`` into a one-line message and a non-zero
exit status; anything else is a bug and keeps its traceback.
"""


class MapperError(Exception):
    """Base of every error a user can cause or fix."""


class InputError(MapperError):
    """An input file or value is unusable (names the file or value)."""


class CacheError(MapperError):
    """The geocode cache cannot be read or written safely."""


class GeocodeError(MapperError):
    """A provider could not answer for one name; the run goes on with its offline answer.

    ``NotAsked`` (the server stopped answering, so it is not asked), ``RedirectRefused``
    (Nominatim sent us to another host) and ``InvalidAnswer`` (no usable result:
    "latitude 95"). The last two are geopy errors too, so geopy-style callers that
    catch ``GeopyError`` keep catching them.
    """


class OverridesError(InputError):
    """The analyst overrides file is malformed."""


class OutputError(MapperError, OSError):
    """An output file or folder cannot be written (names the path and the reason).

    Raised at the file edge for disk full, a read-only folder and the like:
    "cannot write data/incidents.csv: No space left on device". Still an
    OSError, so code that caught a failed write as one keeps working.
    """


class ConfigurationError(MapperError):
    """A command was asked for something it cannot do as configured."""


class LexiconError(MapperError):
    """A vocabulary file of ``mapper/extract/lexicon/`` is malformed (names the file and line).

    "mapper/extract/lexicon/triggers.csv:41: duplicate pattern 'shelled' (first on line 12)":
    a broken rule file stops the run, it never changes extraction silently.
    """
