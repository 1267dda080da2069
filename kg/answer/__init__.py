"""Typed answers: what a question asks for (question), the span of that type a candidate sentence states
(spans), and the answer line in the asker's language composed from the span and the graph's labels (render)."""
