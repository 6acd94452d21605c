"""cycle: entries come with the catalog issues."""
ENTRIES = ()
