"""math_transform: entries come with the catalog issues."""
ENTRIES = ()
