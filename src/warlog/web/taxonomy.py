"""ACLED's event types and sub-event types for the web app: the one taxonomy of
:mod:`warlog.taxonomy` (``data/taxonomy.yaml``), re-exported under the names the web modules
import. Review edits are validated against it, drop-downs are filled from it and event types are
coloured by their position in it.
"""

from warlog.taxonomy import event_types, is_valid_pair, sub_event_types, type_index

__all__ = ["event_types", "is_valid_pair", "sub_event_types", "type_index"]
