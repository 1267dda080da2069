"""Retrieval: embeddings, vector and keyword indexes, hybrid ranking, question answering."""
