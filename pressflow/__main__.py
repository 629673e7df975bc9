from pressflow.cli.commands import main

main()
