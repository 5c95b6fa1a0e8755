"""Helpers shared by the test suites (real servers on loopback, not mocks)."""
