"""Adapters: the outside systems (Rasa, storage, mail, spaCy) behind the domain's terms."""
