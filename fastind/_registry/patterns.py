"""patterns: entries come with the catalog issues."""
ENTRIES = ()
