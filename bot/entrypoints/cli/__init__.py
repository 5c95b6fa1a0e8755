"""``klankbord``: the command line, one module per area (``main`` wires them)."""
