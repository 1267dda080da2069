"""Ingest pipeline: load → normalize → segment → metadata → extract → link → emit."""
