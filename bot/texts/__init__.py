"""Every text a pupil, parent or staff member reads."""
