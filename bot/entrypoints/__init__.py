"""Entry points: the command line and the web apps. They build the app (bot.bootstrap) and call services."""
