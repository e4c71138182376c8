// PreferProjectTests: tests land with the module they cover.
