"""The deploy kit: per-province SAM configuration and the site's release (see README, "Deploying a province")."""
