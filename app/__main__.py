"""`python -m app` is the same as the `vita` command."""

from app.cli import main

raise SystemExit(main())
