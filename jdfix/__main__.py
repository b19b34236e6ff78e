from jdfix.cli import main

main()
