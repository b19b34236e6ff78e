from jdfix.cli import program

program()
