"""The command line: `frontwatch extract | events | export | places ...`."""
