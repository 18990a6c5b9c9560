from gapline.cli import main

raise SystemExit(main())
