"""The language Klankbord reads: its Dutch spaCy pipeline, entity values, the linear intent model.

Below the dialogue and the services (the report form reads entity values in a pupil's answer
through it), above the domain (its vocabulary). Rasa's components in ``bot.adapters.rasa`` wrap it.
"""
