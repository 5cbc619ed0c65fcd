from ngoaigiao.cli import main

raise SystemExit(main())
