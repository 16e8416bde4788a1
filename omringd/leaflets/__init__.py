"""leaflets."""
