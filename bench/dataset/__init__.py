"""A register the size of a mature centre's, generated reproducibly from a seed with bulk inserts.

Runs on top of the profile, the shipped ROR registry and the demo data (so the demo's records, and
the pages about them, exist at both scales). Partners are real registry entries (names in both
scripts, acronyms, aliases, places) topped up with generated Guangzhou companies; people are
fictional, with Chinese or English names; every record carries tags, and the change log holds a
create for every record plus updates, tied to related records as the live change log ties them.

`bulk_create` passes by the model signals, so the search index is rebuilt afterwards and the
change log is written here directly. Later issues add their models with one more `_make_…` step.
"""

from .maker import MATURE, Size, generate

__all__ = ["MATURE", "Size", "generate"]
