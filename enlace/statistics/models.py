"""Regional statistics."""
