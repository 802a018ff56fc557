"""Work plan."""
