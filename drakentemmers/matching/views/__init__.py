"""Views of the matching app, split by audience: organisations, therapists, message threads."""
