"""Finding entries by what a person types, listing them, and searching them."""
