"""Province profiles: every difference between provinces, as data in one YAML file each (infra/provinces/),
checked when loaded (schema.py), with the vocabularies they share (vocabulary.py)."""
