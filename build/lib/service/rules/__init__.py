"""Rule files: their models, reading YAML with positions, loading and linking a ruleset."""
