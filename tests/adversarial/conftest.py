"""The adversarial suite uses the ``attacked`` assistant (tests/support/attacked.py, started once
per session in tests/conftest.py): default limits, and a canary in every attack."""
