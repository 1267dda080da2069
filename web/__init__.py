"""The analysts' web interface: server-rendered pages over the same Service the JSON API uses."""
