"""The command line: `aynik` and `python -m game`, in one package.

`main` (game.cli.commands) parses the arguments and dispatches; `headless` runs `aynik sim` and
`aynik verify` without a window; `speedrun_args` and `speedrun` are the speedrun commands'
arguments and what they do; `mod_commands` is `aynik mod`. Every command imports its heavy
modules only when it runs, so `aynik --help` is instant. Nothing outside this package imports it
but `game.__main__` (and the tests).
"""

from game.cli.commands import main

__all__ = ["main"]
