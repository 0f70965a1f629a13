"""Tidings on Ray (the optional extra ``tidings[ray]``): the tidings.v1 service as a Ray Serve
application behind Serve's gRPC proxy (app.py), and batch jobs over JSON Lines of articles on
Ray Data (batch.py). Nothing here is imported by the plain server or the client; see README.md
in this folder for how data flows."""
