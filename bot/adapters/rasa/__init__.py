"""Rasa's side: the guarded chat channel and what keeps message texts out of its logs."""
