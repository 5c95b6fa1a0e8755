"""The domain: plain typed Python, no Rasa, SQLAlchemy, Flask or environment."""
