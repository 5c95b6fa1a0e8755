"""Services: what the chat, the desk and the command line do with reports, over the ports in ``ports``."""
