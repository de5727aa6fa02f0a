"""Sales reporting app."""
